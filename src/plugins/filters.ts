import type UserConfig from "@11ty/eleventy/UserConfig";
import { articleDateline } from "../lib/articles.ts";
import { formatApDate, formatApDateTime, formatIsoDateTime } from "../lib/dates.ts";
import { termKey, type ArticlePage, type Directory, type IndexPage, type ListPage, type TaxonomyKey } from "../lib/directory.ts";
import { articleMeta, listMeta } from "../lib/page-meta.ts";
import { mergedSearchBundles } from "../lib/search-index.ts";
import { disclaimerText, type Partner } from "../lib/partners.ts";
import { absoluteUrl, type SiteConfig } from "../lib/site-config.ts";

/** Template filters; each is a named pure function from `src/lib`. Dates arrive in the site's zone. */
export default function filtersPlugin(eleventyConfig: UserConfig, { site, searchPartSize }: { site: SiteConfig; searchPartSize: number }): void {
  eleventyConfig.addFilter("apDate", formatApDate);
  eleventyConfig.addFilter("apDateTime", formatApDateTime);
  eleventyConfig.addFilter("isoDateTime", formatIsoDateTime);
  eleventyConfig.addFilter("dateline", articleDateline);
  eleventyConfig.addFilter("disclaimer", (partner: Partner) => disclaimerText(partner, site.name));
  eleventyConfig.addFilter("absoluteUrl", (sitePath: string) => absoluteUrl(site, sitePath));
  eleventyConfig.addFilter("articleMeta", (page: ArticlePage) => articleMeta(site, page.article, page.breadcrumbs));
  eleventyConfig.addFilter("termUrl", (directory: Directory, taxonomy: TaxonomyKey, name: string) => directory.termUrls[taxonomy][termKey(name)]);
  eleventyConfig.addFilter("listMeta", (page: ListPage | IndexPage) => listMeta(site, page));
  eleventyConfig.addFilter("mergedSearchBundles", (articleCount: number) => mergedSearchBundles(articleCount, searchPartSize));
}
