import { createHash } from "node:crypto";
import { DateTime } from "luxon";
import { formatIsoDateTime } from "../core/dates.ts";
import { removeControlCharacters } from "../core/fields.ts";
import type { Partner } from "../config/partners.ts";
import { nestingProblem } from "../content/html-policy.ts";
import { cleanReleaseBody, notAPhoto, type CleanBody } from "./body.ts";
import { matchDateline, wireKey } from "./dateline.ts";
import { collapse } from "./dom.ts";
import { textToMarkdown } from "./markdown-writer.ts";
import { listSections, type Section } from "../config/sections.ts";
import { filterReason, mapKeywords, type FeedSettings, type ImportConfig } from "./import-config.ts";
import { countryName, countryOfPlace } from "./places.ts";
import { comparable } from "./text.ts";
import type { WireCompany, WireItem, WirePhoto } from "./wire-item.ts";

/** Why one item could not become an article; the run goes on with the others. */
export class ItemError extends Error {}

export interface ReleaseContext {
  timeZone: string;
  /** The site's language: a release in another one says so in its front matter. */
  siteLanguage: string;
  /** The site's sections: the release gets a front-matter list for each with a field. */
  sections: readonly Section[];
  partners: readonly Partner[];
  config: ImportConfig;
  /**
   * `--partner`, or the partner the feed settings name: the wire when the item does not say;
   * a dateline naming another wire wins unless `relabel` is set.
   */
  partner?: string;
  /** `--relabel`: publish under `partner` even when the dateline names another wire. */
  relabel?: boolean;
  /** `--title`: the headline, for a paste that lacks one. */
  title?: string;
  feed?: FeedSettings;
  /** Extra include/exclude filters given on the command line. */
  include: readonly string[];
  exclude: readonly string[];
  /** The feed's own title or provider. */
  wire?: string;
  /** Base for relative links when the item has no link of its own (the feed's URL). */
  baseUrl?: string;
}

/** One release ready to be written, before its photos are fetched. */
export interface PreparedRelease {
  guid: string;
  revision?: string;
  title: string;
  date: DateTime;
  issuer?: string;
  /** What the release says about its issuer, for the company's profile. */
  company?: WireCompany;
  /** Where the wire says the release was written (NewsML-G2 `located`). */
  located?: { city?: string; country?: string };
  /** Front matter in the order editors read it; `images` is added once photos are stored. */
  fields: Record<string, unknown>;
  photos: WirePhoto[];
  body: string;
  notes: string[];
}

export type Prepared = { kind: "release"; release: PreparedRelease } | { kind: "skipped"; reason: string };

