/**
 * The V8 heap for a production build, sized by the number of articles. Node's default (a
 * quarter of the machine's memory here) lets V8 collect lazily, so a build's memory grows far
 * past its live heap; a cap near the live heap keeps it down for a little more garbage
 * collection (bench/results/design-measurements.md). A fixed cap would break larger sites,
 * so the cap grows with the site (and a shard's share of it), up to 4 GiB.
 */
export const HEAP_SIZING_THRESHOLD = 5_000;
export const MAX_BUILD_HEAP_MB = 4_096;

/**
 * The heap cap in MB for one process of a build of `articles` articles split into `processes`
 * shards, or undefined when the default is fine. Every process holds all the articles and the
 * directory; the pages it rendered are its share (sizes per article in bench/results/design-measurements.md).
 */
export function buildHeapLimitMb(articles: number, processes = 1): number | undefined {
  if (articles < HEAP_SIZING_THRESHOLD) return undefined;
  return Math.min(MAX_BUILD_HEAP_MB, Math.round(400 + 0.025 * articles + (0.04 * articles) / processes));
}

/** True when the user already chose a heap size for this process. */
export function heapChosenByUser(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return [...execArgv, ...(nodeOptions ?? "").split(/\s+/)].some((flag) => flag.startsWith("--max-old-space-size"));
}
