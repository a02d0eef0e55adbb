import type { DateTime } from "luxon";
import type { Article } from "../content/articles.ts";
import { buildDirectory, type Directory } from "./directory.ts";
import { atomFeed, jsonFeed, rssFeed, type FeedItemStore } from "./feeds.ts";
import type { Partner } from "../config/partners.ts";
import type { CompanyRegistry } from "../content/companies.ts";
import type { SiteConfig } from "../config/site-config.ts";
import { newsSitemap, robotsTxt, sitemapFiles, SITEMAP_URL_LIMIT } from "./sitemaps.ts";
import type { Withdrawal } from "./withdrawals.ts";
import { netlifyRedirects, nginxRules, NGINX_RULES_PATH } from "./host-rules.ts";
import { PUBLISHED_MANIFEST_PATH, publishedManifest, type Redirect } from "./published-urls.ts";

/** A feed, a sitemap, robots.txt…: a file the build writes as it is, not through a layout. */
export interface GeneratedFile {
  url: string;
  /**
   * What the file is made from (a feed's data with its articles, or the finished text): the
   * page cache signs it, so an unchanged feed is neither rendered nor written again.
   */
  source: unknown;
  /** The file's text, made when asked for (a feed renders up to 50 article bodies). */
  content: () => Promise<string>;
}

/** A file whose text is already made. */
function madeFile({ url, content }: { url: string; content: string }): GeneratedFile {
  return { url, source: content, content: () => Promise.resolve(content) };
}

export interface SiteContent {
  articles: Article[];
  directory: Directory;
  /** Feeds, sitemaps and robots.txt. */
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
  /** Feed items kept from earlier builds (production builds). */
  feedItems?: FeedItemStore;
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
  const { feedItems } = options;
  const files: GeneratedFile[] = [
    ...directory.feeds.map((feed) => ({
      url: feed.url,
      source: { format: "atom", feed },
      content: () => atomFeed(site, feed, feedItems),
    })),
    {
      url: "/rss.xml",
      source: { format: "rss", siteFeed },
      content: () => rssFeed(site, siteFeed, "/rss.xml", feedItems),
    },
    {
      url: "/feed.json",
      source: { format: "json", siteFeed },
      content: () => jsonFeed(site, siteFeed, "/feed.json", feedItems),
    },
    ...sitemapFiles(site, articles, directory, options.sitemapLimit ?? SITEMAP_URL_LIMIT).map(madeFile),
    madeFile({ url: "/news-sitemap.xml", content: newsSitemap(site, articles, now) }),
    madeFile({ url: "/robots.txt", content: robotsTxt(site) }),
  ];
  const rules = { withdrawals: options.withdrawals ?? [], redirects: options.redirects ?? [] };
  if (rules.withdrawals.length > 0 || rules.redirects.length > 0)
    files.push(
      madeFile({ url: "/_redirects", content: netlifyRedirects(rules) }),
      madeFile({ url: NGINX_RULES_PATH, content: nginxRules(rules) }),
    );
  files.push(madeFile({ url: PUBLISHED_MANIFEST_PATH, content: publishedManifest(articles) }));
  return { articles, directory, files };
}
