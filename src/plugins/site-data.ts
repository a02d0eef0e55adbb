import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Partner } from "../lib/config/partners.ts";
import type { SiteConfig } from "../lib/config/site-config.ts";

export interface SiteDataOptions {
  site: SiteConfig;
  partners: Partner[];
}

/** The validated site and partner settings, as `site` and `partners` in every template. */
export default function siteDataPlugin(eleventyConfig: UserConfig, { site, partners }: SiteDataOptions): void {
  eleventyConfig.addGlobalData("site", site);
  eleventyConfig.addGlobalData("partners", partners);
}
