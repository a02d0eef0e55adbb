import type { DateTime } from "luxon";
import type { Article } from "../content/articles.ts";
import { buildDirectory, type Directory } from "./directory.ts";
import { atomFeed, jsonFeed, rssFeed } from "./feeds.ts";
import type { Partner } from "../config/partners.ts";
import type { CompanyRegistry } from "../content/companies.ts";
import type { SiteConfig } from "../config/site-config.ts";
import { newsSitemap, robotsTxt, sitemapFiles, SITEMAP_URL_LIMIT } from "./sitemaps.ts";
import type { Withdrawal } from "./withdrawals.ts";
import { netlifyRedirects, nginxRules, NGINX_RULES_PATH } from "./host-rules.ts";
import { PUBLISHED_MANIFEST_PATH, publishedManifest, type Redirect } from "./published-urls.ts";

export interface GeneratedFile {
  url: string;
  content: string;
}

export interface SiteContent {
  articles: Article[];
  directory: Directory;
  /** Feeds, sitemaps and robots.txt, rendered once per build. */
  files: GeneratedFile[];
}

export interface SiteContentOptions {
  site: SiteConfig;
  partners: readonly Partner[];
  /** The company profiles the articles' `companies` resolve to. */
  companies?: CompanyRegistry;
  now: DateTime;
  feedSize?: number;
  relatedCount?: number;
  sitemapLimit?: number;
  /** Render feeds, sitemaps and robots.txt (a parallel build's other shards skip them). */
  files?: boolean;
  /** Withdrawn releases: their URLs answer 410 Gone (the hosts' rules are files too). */
  withdrawals?: readonly Withdrawal[];
  /** Old URLs redirected to the articles that name them in `aliases`. */
  redirects?: readonly Redirect[];
}

/** Everything the templates draw, derived from the loaded articles once per build. */
export async function buildSiteContent(articles: Article[], options: SiteContentOptions): Promise<SiteContent> {
  const { site, now } = options;
  const directory = buildDirectory(articles, {
    partners: options.partners,
    ...(options.companies ? { companies: options.companies } : {}),
    sections: site.sections,
    locale: site.locale,
    pageSize: site.pageSize,
    feedSize: options.feedSize ?? 50,
    relatedCount: options.relatedCount ?? 5,
  });
  if (options.files === false) return { articles, directory, files: [] };
  const siteFeed = directory.feeds[0]!;
  const files: GeneratedFile[] = [
    ...(await Promise.all(
      directory.feeds.map(async (feed) => ({ url: feed.url, content: await atomFeed(site, feed) })),
    )),
    { url: "/rss.xml", content: await rssFeed(site, siteFeed, "/rss.xml") },
    { url: "/feed.json", content: await jsonFeed(site, siteFeed, "/feed.json") },
    ...sitemapFiles(site, articles, directory, options.sitemapLimit ?? SITEMAP_URL_LIMIT),
    { url: "/news-sitemap.xml", content: newsSitemap(site, articles, now) },
    { url: "/robots.txt", content: robotsTxt(site) },
  ];
  const rules = { withdrawals: options.withdrawals ?? [], redirects: options.redirects ?? [] };
  if (rules.withdrawals.length > 0 || rules.redirects.length > 0)
    files.push(
      { url: "/_redirects", content: netlifyRedirects(rules) },
      { url: NGINX_RULES_PATH, content: nginxRules(rules) },
    );
  files.push({ url: PUBLISHED_MANIFEST_PATH, content: publishedManifest(articles) });
  return { articles, directory, files };
}
