import { createHash } from "node:crypto";

/**
 * How the search index is split into segments, so that a build re-indexes only the segments
 * whose articles changed (the indexer reuses the others from the previous site; see
 * `search-indexer-process.ts`).
 *
 * Like Lucene's tiered merging, segments grow with age: the newest few articles form a small
 * segment, older ones fall into larger and larger ones, so a new release re-indexes a small
 * segment and the number of segments stays logarithmic in the number of articles. Unlike
 * Lucene's, the split is a pure function of the articles (their URLs, newest first), never of
 * the history of builds: a clean build splits the same way as an incremental one, so both write
 * the same files.
 *
 * The split: between an article and the next newer one lies a boundary when the article's
 * level (how many trailing base-`SEGMENT_MERGE_FACTOR` zero digits the hash of its URL has)
 * reaches the level required at its place, which grows with the logarithm of how many articles
 * are newer than it. As releases arrive, an article only ever needs a higher level, so old
 * boundaries disappear (segments merge) and none appears among old articles.
 */
export const SEGMENT_MERGE_FACTOR = 4;
/**
 * The highest level ever required: segments of the oldest articles average
 * `SEGMENT_MERGE_FACTOR ** MAX_SEGMENT_LEVEL` (4 096) articles, so that a correction to an old
 * article re-indexes a few thousand, not all; none is longer than `MAX_SEGMENT_ARTICLES`.
 */
export const MAX_SEGMENT_LEVEL = 6;
/**
 * Pagefind's memory and time grow faster than the number of records it indexes at once
 * (bench/results/design-measurements.md): a longer segment is cut into parts this long.
 */
export const MAX_SEGMENT_ARTICLES = 10_000;
/**
 * Boundaries are placed as if this many articles were newer still: the newest segment holds a
 * few hundred articles, not a handful. Re-indexing them costs a fraction of a second, and each
 * segment ranks its results by its own statistics, so a small site keeps one segment and its
 * ranking exactly as one index would give.
 */
export const SEGMENT_HEADROOM = 64;

export interface SearchSegment {
  /** Names the segment's articles: a hash of their URLs (its folder is `s-<id>/`, its search filter value the id). */
  id: string;
  /** Its articles: `items.slice(start, end)` of the newest-first list. */
  start: number;
  end: number;
}

/** Trailing base-`SEGMENT_MERGE_FACTOR` zero digits of the URL's hash, at most `MAX_SEGMENT_LEVEL`. */
export function segmentLevel(url: string): number {
  let value = createHash("sha256").update(url).digest().readUInt32BE(0);
  let level = 0;
  while (level < MAX_SEGMENT_LEVEL && value % SEGMENT_MERGE_FACTOR === 0) {
    value = Math.floor(value / SEGMENT_MERGE_FACTOR);
    level++;
  }
  return level;
}

/** The level a boundary needs below an article with `newer` articles newer than it. */
export function requiredLevel(newer: number): number {
  let level = 1;
  let span = SEGMENT_MERGE_FACTOR;
  while (span < newer + 1 && level < MAX_SEGMENT_LEVEL) {
    span *= SEGMENT_MERGE_FACTOR;
    level++;
  }
  return level;
}

/**
 * The segments of the articles at `urls` (newest first); the newest segment comes first. None
 * holds more than `maxArticles` (tests make it small to have many segments).
 */
export function searchSegments(urls: readonly string[], maxArticles = MAX_SEGMENT_ARTICLES): SearchSegment[] {
  if (!Number.isInteger(maxArticles) || maxArticles < 1)
    throw new Error(`The search segment size must be a whole number of articles, at least 1; found ${maxArticles}`);
  const ranges: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (let index = 1; index < urls.length; index++)
    if (segmentLevel(urls[index] as string) >= requiredLevel(index + SEGMENT_HEADROOM)) {
      ranges.push({ start, end: index });
      start = index;
    }
  if (urls.length > 0) ranges.push({ start, end: urls.length });
  return ranges
    .flatMap((range) => splitLong(range, maxArticles))
    .map(({ start: from, end }) => ({
      id: createHash("sha256").update(urls.slice(from, end).join("\n")).digest("hex").slice(0, 16),
      start: from,
      end,
    }));
}

/**
 * A range longer than `maxArticles`, cut into parts of that many counted from its oldest end (the
 * newest part holds the rest), so that releases added at the newest end leave the others as they are.
 */
function splitLong(range: { start: number; end: number }, maxArticles: number): Array<{ start: number; end: number }> {
  if (range.end - range.start <= maxArticles) return [range];
  const cut: Array<{ start: number; end: number }> = [];
  for (let end = range.end; end > range.start; end -= maxArticles)
    cut.unshift({ start: Math.max(range.start, end - maxArticles), end });
  return cut;
}
