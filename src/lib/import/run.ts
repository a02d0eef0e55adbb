import { access } from "node:fs/promises";
import path from "node:path";
import type { Partner } from "../config/partners.ts";
import { ARTICLE_OWN_FIELDS } from "../config/sections.ts";
import type { SiteConfig } from "../config/site-config.ts";
import { DateTime } from "luxon";
import { parseFrontMatter } from "../content/front-matter.ts";
import { withdrawnRecord } from "../content/withdrawal-record.ts";
import { formatIsoDateTime } from "../core/dates.ts";
import { comparable } from "./text.ts";
import type { WireItem } from "./wire-item.ts";
import { readReleases } from "./detect.ts";
import { readInput, type FetchLimits } from "./fetch.ts";
import type { ImportConfig } from "./import-config.ts";
import { loadPhoto, PhotoRejected, type PhotoSource, type VerifiedPhoto } from "./photo-file.ts";
import { prepareRelease, type PreparedRelease } from "./release.ts";
import { CompanyProfiles } from "./company-profiles.ts";
import {
  contentHash,
  editedSinceImport,
  newArticlePath,
  scanExistingArticles,
  serializeArticle,
  writeFileAtomic,
  type ExistingArticle,
} from "./store.ts";

export type Outcome = "new" | "updated" | "unchanged" | "withdrawn" | "withheld" | "conflict" | "skipped" | "failed";
export const OUTCOMES: readonly Outcome[] = [
  "new",
  "updated",
  "unchanged",
  "withdrawn",
  "withheld",
  "conflict",
  "skipped",
  "failed",
];

export interface ItemReport {
  origin: string;
  outcome: Outcome;
  /** The article file, relative to the project, when there is one. */
  file?: string;
  reason?: string;
  notes: string[];
}

export interface ImportOptions {
  inputs: readonly string[];
  articlesDir: string;
  /** The company profiles: a new issuer gets one, an importer-written one is completed. */
  companiesDir: string;
  /** Paths in reports are shown relative to this folder. */
  displayRoot: string;
  site: Pick<SiteConfig, "timeZone" | "sections" | "language">;
  partners: readonly Partner[];
  config: ImportConfig;
  partner?: string;
  /** Publish under `partner` even when a dateline names another wire. */
  relabel?: boolean;
  /** The headline, for a single release pasted without one. */
  title?: string;
  include?: readonly string[];
  exclude?: readonly string[];
  dryRun?: boolean;
  stdin?: NodeJS.ReadableStream;
  feedLimits?: FetchLimits;
  photoLimits?: FetchLimits;
  /** Called once per item as it is decided: the progress line. */
  onItem?: (report: ItemReport, index: number) => void;
}

export interface ImportSummary {
  items: ItemReport[];
  counts: Record<Outcome, number>;
}

/** Two copies of one release from two wires: same headline and issuer within this time. */
const DUPLICATE_WINDOW_MS = 48 * 60 * 60 * 1000;

/**
 * Imports every release of every input. One bad input or item never stops the others;
 * every item ends in exactly one outcome, with its reason.
 */
