import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { decodeHTML } from "entities";
import * as pagefind from "pagefind";
import { articleDateline, sectionNames, type Article } from "../content/articles.ts";
import type { Section } from "../config/sections.ts";
import { mapConcurrently } from "../core/concurrency.ts";
import { isInside } from "../core/paths.ts";
import { escapeHtml } from "../core/html.ts";
import { formatApDate } from "../core/dates.ts";
import { SpellingCounter, termKey } from "../core/terms.ts";

const RECORDS_IN_FLIGHT = 64;

export interface SearchRecord {
  url: string;
  content: string;
  language: string;
  /**
   * What a result shows besides its excerpt: the headline, the date and the partner (Pagefind's
   * UI lists every key but title and image as a label), and the lead photo's thumbnail.
   */
  meta: { title: string; Date: string; Partner: string; image?: string; image_alt?: string };
  filters: Record<string, string[]>;
}

/**
 * What search knows of an article: headline, summary, dateline, photo captions and body text,
 * and the filters (each section's with a `searchFilter`, and the year). Navigation, footers and
 * disclaimers are not part of it.
 */
export type SearchableArticle = Pick<
  Article,
  | "url"
  | "title"
  | "summary"
  | "dateline"
  | "date"
  | "datelineDate"
  | "language"
  | "partner"
  | "source"
  | "terms"
  | "bodyHtml"
> & {
  photos: ReadonlyArray<{ caption?: string | undefined; credit?: string | undefined }>;
  /** The URL of the lead photo's smallest rendition, for the result's thumbnail. */
  thumbnail?: string | undefined;
};

export function searchRecord(
  article: SearchableArticle,
  site: { language: string; sections: readonly Section[] },
  spellings?: FilterSpellings,
): SearchRecord {
  const captions = article.photos.map((photo) => [photo.caption, photo.credit].filter(Boolean).join(" "));
  const body = decodeHTML(article.bodyHtml.replace(/<[^>]*>/g, " "));
  // An excerpt is cut from the text where the words found are: the summary and the body come
  // first, the headline (which the result shows anyway) and the captions after them, so that a
  // result does not read like its headline again or a list of photos.
  const content = [article.summary ?? "", `${articleDateline(article)} ${body}`, article.title, ...captions]
    .join("\n")
    .replace(/[ \t]+/g, " ");
  return {
    url: article.url,
    content,
    language: site.language,
    meta: {
      title: forSearchUi(article.title),
      Date: forSearchUi(formatApDate(article.date)),
      Partner: forSearchUi(article.partner.name),
      ...(article.thumbnail ? { image: forSearchUi(article.thumbnail), image_alt: "" } : {}),
    },
    filters: {
      ...searchFilters(article, site.sections, spellings),
      year: [String(article.date.year)],
      // One index for the whole site (Pagefind would split it by language, and the search page
      // would find only its own): a release in another language says so as a filter.
      ...(article.language ? { language: [forSearchUi(article.language)] } : {}),
    },
  };
}

type FilterValuesOf = Pick<SearchableArticle, "terms" | "partner" | "source" | "dateline">;

/** The names the article is filtered by in a filtering section, as the article spells them. */
function filterValues(article: FilterValuesOf, section: Section): readonly string[] {
  if (section.searchFilter?.values === "dateline country")
    return article.dateline.country === undefined ? [] : [article.dateline.country];
  return sectionNames(section, article);
}

/**
 * Section key → the spellings of its terms across the site. A filter shows each term once, in
 * the spelling its directory page shows, however each article spells it ("Utilities",
 * "utilities").
 */
export type FilterSpellings = ReadonlyMap<string, SpellingCounter>;

export function filterSpellings(articles: Iterable<FilterValuesOf>, sections: readonly Section[]): FilterSpellings {
  const filtering = sections.filter((section) => section.searchFilter);
  const spellings = new Map(filtering.map((section) => [section.key, new SpellingCounter()]));
  for (const article of articles)
    for (const section of filtering) {
      const counter = spellings.get(section.key) as SpellingCounter;
      for (const name of filterValues(article, section)) counter.add(name);
    }
  return spellings;
}

/** Each filtering section's values for the article; a section it has no value in is left out. */
function searchFilters(
  article: SearchableArticle,
  sections: readonly Section[],
  spellings: FilterSpellings | undefined,
): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  for (const section of sections) {
    if (!section.searchFilter) continue;
    const { name, values } = section.searchFilter;
    const counter = spellings?.get(section.key);
    const found = new Map<string, string>();
    for (const value of filterValues(article, section)) {
      const key = termKey(value);
      if (!found.has(key)) found.set(key, counter ? counter.preferred(value) : value);
    }
    if (found.size > 0 || values === "names") filters[name] = [...found.values()].map(forSearchUi);
  }
  return filters;
}