export function prepareRelease(wireItem: WireItem, context: ReleaseContext): Prepared {
  const { item, note: controlNote } = withoutControlCharacters(wireItem);
  const title = collapse(context.title ?? item.title ?? "");
  if (!title)
    throw new ItemError(
      item.headlineMissing
        ? `no headline: ${item.headlineMissing}; give it with --title "…", or paste it as the first line`
        : 'no headline: expected a title (RSS/Atom `title`, NewsML `headline`/`HeadLine`, a page\'s `h1`, or the first line of pasted text); give it with --title "…"',
    );

  const filters = {
    include: [...context.config.include, ...(context.feed?.include ?? []), ...context.include],
    exclude: [...context.config.exclude, ...(context.feed?.exclude ?? []), ...context.exclude],
  };
  const skip = filterReason(title, item.keywords, filters.include, filters.exclude);
  if (skip) return { kind: "skipped", reason: skip };

  const notes: string[] = controlNote ? [controlNote] : [];
  const tooDeep = nestingProblem(item.bodyHtml ?? "");
  if (tooDeep) throw new ItemError(`body: expected ${tooDeep.expected}, found ${tooDeep.found}`);
  const baseUrl = item.link && /^https?:/i.test(item.link) ? item.link : context.baseUrl;
  const body = cleanReleaseBody(item.bodyHtml ?? "", {
    ...(baseUrl ? { baseUrl } : {}),
    ...(context.baseUrl ? { photoBaseUrl: context.baseUrl } : {}),
    partners: context.partners,
    title,
    ...(item.language ? { language: item.language } : {}),
    captions: item.photos.flatMap((photo) => [photo.caption, photo.alt]).filter((text): text is string => !!text),
  });
  if (body.markdown.trim() === "")
    throw new ItemError("no body text left after cleaning: expected the release's paragraphs");

  const partner = resolvePartner(body.dateline?.tag, [item.wire, context.wire], context, notes);
  const date = releaseDate(item, body.dateline?.date, context.timeZone);
  const updated = item.updated ? parseWireDate(item.updated, context.timeZone) : undefined;
  const mapped = mapKeywords(item.keywords, context.config, countryName);

  const place = body.dateline?.place ?? placeFromDatelineText(item.dateline) ?? item.located?.city?.toUpperCase();
  if (!place) {
    throw new ItemError(
      'no dateline: expected the body to start with one such as "BEIJING, Oct. 24, 2023 /PRNewswire/ --" (or the feed to give the place)',
    );
  }
  const country =
    countryOfPlace(place) ??
    (item.located?.country ? (countryName(item.located.country) ?? item.located.country) : undefined) ??
    mapped.country;

  const issuer = [item.issuer, body.issuer, issuerFromFirstSentence(body.markdown)]
    .map((name) => (name ? collapse(name) : undefined))
    .find((name): name is string => !!name && !isWireName(name, context.partners));
  const guid = item.guid?.trim() || syntheticGuid(item.link, title, item.published ?? "");
  const feedPhotos = item.photos.filter((photo) => {
    const reason = notAPhoto(photo.url, photo.width, photo.height);
    if (reason) notes.push(reason);
    return !reason;
  });
  const photos = mergePhotos(feedPhotos, body.photos).map(({ width: _w, height: _h, ...photo }) => photo);
  const { summary, markdown: bodyMarkdown } = chooseSummary(item.summary, title, body);
  const originalUrl = body.originalUrl ?? (item.link && /^https?:\/\//i.test(item.link) ? item.link : undefined);
  const source = body.source ?? (item.sourceName ? { name: item.sourceName } : undefined);

  const fields: Record<string, unknown> = { title };
  if (summary && comparable(summary) !== comparable(title)) fields.summary = summary;
  fields.date = date.text;
  if (updated && updated.toMillis() > date.time.toMillis()) fields.updated = formatIsoDateTime(updated);
  fields.dateline = country ? { city: place, country } : { city: place };
  fields.partner = partner.id;
  const language = releaseLanguage(body.dateline?.language, item.language, context.siteLanguage);
  if (language) fields.language = language;
  fields.guid = guid;
  if (source) fields.source = source;
  if (item.copyright) fields.copyright = collapse(item.copyright);
  if (body.correctionNotices.length > 0) {
    const when = updated && updated > date.time ? updated : date.time;
    fields.corrections = body.correctionNotices.map((text) => ({ date: formatIsoDateTime(when), text }));
  }
  const pixel = body.trackingPixels.find((url) => /^https:\/\//i.test(url));
  if (pixel && partner.trackingPixel === "keep") {
    fields.trackingPixel = pixel;
    // The body's note said it was dropped: for this partner it is kept instead.
    const dropped = body.notes.indexOf("dropped a tracking pixel");
    if (dropped >= 0) body.notes.splice(dropped, 1);
    body.notes.push(`kept the wire's tracking pixel (${partner.name}: trackingPixel keep)`);
  }
  if (originalUrl) fields.originalUrl = originalUrl;
  for (const section of listSections(context.sections)) {
    // The issuer is the release's company; the other lists are what its keywords map to.
    fields[section.field] = section.key === "companies" ? (issuer ? [issuer] : []) : (mapped.terms[section.key] ?? []);
  }

  const markdown = removeControlCharacters(bodyMarkdown);
  notes.push(...(item.notes ?? []), ...body.notes);
  if (markdown.removed.length > 0) notes.push(controlCharactersNote(markdown.removed, ["the body's entities"]));
  const release: PreparedRelease = { guid, title, date: date.time, fields, photos, body: markdown.text, notes };
  if (item.revision) release.revision = item.revision;
  if (issuer) release.issuer = issuer;
  if (item.company) release.company = item.company;
  if (item.located?.country) release.located = item.located;
  return { kind: "release", release };
}

/**
 * The summary: the feed's own, unless it only repeats the headline or the body's opening (often
 * cut short with "..."); then the sub-headlines printed above the dateline, if any. Sub-headlines
 * not used as the summary stay at the top of the body. Each choice is noted.
 */
function chooseSummary(
  wireSummary: string | undefined,
  title: string,
  body: CleanBody,
): { summary?: string; markdown: string } {
  const notes = body.notes;
  let summary = wireSummary ? collapse(wireSummary) : undefined;
  if (summary && comparable(summary) === comparable(title)) summary = undefined;
  if (summary && repeatsOpening(summary, body.openingTexts)) {
    notes.push(
      `dropped the feed's summary: it repeats the start of the release${/(?:\.\.\.|…)$/.test(summary) ? ", cut short" : ""} (${JSON.stringify(summary.slice(0, 60))})`,
    );
    summary = undefined;
  }
  if (!body.lead) return { ...(summary ? { summary } : {}), markdown: body.markdown };
  if (!summary && !repeatsOpening(body.lead, body.openingTexts)) {
    notes.push(
      `took the sub-headline printed above the dateline as the summary (${JSON.stringify(body.lead.slice(0, 60))})`,
    );
    return { summary: body.lead, markdown: body.markdown };
  }
  notes.push(
    `kept the sub-headline printed above the dateline at the top of the body (${JSON.stringify(body.lead.slice(0, 60))})`,
  );
  return { ...(summary ? { summary } : {}), markdown: `${textToMarkdown(body.lead)}\n\n${body.markdown}` };
}

/** The summary says nothing the release's first paragraphs do not already start with. */
function repeatsOpening(summary: string, openingTexts: readonly string[]): boolean {
  const lead = comparable(summary.replace(/(?:\.{3,}|…)\s*$/, "")).slice(0, 80);
  return lead.length > 0 && openingTexts.some((text) => comparable(text).startsWith(lead));
}

/**
 * The wire that sent the release: the one its dateline names (a configured partner's tag), else
 * `--partner` or the feed's setting, else the feed's own name. A dateline naming another wire
 * than `--partner` is refused, unless `--relabel` says to publish it under that partner anyway.
 */
function resolvePartner(
  tag: string | undefined,
  hints: (string | undefined)[],
  context: ReleaseContext,
  notes: string[],
): Partner {
  const ids = context.partners.map((p) => p.id).join(", ");
  const byId = (id: string): Partner => {
    const partner = context.partners.find((candidate) => candidate.id === id);
    if (!partner) throw new ItemError(`--partner: expected one of ${ids}, found ${JSON.stringify(id)}`);
    return partner;
  };
  const chosen = context.partner ?? context.feed?.partner;
  const named = tag ? partnerOfTag(tag, context.partners) : undefined;
  if (chosen) {
    const partner = byId(chosen);
    if (!tag || named === partner) return partner;
    if (!context.relabel)
      throw new ItemError(
        `the dateline names the wire "${tag}", not ${partner.name} (--partner ${partner.id}): a release is published under the wire that sent it; give --relabel to publish it as ${partner.name} anyway`,
      );
    notes.push(`published as ${partner.name} (--relabel) although the dateline names "${tag}"`);
    return partner;
  }
  if (tag) {
    if (named) return named;
    throw new ItemError(
      `unknown wire "${tag}" in the dateline: expected the tag of a configured partner (${context.partners.map((p) => p.datelineTag).join(", ")}); to import releases from this wire, add it to src/data/partners.ts with datelineTag "${tag}"`,
    );
  }
  for (const hint of hints) {
    if (!hint) continue;
    const key = wireKey(hint);
    const partner = context.partners.find((candidate) =>
      [candidate.datelineTag, candidate.name, candidate.id].some((name) => key.includes(wireKey(name))),
    );
    if (partner) return partner;
  }
  throw new ItemError(
    `unknown wire: the dateline has no wire tag and the feed names no configured partner; give --partner <id> (${ids}) if you know which wire sent it`,
  );
}

/**
 * The release's language, when it is not the site's: the dateline's month names it best
 * ("26 mai 2020" is French whatever the feed's metadata says); else the feed's language tag.
 */
function releaseLanguage(
  fromDateline: string | undefined,
  fromFeed: string | undefined,
  siteLanguage: string,
): string | undefined {
  const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0] ?? "";
  const feed = fromFeed && /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(fromFeed) ? primary(fromFeed) : undefined;
  const language = fromDateline ?? feed;
  return language && language !== primary(siteLanguage) ? language : undefined;
}

/** The configured partner whose dateline tag (or name) the tag is. */
function partnerOfTag(tag: string, partners: readonly Partner[]): Partner | undefined {
  const key = wireKey(tag);
  return (
    partners.find((candidate) => wireKey(candidate.datelineTag) === key) ??
    partners.find((candidate) => key.startsWith(wireKey(candidate.datelineTag)) || key === wireKey(candidate.name))
  );
}

function isWireName(name: string, partners: readonly Partner[]): boolean {
  const key = wireKey(name);
  return partners.some((partner) => [partner.datelineTag, partner.name].some((wire) => wireKey(wire) === key));
}

/** The publication time: the feed's own, else the dateline's date (a date without a time). */
function releaseDate(
  item: WireItem,
  datelineDate: { year: number; month: number; day: number } | undefined,
  zone: string,
): { text: string; time: DateTime } {
  if (item.published) {
    const parsed = parseWireDate(item.published, zone);
    if (!parsed)
      throw new ItemError(
        `publication date: expected an RFC 822 or ISO 8601 date-time, found ${JSON.stringify(item.published)}`,
      );
    return { text: formatIsoDateTime(parsed), time: parsed };
  }
  if (datelineDate) {
    const time = DateTime.fromObject(datelineDate, { zone });
    if (time.isValid) return { text: time.toISODate() ?? "", time };
  }
  throw new ItemError('no publication date: expected a date in the feed or in the dateline (such as "Oct. 24, 2023")');
}

/** RFC 822 (`Tue, 03 Nov 2026 09:00:00 +0700`), ISO 8601, or NewsML's basic `20261105T140000Z`. */
export function parseWireDate(text: string, zone: string): DateTime | undefined {
  const trimmed = text.trim();
  const candidates = [
    DateTime.fromRFC2822(trimmed, { setZone: true }),
    DateTime.fromISO(trimmed, { zone, setZone: true }),
    DateTime.fromFormat(trimmed, "yyyyMMdd'T'HHmmssZZZ", { setZone: true }),
    DateTime.fromFormat(trimmed, "yyyyMMdd'T'HHmmss'Z'", { zone: "UTC", setZone: true }),
  ];
  return candidates.find((candidate) => candidate.isValid);
}

/** NewsML 1.2 `DateLine` element: `GREENWICH, Conn.` (sometimes with a date after it). */
function placeFromDatelineText(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const parsed = matchDateline(`${text} -- `);
  if (parsed) return parsed.place;
  const place = collapse(
    text.replace(/,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}.*$/i, ""),
  );
  return place || undefined;
}

