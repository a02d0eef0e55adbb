import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { decodeHTML } from "entities";
import * as pagefind from "pagefind";
import { articleDateline, sectionNames, type Article } from "../content/articles.ts";
import type { Section } from "../config/sections.ts";
import { mapConcurrently } from "../core/concurrency.ts";
import { isInside } from "../core/paths.ts";
import { escapeHtml } from "../core/html.ts";
import { formatApDate } from "../core/dates.ts";
import { SpellingCounter, termKey } from "../core/terms.ts";
import { identify, sha256 } from "../core/file-identity.ts";
import { reuseSegment, segmentKey, type SearchIndexManifest } from "./search-segment-cache.ts";
import { searchSegments, type SearchSegment, type SearchSlot } from "./search-segments.ts";

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

/** The filter each record carries with its segment's id: the search page's module tells segments apart by it. */
export const SEGMENT_FILTER = "dateline-segment";

/** Where a segment's files go inside the index folder: the newest is the folder itself. */
export function segmentFolder(segment: SearchSegment, index: number): string {
  return index === 0 ? "" : `s-${segment.id}/`;
}

/** The bundle paths the search page merges into the newest segment (`/pagefind/`): one per other segment. */
export function mergedSearchBundles(slots: ReadonlyArray<SearchSlot | string>, maxArticles: number): string[] {
  return searchSegments(slots, maxArticles)
    .slice(1)
    .map((segment, index) => `/pagefind/${segmentFolder(segment, index + 1)}`);
}

// What a merged segment needs in the browser: the first one's Pagefind code and WebAssembly
// serve them all, so a segment keeps only its entry, metadata, word index, fragments and filters.
const PART_DATA = /^(pagefind-entry\.json$|[^/]+\.pf_meta$|(index|fragment|filter)\/)/;

/** The search page's Pagefind module, which searches the segments as one index (`browser/segmented-pagefind.js`). */
const SEGMENTED_MODULE = fileURLToPath(new URL("./browser/segmented-pagefind.js", import.meta.url));
export const SEGMENTED_MODULE_PATH = "dateline/pagefind.js";

export interface SearchIndexInput<T> {
  /** The published articles, newest first. */
  items: readonly T[];
  url: (item: T) => string;
  /** Their places among the segments, with the withdrawn releases' (`searchSlots`); default: the items'. */
  slots?: readonly SearchSlot[];
  toRecord: (item: T) => SearchRecord;
  /**
   * Everything the item's record is made from, as text, without rendering it (a segment whose
   * items' texts and `cache.key` are unchanged is reused).
   */
  recordSource: (item: T) => string;
  folder: string;
  /** At most this many articles per segment (`MAX_SEGMENT_ARTICLES`; tests use fewer). */
  maxArticles: number;
  /**
   * The key of what every record depends on besides its article, and the previous site's index
   * with what the last build wrote into it, to reuse segments from.
   */
  cache?: { key: string; previous?: string; manifest?: SearchIndexManifest };
}

export interface WrittenSearchIndex {
  manifest: SearchIndexManifest;
  segments: number;
  rebuilt: number;
  /** Each segment's folder inside the index (`""` for the newest) and its key. */
  keys: IndexedSegment[];
}

/** The search index a production build installed in its output, and its segments. */
export interface InstalledSearchIndex {
  folder: string;
  segments: IndexedSegment[];
}

/** A segment of the written index: its folder (`""`, or `s-<id>/`) and the key of what its records are made of. */
export interface IndexedSegment {
  folder: string;
  key: string;
}

/**
 * Builds the search index with Pagefind from `items` in segments (`search-segments.ts`) and
 * writes it into `folder`, with the search page's module. A segment whose key the cache holds,
 * and whose files the previous site still has unchanged, is linked from there instead.
 */
export async function writeSearchIndex<T>(input: SearchIndexInput<T>): Promise<WrittenSearchIndex> {
  const byUrl = new Map(input.items.map((item) => [input.url(item), item]));
  const segments = searchSegments(input.slots ?? [...byUrl.keys()], input.maxArticles);
  const manifest: SearchIndexManifest = new Map();
  const keys: IndexedSegment[] = [];
  let rebuilt = 0;
  // A site without articles still has an index (an empty one), so the search page works.
  const planned = segments.length > 0 ? segments : [{ id: "empty", urls: [] }];
  try {
    for (const [index, segment] of planned.entries()) {
      const items = segment.urls.map((url) => {
        const item = byUrl.get(url);
        if (item === undefined)
          throw new Error(`The search segments place ${url}, which is not among the indexed articles`);
        return item;
      });
      const folder = segmentFolder(segment, index);
      const key = segmentKey(input.cache?.key ?? "", index === 0, items.map(input.recordSource));
      keys.push({ folder, key });
      const { previous, manifest: last } = input.cache ?? {};
      const reused =
        previous && last && (await reuseSegment({ previous, manifest: last }, segment.id, key, input.folder));
      if (reused) {
        manifest.set(segment.id, reused);
        continue;
      }
      const files = await buildIndexPart(items, (item) => {
        const record = input.toRecord(item);
        return { ...record, filters: { ...record.filters, [SEGMENT_FILTER]: [segment.id] } };
      });
      const kept = index === 0 ? files : files.filter((file) => PART_DATA.test(file.path));
      await writeIndexFiles(path.join(input.folder, folder), kept);
      const identities = await Promise.all(
        kept.map(async (file) => {
          const name = `${folder}${file.path}`;
          return [name, await identify(path.join(input.folder, name), sha256(file.content))] as const;
        }),
      );
      manifest.set(segment.id, { key, files: Object.fromEntries(identities) });
      rebuilt++;
    }
  } finally {
    // One Pagefind process for every segment, stopped also after a failure, so nothing keeps the process alive.
    await closeSearchIndex();
  }
  await mkdir(path.join(input.folder, path.dirname(SEGMENTED_MODULE_PATH)), { recursive: true });
  await copyFile(SEGMENTED_MODULE, path.join(input.folder, SEGMENTED_MODULE_PATH));
  return { manifest, segments: planned.length, rebuilt, keys };
}

/** Pagefind indexes `items` as an index of their own and hands back its files. */
async function buildIndexPart<T>(
  items: readonly T[],
  toRecord: (item: T) => SearchRecord,
): Promise<pagefind.IndexFile[]> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  try {
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
    // Freed, but Pagefind's process stays for the next segment (`closeSearchIndex` stops it).
    await index.deleteIndex();
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

/** Stops Pagefind's process. */
function closeSearchIndex(): Promise<unknown> {
  return pagefind.close();
}