/**
 * A value as Pagefind's UI may show it. Its default UI writes filter labels and some titles with
 * `innerHTML`: escaped, a value shows as the text it is and can neither run nor clobber the
 * page (tests/browser/search-hostile.test.ts proves both in Chromium).
 */
export function forSearchUi(text: string): string {
  return escapeHtml(text);
}

/**
 * Articles per search-index part. Pagefind's memory and time grow faster than the number of
 * records it indexes at once (bench/results/design-measurements.md), so a larger site's
 * index is built in parts of this size, one after the other, each by a fresh Pagefind process;
 * the search page merges them (`mergeIndex`). The browser loads Pagefind's code once; each
 * extra part costs one small entry file and one index chunk per searched word. Not smaller:
 * a part that lacks a searched word answers with its longest known prefix (Pagefind's
 * fallback), which adds low-ranked noise below the real matches; one part up to 10 000
 * articles keeps such sites exactly as before.
 */
export const SEARCH_PART_SIZE = 10_000;

export interface SearchIndexPart {
  /** Folder of the part inside the index folder: "" for the first, then "part-2/", … */
  folder: string;
  /** The part's items: `items.slice(start, end)`. */
  start: number;
  end: number;
}

/** How `count` items (newest first) are split into index parts; there is always a first part. */
export function searchIndexParts(count: number, partSize: number): SearchIndexPart[] {
  if (!Number.isInteger(partSize) || partSize < 1)
    throw new Error(`The search index part size must be a whole number of articles, at least 1; found ${partSize}`);
  const parts: SearchIndexPart[] = [];
  for (let start = 0; start === 0 || start < count; start += partSize) {
    parts.push({
      folder: start === 0 ? "" : `part-${parts.length + 1}/`,
      start,
      end: Math.min(count, start + partSize),
    });
  }
  return parts;
}

/** The bundle paths the search page merges into the first part (`/pagefind/`): one per other part. */
export function mergedSearchBundles(count: number, partSize: number): string[] {
  return searchIndexParts(count, partSize)
    .slice(1)
    .map((part) => `/pagefind/${part.folder}`);
}

// What a merged part needs in the browser: the first part's Pagefind code and WebAssembly
// serve them all, so a part keeps only its entry, metadata, word index, fragments and filters.
const PART_DATA = /^(pagefind-entry\.json$|[^/]+\.pf_meta$|(index|fragment|filter)\/)/;

/**
 * Builds the search index with Pagefind from `items`, each turned into its record by
 * `toRecord`, in parts of `partSize` (see `SEARCH_PART_SIZE`), and writes it into `folder`.
 * Resolves when every part is written.
 */
export async function writeSearchIndex<T>(
  items: readonly T[],
  toRecord: (item: T) => SearchRecord,
  folder: string,
  partSize: number,
): Promise<void> {
  for (const part of searchIndexParts(items.length, partSize)) {
    const files = await buildIndexPart(items.slice(part.start, part.end), toRecord);
    await writeIndexFiles(
      path.join(folder, part.folder),
      part.folder === "" ? files : files.filter((file) => PART_DATA.test(file.path)),
    );
  }
}

/** One Pagefind process indexes `items` and hands back the files of its index. */
async function buildIndexPart<T>(
  items: readonly T[],
  toRecord: (item: T) => SearchRecord,
): Promise<pagefind.IndexFile[]> {
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    // A bounded number of records in flight, each made just before it is sent: handing
    // Pagefind every record at once queued them all, encoded, in memory, until the heap ran out.
    const added = await mapConcurrently(items, RECORDS_IN_FLIGHT, (item) => index.addCustomRecord(toRecord(item)));
    const failed = added.flatMap((response) => response.errors);
    if (failed.length > 0) throw new Error(`Pagefind could not index: ${failed.slice(0, 5).join("; ")}`);
    // Pagefind's own writer starts hundreds of threads that fight the build's writes for the
    // disk; one file at a time is far faster (bench/results/design-measurements.md).
    const built = await index.getFiles();
    if (built.errors.length > 0) throw new Error(`Pagefind could not build its index: ${built.errors.join("; ")}`);
    return built.files;
  } finally {
    await closeSearchIndex();
  }
}

/** Writes Pagefind's files into `folder`, one at a time, never outside it. */
export async function writeIndexFiles(
  folder: string,
  files: ReadonlyArray<{ path: string; content: Uint8Array }>,
): Promise<void> {
  const made = new Set<string>();
  for (const file of files) {
    const target = path.join(folder, file.path);
    if (!isInside(folder, target)) throw new Error(`Pagefind asked to write outside its folder: ${file.path}`);
    const parent = path.dirname(target);
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true });
      made.add(parent);
    }
    await writeFile(target, file.content);
  }
}

/** Stops Pagefind's process (also after a failure, so nothing keeps the process alive). */
function closeSearchIndex(): Promise<unknown> {
  return pagefind.close();
}
