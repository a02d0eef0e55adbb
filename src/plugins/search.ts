import { rename, rm } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { tidyAbandonedBuilds } from "../lib/build/atomic-output.ts";
import {
  startSearchIndexer,
  stopSearchIndexers,
  type IndexerTask,
  type SearchIndexJob,
} from "../lib/search/search-indexer.ts";
import type { IndexedSegment, InstalledSearchIndex } from "../lib/search/search-index.ts";
import { planArticleSearch } from "../lib/search/search-plan.ts";
import type { SiteConfig } from "../lib/config/site-config.ts";
import { isPreview } from "../lib/config/build-moment.ts";

export interface SearchPluginOptions {
  site: SiteConfig;
  /** At most this many articles per search segment. */
  segmentSize: number;
  /**
   * The build cache (production builds): its folder and the key of what the search records
   * depend on besides the articles. With the site this build replaces, unchanged segments are
   * linked from its index instead of indexed again.
   */
  cache?: { dir: string; key: () => Promise<string>; codeDigest: () => Promise<string> };
  previousOutput?: string;
  /** The articles this build loaded (the articles plugin gives them), waited for. */
  loaded: () => Promise<Parameters<typeof planArticleSearch>[0]>;
  /** Receives, in a production build, the index once installed (for the audit). */
  onIndexing?: (installed: Promise<InstalledSearchIndex>) => void;
}

/**
 * Search (static files, no server). Each build runs the search indexer (its own process, with
 * Pagefind behind it) into a folder beside the output; the finished index is then moved into
 * `<output>/pagefind/`.
 */
export default function searchPlugin(eleventyConfig: UserConfig, options: SearchPluginOptions): void {
  let pending: { folder: string; done: Promise<IndexedSegment[]> } | undefined;
  const start = async ({ directories }: { directories: { output: string } }) => {
    await stopSearchIndexers(); // a preview build that was overtaken by the next one
    const output = path.resolve(directories.output);
    // A preview server stopped while it indexed leaves its index folder beside the output.
    await tidyAbandonedBuilds(output);
    const folder = `${output}.pagefind-${process.pid}`;
    await rm(folder, { recursive: true, force: true });
    const cache = options.cache && !isPreview() ? options.cache : undefined;
    const job: SearchIndexJob = {
      folder,
      ...(cache
        ? {
            cache: {
              dir: cache.dir,
              codeDigest: await cache.codeDigest(),
              ...(options.previousOutput ? { previousIndex: path.join(options.previousOutput, "pagefind") } : {}),
            },
          }
        : {}),
    };
    // Planned from the articles once this build has loaded them: the indexer, started meanwhile,
    // is asked for the items of the segments it indexes, and reuses the others.
    const task = async (): Promise<IndexerTask> => {
      const [loaded, key] = await Promise.all([options.loaded(), cache?.key()]);
      return planArticleSearch(loaded, { site: options.site, maxArticles: options.segmentSize, key });
    };
    const done = startSearchIndexer(job, task(), { background: isPreview() });
    done.catch(() => undefined); // reported after the build, if the build gets that far
    pending = { folder, done };
  };
  // A production build indexes on the other core while Eleventy renders. A preview first puts
  // the edited page on screen, then indexes: the indexer would take CPU from that page.
  eleventyConfig.on("eleventy.before", async (event: { directories: { output: string } }) => {
    if (!isPreview()) await start(event);
    else await stopSearchIndexers(); // the previous preview's index is out of date: start again after this build
  });
  eleventyConfig.on("eleventy.after", async (event: { directories: { output: string } }) => {
    const { directories } = event;
    if (isPreview()) await start(event);
    if (!pending) return;
    const { folder, done } = pending;
    pending = undefined;
    const install = async () => {
      try {
        const segments = await done;
        const target = path.join(directories.output, "pagefind");
        await rm(target, { recursive: true, force: true });
        await rename(folder, target);
        return { folder: target, segments };
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    };
    // A preview shows the edited page at once; its search catches up when the index is ready.
    if (!isPreview()) {
      const installed = install();
      // Handed over before the first await: the audit, running beside this handler, checks it.
      options.onIndexing?.(installed);
      await installed;
      return;
    }
    install().catch((error: unknown) => {
      if (!/SIGTERM/.test(String(error)))
        console.error(`[dateline] ${error instanceof Error ? error.message : String(error)}`);
    });
  });
}
