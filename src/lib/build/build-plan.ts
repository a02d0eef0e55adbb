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
  /** The heap one process needs to hold the whole site's articles and directory (an incremental build). */
  oneProcessHeapMb: number | undefined;
}

/** How `npm run build` splits a site of `articles` articles over `cores` cores. */
export function planBuild(articles: number, { cores, jobs }: { cores: number; jobs?: number }): BuildPlan {
  const shards = jobs ?? Math.max(1, Math.ceil((articles * PAGES_PER_ARTICLE) / PAGES_PER_PROCESS));
  return {
    jobs: shards,
    parallel: Math.max(1, Math.min(cores, shards)),
    heapMb: buildHeapLimitMb(articles, shards),
    oneProcessHeapMb: buildHeapLimitMb(articles, 1),
  };
}

/**
 * Whether the build script renders in its own process instead of shard processes started with
 * the heap the plan asks for (`heapMb`). A full render needs that cap: under Node's default, V8
 * collects lazily and the build's memory grows far past its live heap. A build that reuses the
 * previous site's pages (`incremental`) renders few, so its heap stays near the articles' own
 * size under any limit at least one process's share (`oneProcessHeapMb`), and the processes'
 * starts (and, for a large site, every shard reading every article) are saved. A large site's
 * attempt may render at most one process's pages (`PAGES_PER_PROCESS`, see `RENDER_LIMIT_VARIABLE`).
 */
export function rendersInProcess(
  plan: BuildPlan,
  { heapChosen, heapLimitMb, incremental }: { heapChosen: boolean; heapLimitMb: number; incremental: boolean },
): boolean {
  if (incremental) return heapChosen || plan.oneProcessHeapMb === undefined || heapLimitMb >= plan.oneProcessHeapMb;
  if (plan.jobs !== 1) return false;
  return plan.heapMb === undefined || heapChosen;
}
