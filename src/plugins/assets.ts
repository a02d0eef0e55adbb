import type UserConfig from "@11ty/eleventy/UserConfig";

/** Hand-written CSS, the logo and other static files, copied as they are to `/assets/`. */
export default function assetsPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addPassthroughCopy({ assets: "assets" });
}
