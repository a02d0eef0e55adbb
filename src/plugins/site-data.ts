import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Partner } from "../lib/config/partners.ts";
import type { SiteConfig } from "../lib/config/site-config.ts";
import { navigation } from "../lib/site/sections.ts";

export interface SiteDataOptions {
  site: SiteConfig;
  partners: Partner[];
}

/**
 * The validated site and partner settings, as `site` and `partners` in every template, and the
 * directory's sections (`sections`, `navigation`) as `src/lib/config/sections.ts` declares them
 * and the site adds to them.
 */
export default function siteDataPlugin(eleventyConfig: UserConfig, { site, partners }: SiteDataOptions): void {
  eleventyConfig.addGlobalData("site", site);
  eleventyConfig.addGlobalData("partners", partners);
  eleventyConfig.addGlobalData("sections", site.sections);
  eleventyConfig.addGlobalData("navigation", navigation(site.sections));
}