export async function importReleases(options: ImportOptions): Promise<ImportSummary> {
  const { timeZone } = options.site;
  const existing = await scanExistingArticles(options.articlesDir, timeZone);
  const byGuid = new Map(
    existing.filter((article) => article.guid).map((article) => [article.guid as string, article]),
  );
  const taken = {
    files: new Set(existing.map((article) => article.absolute)),
    urls: new Set(existing.flatMap((article) => (article.url ? [article.url] : []))),
  };
  const items: ItemReport[] = [];
  const display = (file: string): string => path.relative(options.displayRoot, file).split(path.sep).join("/");
  const profiles = await CompanyProfiles.scan(options.companiesDir, display);
  const report = (item: ItemReport): void => {
    items.push(item);
    options.onItem?.(item, items.length);
  };

  for (const input of options.inputs) {
    let feed;
    try {
      const source = await readInput(input, {
        ...(options.stdin ? { stdin: options.stdin } : {}),
        ...(options.feedLimits ? { limits: options.feedLimits } : {}),
      });
      feed = { source, result: readReleases(source.text, source.name) };
    } catch (error) {
      report({
        origin: input,
        outcome: "failed",
        reason: (error as Error).message.replace(`${input}: `, ""),
        notes: [],
      });
      continue;
    }
    const { source, result } = feed;
    const photoSource: PhotoSource = { ...source, ...(options.photoLimits ? { limits: options.photoLimits } : {}) };
    for (const failure of result.failures)
      report({ origin: failure.origin, outcome: "failed", reason: failure.reason, notes: [] });
    const feedSettings = options.config.feeds.find((settings) => input.includes(settings.match));
    if (result.items.length === 0 && result.failures.length === 0) {
      report({
        origin: input,
        outcome: "failed",
        reason: `no releases found in this ${result.format} input`,
        notes: [],
      });
    }

    if (options.title !== undefined && result.items.length > 1) {
      report({
        origin: input,
        outcome: "failed",
        reason: `--title gives one headline, but this input holds ${result.items.length} releases: import it without --title`,
        notes: [],
      });
      continue;
    }
    for (const item of result.items) {
      try {
        if (item.status) {
          report(await applyWireStatus(item, item.status, byGuid.get(item.guid?.trim() ?? ""), options, display));
          continue;
        }
        const prepared = prepareRelease(item, {
          timeZone,
          siteLanguage: options.site.language,
          sections: options.site.sections,
          partners: options.partners,
          config: options.config,
          include: options.include ?? [],
          exclude: options.exclude ?? [],
          ...(options.partner ? { partner: options.partner } : {}),
          ...(options.relabel ? { relabel: true } : {}),
          ...(options.title !== undefined ? { title: options.title } : {}),
          ...(feedSettings ? { feed: feedSettings } : {}),
          ...(result.wire ? { wire: result.wire } : {}),
          ...(source.baseUrl ? { baseUrl: source.baseUrl } : {}),
        });
        if (prepared.kind === "skipped") {
          report({ origin: item.origin, outcome: "skipped", reason: prepared.reason, notes: [] });
          continue;
        }
        const release = prepared.release;
        const current = byGuid.get(release.guid);
        if (!current) {
          const duplicate = findDuplicate(release, existing);
          if (duplicate) {
            report({
              origin: item.origin,
              outcome: "skipped",
              reason: `duplicate of ${display(duplicate.absolute)} (same headline and issuer within 48 hours, from another wire)`,
              file: display(duplicate.absolute),
              notes: [],
            });
            continue;
          }
        }
        const file = current?.absolute ?? newArticlePath(options.articlesDir, release.title, release.date, taken);
        const photos = await loadPhotos(release, photoSource);
        const text = serializeArticle(withImages(release.fields, photos.loaded), release.body, release.revision);
        const notes = [...release.notes, ...photos.notes];
        const base = { origin: item.origin, file: display(file), notes };

        if (current) {
          if (current.importHash === contentHash(text)) {
            report({ ...base, outcome: "unchanged" });
            continue;
          }
          if (isOlderRevision(release.revision, current.revision)) {
            report({
              ...base,
              outcome: "unchanged",
              reason: `revision ${release.revision} is older than the file's revision ${current.revision}`,
            });
            continue;
          }
          if (editedSinceImport(current)) {
            const why =
              current.importHash === undefined
                ? "the file was not written by the importer"
                : "an editor has changed the file since it was imported";
            report({
              ...base,
              outcome: "conflict",
              reason: `the wire sent a new version, but ${why}: left untouched (merge by hand, or delete the file and import again)`,
            });
            continue;
          }
        }
        if (!options.dryRun) {
          for (const photo of photos.loaded) {
            // Named by content: a file of that name already holds these bytes.
            const target = path.join(path.dirname(file), photo.verified.fileName);
            if (!(await exists(target))) await writeFileAtomic(target, photo.verified.bytes);
          }
          await writeFileAtomic(file, text, { exclusive: !current });
        }
        const article: ExistingArticle = current ?? { absolute: file, text, companies: [] };
        Object.assign(article, {
          text,
          guid: release.guid,
          importHash: contentHash(text),
          revision: release.revision,
          title: release.title,
          date: release.date,
          companies: release.issuer ? [release.issuer] : [],
        });
        if (!current) {
          existing.push(article);
          byGuid.set(release.guid, article);
          taken.files.add(file);
        }
        if (release.issuer)
          notes.push(
            ...(await profiles.record(
              {
                name: release.issuer,
                body: release.body,
                guid: release.guid,
                ...(release.company ? { company: release.company } : {}),
                ...(release.located ? { located: release.located } : {}),
              },
              { dryRun: options.dryRun ?? false, photoSource },
            )),
          );
        report({ ...base, outcome: current ? "updated" : "new" });
      } catch (error) {
        // ItemError, UserError (fetch, limits) or anything else: this item fails, the run goes on.
        if (!(error instanceof Error)) throw error;
        report({ origin: item.origin, outcome: "failed", reason: error.message, notes: [] });
      }
    }
  }
  const counts = Object.fromEntries(
    OUTCOMES.map((outcome) => [outcome, items.filter((item) => item.outcome === outcome).length]),
  ) as Record<Outcome, number>;
  return { items, counts };
}

/**
 * A wire's kill or hold for a release already imported: canceled withdraws it (the file keeps
 * only its record), withheld unpublishes it (`draft: true`) until a usable version arrives and
 * updates it. A file an editor has changed is left alone, as any update would be.
 */
