import type UserConfig from "@11ty/eleventy/UserConfig";
import { articleDateline, type Article } from "../lib/content/articles.ts";
import { formatApDate, formatApDateTime, formatIsoDateTime } from "../lib/core/dates.ts";
import type { ArticlePage, IndexPage, ListPage } from "../lib/site/directory.ts";
import { telephoneLink, unbrokenTelephone, urlHost } from "../lib/core/links.ts";
import { articleMeta, listMeta } from "../lib/site/page-meta.ts";
import { bodyWithDateline, shareLinks } from "../lib/site/article-page.ts";
import { mergedSearchBundles, searchSlots } from "../lib/search/search-segments.ts";
import type { Withdrawal } from "../lib/site/withdrawals.ts";
import { disclaimerText, type Partner } from "../lib/config/partners.ts";
import { absoluteUrl, type SiteConfig } from "../lib/config/site-config.ts";

/**
 * Template filters; each is a named pure function from `src/lib`, except `articleCards`, which
 * keeps the cards it drew. Dates arrive in the site's zone.
 */
export default function filtersPlugin(
  eleventyConfig: UserConfig,
  { site, searchSegmentSize }: { site: SiteConfig; searchSegmentSize: number },
): void {
  eleventyConfig.addFilter("apDate", formatApDate);
  eleventyConfig.addFilter("apDateTime", formatApDateTime);
  eleventyConfig.addFilter("isoDateTime", formatIsoDateTime);
  eleventyConfig.addFilter("dateline", articleDateline);
  eleventyConfig.addFilter("bodyWithDateline", (article: Article) =>
    bodyWithDateline(article.bodyHtml, articleDateline(article)),
  );
  eleventyConfig.addFilter("shareLinks", (article: Article) => shareLinks(site, article));
  eleventyConfig.addFilter("disclaimer", (partner: Partner) => disclaimerText(partner, site.name));
  eleventyConfig.addFilter("absoluteUrl", (sitePath: string) => absoluteUrl(site, sitePath));
  eleventyConfig.addFilter("urlOrigin", (url: string) => new URL(url).origin);
  eleventyConfig.addFilter("urlHost", urlHost);
  eleventyConfig.addFilter("telephoneLink", telephoneLink);
  eleventyConfig.addFilter("unbrokenTelephone", unbrokenTelephone);
  eleventyConfig.addFilter("articleMeta", (page: ArticlePage) =>
    articleMeta(site, page.article, page.breadcrumbs, page.companies),
  );
  eleventyConfig.addFilter("listMeta", (page: ListPage | IndexPage) => listMeta(site, page));
  eleventyConfig.addFilter("articleCards", articleCardsFilter());
  eleventyConfig.addFilter("mergedSearchBundles", mergedSearchBundlesFilter(searchSegmentSize));
}

/**
 * The part of Nunjucks' filter context used here: its environment renders a layout file; the
 * page's data (`ctx`) holds the withdrawn releases (`shardPages.withdrawnPages`).
 */
interface NunjucksFilterContext {
  env: { render(name: string, context: object): string };
  ctx?: { shardPages?: { withdrawnPages?: readonly Withdrawal[] } };
}

/**
 * `articles | mergedSearchBundles`: the search segments besides the newest, as the indexer
 * splits them, where withdrawn releases keep their places (taken from the page's data, so that
 * the layout need not pass them).
 */
function mergedSearchBundlesFilter(searchSegmentSize: number) {
  return function (this: NunjucksFilterContext, articles: readonly Article[]): string[] {
    const withdrawn = this.ctx?.shardPages?.withdrawnPages ?? [];
    const slots = searchSlots(
      articles,
      withdrawn.map((withdrawal) => ({ url: withdrawal.url, date: withdrawal.articleDate })),
    );
    return mergedSearchBundles(slots, searchSegmentSize);
  };
}

/**
 * The list items of an article list, each `layouts/_article-card.njk` rendered once per article
 * and reused: an article appears on up to a dozen lists (home, partner, categories, tags,
 * archives…), and 120 000 cards rendered one by one were Nunjucks' largest cost at 10 000
 * articles. A changed article is a new object (preview), so its card is rendered again.
 */
export function articleCardsFilter() {
  const cards = new WeakMap<Article, string>();
  return function (this: NunjucksFilterContext, articles: Article[]): string {
    return articles
      .map((article) => {
        let card = cards.get(article);
        if (card === undefined) {
          card = this.env.render("_article-card.njk", { article });
          cards.set(article, card);
        }
        return card;
      })
      .join("\n  ");
  };
}
