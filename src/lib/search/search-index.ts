/**
 * The indexer's side of search (`search-indexer-process.ts` runs it): turns the records the build
 * planned into a Pagefind index, segment by segment, reusing the segments the previous site holds.
 * The records themselves are made in the build's process (`search-records.ts`), which has the
 * articles; this side imports neither the articles nor the site.
 */
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { decodeHTML } from "entities";
import * as pagefind from "pagefind";
import { mapConcurrently } from "../core/concurrency.ts";
import { isInside } from "../core/paths.ts";
import { identify, sha256 } from "../core/file-identity.ts";
import { reuseSegment, type SearchIndexManifest } from "./search-segment-cache.ts";

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
 * A record as the build knows it without rendering the article's Markdown: its text is
 * `before`, then the body's text, then `after` (`completeSearchRecord`).
 */
export interface UnrenderedSearchRecord extends Omit<SearchRecord, "content"> {
  before: string;
  after: string;
}

/** The record with its body: the text of the body's sanitized HTML, between `before` and `after`. */
export function completeSearchRecord(record: UnrenderedSearchRecord, bodyHtml: string): SearchRecord {
  const body = decodeHTML(bodyHtml.replace(/<[^>]*>/g, " "));
  return {
    url: record.url,
    content: `${record.before}${body}${record.after}`.replace(/[ \t]+/g, " "),
    language: record.language,
    meta: record.meta,
    filters: record.filters,
  };
}

/** One segment as the build planned it (`search-plan.ts`). */
export interface SegmentPlan {
  /** Its id (`SearchSegment.id`), the value of its records' `SEGMENT_FILTER`. */
  id: string;
  /** Its folder inside the index: `""` for the newest, which holds Pagefind's code too. */
  folder: string;
  /** Everything its records are made of (`segmentKey`): the same key, the same files. */
  key: string;
}

/** An article of a segment to index: its record without the body, and the body's Markdown. */
export interface SegmentItem {
  record: UnrenderedSearchRecord;
  bodySha256: string;
  markdown: string;
}

/** The filter each record carries with its segment's id: the search page's module tells segments apart by it. */
export const SEGMENT_FILTER = "dateline-segment";

// What a merged segment needs in the browser: the first one's Pagefind code and WebAssembly
// serve them all, so a segment keeps only its entry, metadata, word index, fragments and filters.
const PART_DATA = /^(pagefind-entry\.json$|[^/]+\.pf_meta$|(index|fragment|filter)\/)/;

/** The search page's Pagefind module, which searches the segments as one index (`browser/segmented-pagefind.js`). */
const SEGMENTED_MODULE = fileURLToPath(new URL("./browser/segmented-pagefind.js", import.meta.url));
export const SEGMENTED_MODULE_PATH = "dateline/pagefind.js";

export interface SearchIndexInput<T> {
  /** The segments, newest first. */
  segments: readonly SegmentPlan[];
  /** A segment's items, asked for only when it is indexed (not reused). */
  items: (segment: SegmentPlan) => Promise<readonly T[]>;
  /** An item's record, made just before Pagefind takes it. */
  toRecord: (item: T) => SearchRecord;
  folder: string;
  /** The previous site's index, with what the last build wrote into it, to reuse segments from. */
  cache?: { previous: string; manifest: SearchIndexManifest };
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
 * Builds the search index with Pagefind, segment by segment, into `folder`, with the search
 * page's module. A segment whose key the cache holds, and whose files the previous site still
 * has unchanged, is linked from there instead.
 */
export async function writeSearchIndex<T>(input: SearchIndexInput<T>): Promise<WrittenSearchIndex> {
  const manifest: SearchIndexManifest = new Map();
  const keys: IndexedSegment[] = [];
  let rebuilt = 0;
  try {
    for (const segment of input.segments) {
      const { id, folder, key } = segment;
      keys.push({ folder, key });
      const reused = input.cache && (await reuseSegment(input.cache, id, key, input.folder));
      if (reused) {
        manifest.set(id, reused);
        continue;
      }
      const files = await buildIndexPart(await input.items(segment), (item) => {
        const record = input.toRecord(item);
        return { ...record, filters: { ...record.filters, [SEGMENT_FILTER]: [id] } };
      });
      const kept = folder === "" ? files : files.filter((file) => PART_DATA.test(file.path));
      await writeIndexFiles(path.join(input.folder, folder), kept);
      const identities = await Promise.all(
        kept.map(async (file) => {
          const name = `${folder}${file.path}`;
          return [name, await identify(path.join(input.folder, name), sha256(file.content))] as const;
        }),
      );
      manifest.set(id, { key, files: Object.fromEntries(identities) });
      rebuilt++;
    }
  } finally {
    // One Pagefind process for every segment, stopped also after a failure, so nothing keeps the process alive.
    await closeSearchIndex();
  }
  await mkdir(path.join(input.folder, path.dirname(SEGMENTED_MODULE_PATH)), { recursive: true });
  await copyFile(SEGMENTED_MODULE, path.join(input.folder, SEGMENTED_MODULE_PATH));
  return { manifest, segments: input.segments.length, rebuilt, keys };
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