async function applyWireStatus(
  item: WireItem,
  status: NonNullable<WireItem["status"]>,
  current: ExistingArticle | undefined,
  options: ImportOptions,
  display: (file: string) => string,
): Promise<ItemReport> {
  const said = `the wire marked it ${status.said}`;
  if (!current)
    return {
      origin: item.origin,
      outcome: "skipped",
      reason: `${said}, and no article holds it: nothing to do`,
      notes: [],
    };
  const base = { origin: item.origin, file: display(current.absolute), notes: [] };
  const parsed = parseFrontMatter(current.text, current.absolute);
  if (editedSinceImport(current) || Array.isArray(parsed)) {
    const next =
      status.kind === "canceled" ? "withdraw it with npm run withdraw" : "unpublish it by hand (draft: true)";
    return { ...base, outcome: "conflict", reason: `${said}, but an editor has changed the file: ${next}` };
  }
  const revision = typeof current.revision === "string" ? current.revision : undefined;
  const { imported: _imported, ...fields } = parsed.data;
  let text: string;
  if (status.kind === "canceled") {
    if (fields.withdrawn) return { ...base, outcome: "unchanged", reason: `${said}; already withdrawn` };
    const when = formatIsoDateTime(DateTime.now().setZone(options.site.timeZone).startOf("second"));
    const record = withdrawnRecord(fields, { date: when, reason: `The wire canceled the release (${status.said})` });
    text = serializeArticle(record.fields, "", revision);
  } else {
    if (fields.draft === true) return { ...base, outcome: "unchanged", reason: `${said}; already unpublished` };
    text = serializeArticle({ ...fields, draft: true }, parsed.body, revision);
  }
  if (!options.dryRun) await writeFileAtomic(current.absolute, text);
  Object.assign(current, { text, importHash: contentHash(text) });
  return {
    ...base,
    outcome: status.kind === "canceled" ? "withdrawn" : "withheld",
    reason:
      status.kind === "canceled"
        ? `${said}: withdrawn (the next build answers its URL with 410 Gone and shows it nowhere)`
        : `${said}: unpublished until the wire sends a usable version, which will update it`,
  };
}

interface LoadedPhoto {
  verified: VerifiedPhoto;
  alt: string;
  caption?: string;
  credit?: string;
}

async function loadPhotos(
  release: PreparedRelease,
  source: PhotoSource,
): Promise<{ loaded: LoadedPhoto[]; notes: string[] }> {
  const loaded: LoadedPhoto[] = [];
  const notes: string[] = [];
  for (const photo of release.photos) {
    try {
      const verified = await loadPhoto(photo.url, source);
      if (loaded.some((other) => other.verified.fileName === verified.fileName)) continue;
      const alt = photo.alt ?? photo.caption;
      if (!alt)
        notes.push(
          `photo ${verified.fileName} has no caption or alt text: its alt text is the headline; describe the photo`,
        );
      loaded.push({
        verified,
        alt: alt ?? `Photo for: ${release.title}`,
        ...(photo.caption ? { caption: photo.caption } : {}),
        ...(photo.credit ? { credit: photo.credit } : {}),
      });
    } catch (error) {
      if (!(error instanceof PhotoRejected)) throw error;
      notes.push(`left out photo ${photo.url}: ${error.message}`);
    }
  }
  return { loaded, notes };
}

/** The front matter with `images` placed before the directory sections' lists, where editors look for it. */
function withImages(fields: Record<string, unknown>, photos: readonly LoadedPhoto[]): Record<string, unknown> {
  if (photos.length === 0) return fields;
  const images = photos.map((photo) => ({
    src: photo.verified.fileName,
    alt: photo.alt,
    ...(photo.caption ? { caption: photo.caption } : {}),
    ...(photo.credit ? { credit: photo.credit } : {}),
  }));
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!result.images && !(ARTICLE_OWN_FIELDS as readonly string[]).includes(key)) result.images = images;
    result[key] = value;
  }
  result.images ??= images;
  return result;
}

function isOlderRevision(incoming: string | undefined, stored: string | undefined): boolean {
  if (incoming === undefined || stored === undefined) return false;
  const a = Number(incoming);
  const b = Number(stored);
  return Number.isFinite(a) && Number.isFinite(b) && a < b;
}

function findDuplicate(release: PreparedRelease, articles: readonly ExistingArticle[]): ExistingArticle | undefined {
  const title = comparable(release.title);
  const issuer = release.issuer ? comparable(release.issuer) : undefined;
  return articles.find((article) => {
    if (!article.title || !article.date || article.guid === release.guid) return false;
    if (comparable(article.title) !== title) return false;
    if (Math.abs(article.date.toMillis() - release.date.toMillis()) > DUPLICATE_WINDOW_MS) return false;
    if (!issuer || article.companies.length === 0) return true;
    return article.companies.some((company) => comparable(company) === issuer);
  });
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
