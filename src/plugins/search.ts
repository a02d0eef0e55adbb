import type UserConfig from "@11ty/eleventy/UserConfig";
import { buildSearchIndex } from "../lib/search-index.ts";

/** After Eleventy has written the site, Pagefind indexes it (static files, no server). */
export default function searchPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    await buildSearchIndex(directories.output);
  });
}
