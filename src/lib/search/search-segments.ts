import { createHash } from "node:crypto";
import type { DateTime } from "luxon";
import { newestFirst } from "../content/articles.ts";

/**
 * How the search index is split into segments, so that a build re-indexes only the segments
 * whose articles changed (the indexer reuses the others from the previous site; see
 * `search-indexer-process.ts`).
 *
 * Like Lucene's tiered merging, segments grow with age and merge only with segments of their
 * own size: counted from the oldest article, the articles fill blocks of `MAX_SEGMENT_ARTICLES`,
 * then at most three blocks of each smaller tier (a quarter of the one above, down to
 * `SMALLEST_BLOCK`), and the newest few form the last segment. It is a binary counter in base
 * `SEGMENT_MERGE_FACTOR`: a release added at the newest end changes only the newest segment,
 * until four blocks of a tier fill one of the next (each article is re-indexed once per tier in
 * its life, not once per build); the number of segments stays logarithmic in the number of
 * articles.
 *
 * Unlike Lucene's, the split is a pure function of the articles, never of the history of builds:
 * a clean build splits the same way as an incremental one, so both write the same files. Places
 * are counted from the oldest end, so they do not move as releases arrive; a withdrawn release
 * keeps its place (`SearchSlot.indexed` false), so a takedown re-indexes its own segment only.
 * An article file deleted outright, or one dated in the past added later, moves every newer
 * article: that build re-indexes them, which costs time, never results.
 */
export const SEGMENT_MERGE_FACTOR = 4;
/**
 * The largest block: segments of old articles hold this many, so that a correction to an old
 * article re-indexes a few thousand, not all (and Pagefind's memory, which grows faster than
 * the records it indexes at once, stays bounded: bench/results/design-measurements.md).
 */
export const MAX_SEGMENT_ARTICLES = 4096;
/** Below this, the newest articles form one segment: re-indexing it costs a fraction of a second. */
export const SMALLEST_BLOCK = 64;

/** One article's place in the split, newest first: indexed, or a withdrawn release holding its place. */
export interface SearchSlot {
  url: string;
  indexed: boolean;
}

export interface SearchSegment {
  /** Names the segment: a hash of its indexed URLs (its folder is `s-<id>/`, its search filter value the id). */
  id: string;
  /** The URLs it indexes, newest first. */
  urls: string[];
}

/** The places of the indexed articles and the withdrawn ones, newest first, in the build's order. */
export function searchSlots(
  indexed: ReadonlyArray<{ url: string; date: DateTime }>,
  withdrawn: ReadonlyArray<{ url: string; date: DateTime }>,
): SearchSlot[] {
  if (withdrawn.length === 0) return indexed.map(({ url }) => ({ url, indexed: true }));
  return [
    ...indexed.map((article) => ({ article, indexed: true })),
    ...withdrawn.map((article) => ({ article, indexed: false })),
  ]
    .sort((a, b) => newestFirst(a.article, b.article))
    .map(({ article, indexed: isIndexed }) => ({ url: article.url, indexed: isIndexed }));
}

/** The block sizes, largest first: `maxArticles`, then a `SEGMENT_MERGE_FACTOR`th of it each, down to `SMALLEST_BLOCK`. */
export function blockSizes(maxArticles: number): number[] {
  const sizes = [maxArticles];
  for (
    let size = Math.floor(maxArticles / SEGMENT_MERGE_FACTOR);
    size >= SMALLEST_BLOCK;
    size = Math.floor(size / SEGMENT_MERGE_FACTOR)
  )
    sizes.push(size);
  return sizes;
}

/**
 * The segments of `slots` (newest first, as `searchSlots` orders them), newest segment first;
 * a segment whose articles are all withdrawn has nothing to index and is left out. None holds
 * more than `maxArticles` places (tests make it small to have many segments).
 */
export function searchSegments(
  slots: ReadonlyArray<SearchSlot | string>,
  maxArticles = MAX_SEGMENT_ARTICLES,
): SearchSegment[] {
  if (!Number.isInteger(maxArticles) || maxArticles < 1)
    throw new Error(`The search segment size must be a whole number of articles, at least 1; found ${maxArticles}`);
  const places = slots.map((slot) => (typeof slot === "string" ? { url: slot, indexed: true } : slot));
  // Blocks from the oldest end: as many of the largest as fit, then of each smaller size.
  const ranges: Array<{ start: number; end: number }> = [];
  let end = places.length;
  for (const size of blockSizes(maxArticles)) for (; end >= size; end -= size) ranges.push({ start: end - size, end });
  if (end > 0) ranges.push({ start: 0, end });
  const segments: SearchSegment[] = [];
  for (const { start, end: stop } of ranges.reverse()) {
    const urls = places.slice(start, stop).flatMap((place) => (place.indexed ? [place.url] : []));
    if (urls.length > 0)
      segments.push({ id: createHash("sha256").update(urls.join("\n")).digest("hex").slice(0, 16), urls });
  }
  return segments;
}

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
