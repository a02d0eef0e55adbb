import type { DateTime } from "luxon";
import { inOwnOffset, parseArticleDate } from "../core/dates.ts";
import { CONTROL_FREE, controlCharacter, FieldReader, isHttpUrl, isPlainRecord } from "../core/fields.ts";
import { nestingProblem } from "./html-policy.ts";
import type { Problem } from "../core/problems.ts";
import { isLanguageTag } from "../config/site-config.ts";
import { ARTICLE_OWN_FIELDS, listSections, type Section } from "../config/sections.ts";

/** Every front-matter field an article may have: its own, then one list per section with a field. */
export function articleFields(sections: readonly Section[]): string[] {
  return [...ARTICLE_OWN_FIELDS, ...listSections(sections).map((section) => section.field)];
}
const IMPORTED_FIELDS = ["hash", "revision"] as const;
const IMPORT_HASH = /^sha256-[0-9a-f]{64}$/;
const DATELINE_FIELDS = ["city", "country"] as const;
const SOURCE_FIELDS = ["name", "title", "url"] as const;
const IMAGE_FIELDS = ["src", "alt", "caption", "credit"] as const;

export const PHOTO_EXTENSIONS = [".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".tif", ".tiff"] as const;

export interface ArticleImageFields {
  /** Path relative to the article file, e.g. `harbour-crane.jpg`. */
  src: string;
  alt: string;
  caption?: string;
  credit?: string;
}

export interface ArticleFields {
  title: string;
  summary?: string;
  date: DateTime;
  /** `date` in the offset the file wrote it in: the dateline prints this calendar date. */
  datelineDate: DateTime;
  dateline: { city: string; country?: string };
  partner: string;
  guid?: string;
  source?: { name: string; title?: string; url?: string };
  originalUrl?: string;
  images: ArticleImageFields[];
  /**
   * Taken down (a wire's kill, an issuer's or the wire's request): when and why. The file keeps
   * only this record; the site answers 410 Gone at the article's URL and shows it nowhere.
   */
  withdrawn?: { date: DateTime; reason: string };
  /** The wire's tracking pixel, kept when its partner says `trackingPixel: keep` (an https URL). */
  trackingPixel?: string;
  /** The wire's copyright line, as it sent it ("Copyright Business Wire 2026"). */
  copyright?: string;
  /** Site paths the article was published at before (renamed, re-dated): redirected here with 301. */
  aliases: string[];
  /** Corrections published with the release, oldest first: each shown as a labelled note. */
  corrections: Array<{ date: DateTime; text: string }>;
  /** The release's language when it is not the site's (`fr`): its dateline is printed in it. */
  language?: string;
  /** The names the article lists for each section with a front-matter field, by section key. */
  terms: Record<string, string[]>;
  draft: boolean;
  embargo?: DateTime;
  updated?: DateTime;
}

export interface ArticleSchemaContext {
  file: string;
  timeZone: string;
  partnerIds: readonly string[];
  sections: readonly Section[];
}

const DATE_EXPECTED =
  "an ISO 8601 date-time with offset such as 2023-10-24T09:00:00+08:00, or a date such as 2023-10-24";

/** A date field (`date`, `embargo`, `withdrawn.date`, …) in the site's zone, or a problem. */
function readArticleDate(reader: FieldReader, name: string, timeZone: string, required: boolean): DateTime | undefined {
  const value = reader.raw(name);
  if (!required && (value === undefined || value === null)) return undefined;
  const parsed = typeof value === "string" ? parseArticleDate(value, timeZone) : undefined;
  if (!parsed) reader.problem(name, DATE_EXPECTED, value);
  return parsed;
}

/** Validates parsed front matter; returns the typed fields or every problem found. */
export function validateArticleFields(
  data: Record<string, unknown>,
  context: ArticleSchemaContext,
): ArticleFields | Problem[] {
  const { file, timeZone, partnerIds, sections } = context;
  const reader = new FieldReader(file, data);
  const nested: Problem[] = [];
  reader.rejectUnknown(articleFields(sections));

  const title = reader.requiredText("title", "the headline as text");
  const summary = reader.optionalText("summary");
  const readDate = (name: string, required: boolean) => readArticleDate(reader, name, timeZone, required);
  const date = readDate("date", true);
  const datelineDate = date && inOwnOffset(String(reader.raw("date")), date);
  const updated = readDate("updated", false);
  const embargo = readDate("embargo", false);
  if (date && updated && updated < date) {
    reader.problem("updated", "a time at or after `date`", reader.raw("updated"));
  }

  let dateline: ArticleFields["dateline"] | undefined;
  const datelineValue = reader.raw("dateline");
  if (isPlainRecord(datelineValue)) {
    const sub = new FieldReader(file, datelineValue, "dateline");
    sub.rejectUnknown(DATELINE_FIELDS);
    const city = sub.requiredText("city", 'the city as printed, such as "BEIJING"');
    const country = sub.optionalText("country", 'the country\'s name, such as "China"');
    nested.push(...sub.problems);
    if (city !== undefined) dateline = { city, ...(country === undefined ? {} : { country }) };
  } else {
    reader.problem(
      "dateline",
      "a mapping with `city` (and optionally `country`), e.g. `dateline: { city: BEIJING, country: China }`",
      datelineValue,
    );
  }

  const partner = reader.requiredText("partner", `the id of a configured partner (${partnerIds.join(", ")})`);
  if (partner !== undefined && !partnerIds.includes(partner)) {
    reader.problem("partner", `the id of a configured partner (${partnerIds.join(", ")})`, partner);
  }
  const guid = reader.optionalText("guid", "the wire's identifier for this release");

  let source: ArticleFields["source"];
  if (reader.has("source")) {
    const sourceValue = reader.raw("source");
    if (isPlainRecord(sourceValue)) {
      const sub = new FieldReader(file, sourceValue, "source");
      sub.rejectUnknown(SOURCE_FIELDS);
      const name = sub.requiredText("name", 'the original publisher\'s name, such as "Xinhua Silk Road"');
      const sourceTitle = sub.optionalText("title", "the original headline");
      const url = sub.optionalText("url", "an http:// or https:// URL");
      if (url !== undefined && !isHttpUrl(url)) sub.problem("url", "an http:// or https:// URL", url);
      nested.push(...sub.problems);
      if (name !== undefined) {
        source = {
          name,
          ...(sourceTitle === undefined ? {} : { title: sourceTitle }),
          ...(url === undefined ? {} : { url }),
        };
      }
    } else {
      reader.problem("source", "a mapping with `name` (and optionally `title` and `url`)", sourceValue);
    }
  }

  const originalUrl = reader.optionalText("originalUrl", "an http:// or https:// URL");
  if (originalUrl !== undefined && !isHttpUrl(originalUrl)) {
    reader.problem("originalUrl", "an http:// or https:// URL", originalUrl);
  }

  const images: ArticleImageFields[] = [];
  if (reader.has("images")) {
    const imagesValue = reader.raw("images");
    if (Array.isArray(imagesValue)) {
      imagesValue.forEach((item, index) => {
        const image = readImage(item, index, file, nested);
        if (image) images.push(image);
      });
    } else {
      reader.problem("images", "a list of photos, each with `src` and `alt`", imagesValue);
    }
  }

  // Written by `npm run import` to notice an editor's changes; the page never shows it.
  if (reader.has("imported")) {
    const importedValue = reader.raw("imported");
    if (isPlainRecord(importedValue)) {
      const sub = new FieldReader(file, importedValue, "imported");
      sub.rejectUnknown(IMPORTED_FIELDS);
      const hash = sub.requiredText("hash", "the importer's `sha256-…` hash of the file");
      if (hash !== undefined && !IMPORT_HASH.test(hash))
        sub.problem("hash", "the importer's `sha256-…` hash of the file", hash);
      sub.optionalText("revision", "the wire's revision number");
      nested.push(...sub.problems);
    } else {
      reader.problem("imported", "the mapping `npm run import` writes (`hash`, `revision`)", importedValue);
    }
  }

  const copyright = reader.optionalText(
    "copyright",
    'the wire\'s copyright line, such as "Copyright Business Wire 2026"',
  );
  const trackingPixel = reader.optionalText("trackingPixel", "the wire's tracking pixel, an https:// URL");
  if (trackingPixel !== undefined && !(isHttpUrl(trackingPixel) && trackingPixel.startsWith("https:")))
    reader.problem("trackingPixel", "an https:// URL", trackingPixel);
  const aliases = reader.optionalTextList("aliases") ?? [];
  aliases.forEach((alias, index) => {
    if (!/^\/(?:[a-z0-9._~-]+\/)+$/.test(alias))
      reader.problem(`aliases[${index}]`, "a site path of this site such as /news/2023/10/old-name/", alias);
  });
  const corrections: ArticleFields["corrections"] = [];
  if (reader.has("corrections")) {
    const value = reader.raw("corrections");
    if (Array.isArray(value)) {
      value.forEach((entry, index) => {
        const field = `corrections[${index}]`;
        if (!isPlainRecord(entry)) {
          reader.problem(field, "a mapping with `date` and `text`", entry);
          return;
        }
        const sub = new FieldReader(file, entry, field);
        sub.rejectUnknown(["date", "text"]);
        const when = readArticleDate(sub, "date", timeZone, true);
        const text = sub.requiredText("text", "what was corrected, as readers should read it");
        nested.push(...sub.problems);
        if (when && text) corrections.push({ date: when, text });
      });
      corrections.sort((a, b) => a.date.toMillis() - b.date.toMillis());
    } else {
      reader.problem("corrections", "a list of `{ date, text }`, one per correction", value);
    }
  }

  let withdrawn: ArticleFields["withdrawn"];
  if (reader.has("withdrawn")) {
    const value = reader.raw("withdrawn");
    if (isPlainRecord(value)) {
      const sub = new FieldReader(file, value, "withdrawn");
      sub.rejectUnknown(["date", "reason"]);
      const when = readArticleDate(sub, "date", timeZone, true);
      const reason = sub.requiredText("reason", 'why it was taken down, such as "takedown request from the issuer"');
      nested.push(...sub.problems);
      if (when && reason) withdrawn = { date: when, reason };
    } else {
      reader.problem("withdrawn", "a mapping with `date` and `reason` (npm run withdraw writes it)", value);
    }
  }

  const terms = Object.fromEntries(
    listSections(sections).map((section) => [section.key, reader.optionalTextList(section.field) ?? []]),
  );
  const draft = reader.optionalBoolean("draft") ?? false;
  const language = reader.optionalText("language", 'a language tag such as "fr" or "pt-BR"');
  if (language !== undefined && !isLanguageTag(language))
    reader.problem("language", 'a lowercase language tag such as "fr" or "pt-BR"', language);

  const problems = [...reader.problems, ...nested];
  if (problems.length > 0 || !title || !date || !datelineDate || !dateline || !partner) return problems;
  return {
    title,
    ...(summary === undefined ? {} : { summary }),
    date,
    datelineDate,
    dateline,
    partner,
    ...(guid === undefined ? {} : { guid }),
    ...(source === undefined ? {} : { source }),
    ...(originalUrl === undefined ? {} : { originalUrl }),
    images,
    terms,
    ...(copyright === undefined ? {} : { copyright }),
    ...(trackingPixel === undefined ? {} : { trackingPixel }),
    aliases,
    corrections,
    ...(language === undefined ? {} : { language }),
    ...(withdrawn === undefined ? {} : { withdrawn }),
    draft,
    ...(embargo === undefined ? {} : { embargo }),
    ...(updated === undefined ? {} : { updated }),
  };
}

/**
 * What is wrong with an article's body text before it is rendered: control characters (invalid
 * in feeds and sitemaps) and HTML nested deeper than the sanitizer allows.
 */
export function validateArticleBody(body: string, file: string): Problem[] {
  const problems: Problem[] = [];
  const control = controlCharacter(body);
  if (control) problems.push({ file, field: "body", expected: CONTROL_FREE, found: `${control} of the body` });
  const tooDeep = nestingProblem(body);
  if (tooDeep) problems.push({ file, field: "body", ...tooDeep });
  return problems;
}

function readImage(item: unknown, index: number, file: string, problems: Problem[]): ArticleImageFields | undefined {
  const prefix = `images[${index}]`;
  if (!isPlainRecord(item)) {
    problems.push({
      file,
      field: prefix,
      expected: "a photo with `src` and `alt`",
      found: typeof item === "string" ? JSON.stringify(item) : "something else",
    });
    return undefined;
  }
  const sub = new FieldReader(file, item, prefix);
  sub.rejectUnknown(IMAGE_FIELDS);
  const src = sub.requiredText("src", 'the photo\'s file name, relative to the article, such as "harbour.jpg"');
  if (src !== undefined) {
    const problem = checkImageSrc(src);
    if (problem) sub.problem("src", problem, src);
  }
  const alt = sub.requiredText("alt", "a text alternative describing the photo for people who cannot see it");
  const caption = sub.optionalText("caption");
  const credit = sub.optionalText("credit");
  problems.push(...sub.problems);
  if (sub.problems.length > 0 || !src || !alt) return undefined;
  return { src, alt, ...(caption === undefined ? {} : { caption }), ...(credit === undefined ? {} : { credit }) };
}

/** A photo path must stay beside the article: relative, no `..`, no URL, a raster format. */
function checkImageSrc(src: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//")) {
    return "a file beside the article, not a URL (download remote photos with the importer)";
  }
  if (src.startsWith("/") || src.includes("\\") || src.split("/").some((part) => part === ".." || part === "")) {
    return "a path relative to the article that stays in its folder (no leading `/`, no `..`)";
  }
  const extension = src.slice(src.lastIndexOf(".")).toLowerCase();
  if (!(PHOTO_EXTENSIONS as readonly string[]).includes(extension)) {
    return `a raster photo (${PHOTO_EXTENSIONS.join(", ")})`;
  }
  return undefined;
}
