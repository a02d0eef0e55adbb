import { buildHeapLimitMb } from "./heap.ts";

/**
 * Pages one Eleventy process renders at most. Eleventy keeps every page it wrote in memory
 * until the build ends, so a large site is split into shards that each fit a 4 GiB heap.
 * Below it, one process: on 2 cores a second one cost more (it reads every article again)
 * than it saved (bench/results/design-measurements.md).
 */
export const PAGES_PER_PROCESS = 25_000;
/** Pages per article: its own page plus its share of list pages (bench/results/design-measurements.md). */
const PAGES_PER_ARTICLE = 1.65;

export interface BuildPlan {
  /** Eleventy processes (shards), each rendering its share of the pages. */
  jobs: number;
  /** How many of them run at once. */
  parallel: number;
  /** Heap cap of each process in MB, or undefined for Node's default. */
  heapMb: number | undefined;
}

/** How `npm run build` splits a site of `articles` articles over `cores` cores. */
export function planBuild(articles: number, { cores, jobs }: { cores: number; jobs?: number }): BuildPlan {
  const shards = jobs ?? Math.max(1, Math.ceil((articles * PAGES_PER_ARTICLE) / PAGES_PER_PROCESS));
  return { jobs: shards, parallel: Math.max(1, Math.min(cores, shards)), heapMb: buildHeapLimitMb(articles, shards) };
}
