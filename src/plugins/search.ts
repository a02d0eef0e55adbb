import { rename, rm } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { closeSearchIndex, searchRecord, writeSearchIndex } from "../lib/search-index.ts";
import type { SiteConfig } from "../lib/site-config.ts";
import type { BuildState } from "./articles.ts";

/**
 * Search (static files, no server). As soon as the articles are loaded, Pagefind builds the
 * index from them in its own process, into a folder beside the output, while Eleventy renders;
 * after the build the finished index is moved into `<output>/pagefind/`.
 */
export default function searchPlugin(eleventyConfig: UserConfig, { site, state }: { site: SiteConfig; state: BuildState }): void {
  let pending: { folder: string; done: Promise<void> } | undefined;
  eleventyConfig.on("eleventy.before", async () => {
    if (pending) await closeSearchIndex();
    pending = undefined;
  });
  state.onLoaded.push((articles) => {
    const output = path.resolve((eleventyConfig.directories as { output: string }).output);
    const folder = `${output}.pagefind-${process.pid}`;
    const done = rm(folder, { recursive: true, force: true }).then(() => writeSearchIndex(articles.map((article) => searchRecord(article, site.language)), folder));
    done.catch(() => undefined); // reported after the build
    pending = { folder, done };
  });
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    if (!pending) return;
    const { folder, done } = pending;
    try {
      await done;
      const target = path.join(directories.output, "pagefind");
      await rm(target, { recursive: true, force: true });
      await rename(folder, target);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
}