const ANNOUNCES =
  /^(\p{Lu}[\p{L}\p{N}&.,'’\- ]{1,70}?)(?:\s*\([^()]{1,60}\))?,?\s+(?:today\b|(?:has\s+|have\s+)?(?:announced|announces|unveiled|unveils|launched|launches|reported|reports|introduced|introduces|opened|opens|closed|closes|signed|signs|appointed|appoints|completed|completes|commissioned|commissions|released|releases|delivered|delivers|expanded|expands|named|names)\b)/u;

/** "Acme Robotics Inc. (NASDAQ: ACME) today announced …" → "Acme Robotics Inc." */
function issuerFromFirstSentence(markdown: string): string | undefined {
  const first = markdown.split("\n")[0]?.replace(/\\(.)/g, "$1") ?? "";
  const name = ANNOUNCES.exec(first)?.[1]?.replace(/,$/, "").trim();
  if (!name || /^(?:The|A|An|This|Our|Its|It|We|They|Today)\b/.test(name)) return undefined;
  return name;
}

export function syntheticGuid(link: string | undefined, title: string, date: string): string {
  const normalizedLink = (link ?? "")
    .trim()
    .replace(/[?#].*$/, "")
    .replace(/\/+$/, "")
    .toLowerCase();
  const digest = createHash("sha256")
    .update(`${normalizedLink}\n${comparable(title)}\n${date.trim()}`)
    .digest("hex");
  return `urn:dateline:import:${digest.slice(0, 32)}`;
}

function mergePhotos(fromFeed: readonly WirePhoto[], fromBody: readonly WirePhoto[]): WirePhoto[] {
  const photos: WirePhoto[] = [];
  for (const photo of [...fromFeed, ...fromBody]) {
    const existing = photos.find((candidate) => candidate.url === photo.url);
    if (existing) {
      existing.caption ??= photo.caption;
      existing.alt ??= photo.alt;
      existing.credit ??= photo.credit;
      continue;
    }
    photos.push({ ...photo });
  }
  for (const photo of photos) {
    if (photo.caption) photo.caption = collapse(photo.caption.replace(/^photo\s*[-–—:]\s*/i, ""));
    if (photo.alt) photo.alt = collapse(photo.alt);
    // The same words as alt text and as caption: one caption, and the alt says the same.
    if (photo.caption && photo.alt && comparable(photo.caption) === comparable(photo.alt)) photo.alt = photo.caption;
  }
  return photos;
}

/**
 * The item with every control character taken out of its text: they are invalid in the feeds
 * and sitemaps the article will reach, and the build refuses them. The note says what went.
 */
function withoutControlCharacters(item: WireItem): { item: WireItem; note?: string } {
  const removed: string[] = [];
  const fields = new Set<string>();
  const clean = (value: unknown, field: string): unknown => {
    if (typeof value === "string") {
      const result = removeControlCharacters(value);
      if (result.removed.length > 0) {
        removed.push(...result.removed);
        fields.add(field);
      }
      return result.text;
    }
    if (Array.isArray(value)) return value.map((entry) => clean(entry, field));
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, clean(entry, field)]));
    return value;
  };
  const cleaned = Object.fromEntries(
    Object.entries(item).map(([key, value]) => [key, clean(value, key)]),
  ) as unknown as WireItem;
  return removed.length > 0
    ? {
        item: cleaned,
        note: controlCharactersNote(
          removed,
          [...fields].map((field) => ITEM_PARTS[field] ?? field),
        ),
      }
    : { item };
}

/** WireItem fields as an editor reading the import report knows them. */
const ITEM_PARTS: Record<string, string> = {
  title: "the headline",
  summary: "the summary",
  bodyHtml: "the body",
  dateline: "the dateline",
  located: "the place",
  keywords: "the keywords",
  photos: "the photos' texts",
  issuer: "the issuer",
  sourceName: "the source",
  wire: "the wire's name",
};

function controlCharactersNote(removed: string[], fields: string[]): string {
  const kinds = [...new Set(removed)].join(", ");
  return `removed ${removed.length} control character${removed.length === 1 ? "" : "s"} (${kinds}) from ${fields.join(", ")}: feeds and sitemaps cannot carry them`;
}
