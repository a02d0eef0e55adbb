import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { assetUrl, type AssetManifest } from "../lib/site/fingerprint.ts";

/**
 * Hand-written CSS, scripts and images from `assets/`, copied under content-hashed names (the
 * manifest comes from `fingerprintAssets`), so hosts may cache them for a year. Templates ask
 * for `{{ "/assets/styles.css" | asset }}`. The deploy headers file goes to the output root,
 * where Netlify and Cloudflare Pages read it.
 */
export default function assetsPlugin(
  eleventyConfig: UserConfig,
  { manifest, copies, copy = true }: { manifest: AssetManifest; copies: Record<string, string>; copy?: boolean },
): void {
  // In a parallel build one shard copies; every shard links to the same fingerprinted names.
  if (copy) {
    for (const [source, target] of Object.entries(copies)) eleventyConfig.addPassthroughCopy({ [source]: target });
    eleventyConfig.addPassthroughCopy({ [path.join("src", "deploy", "_headers")]: "_headers" });
  }
  eleventyConfig.addFilter("asset", (sitePath: string) => assetUrl(manifest, sitePath));
}
