import type { DateTime } from "luxon";
import { articleModified, type Article } from "../content/articles.ts";
import { formatIsoDateTime } from "../core/dates.ts";
import type { Directory } from "./directory.ts";
import { escapeHtml } from "../core/html.ts";
import { absoluteUrl, type SiteConfig } from "../config/site-config.ts";

export const SITEMAP_URL_LIMIT = 50_000;
export const NEWS_SITEMAP_LIMIT = 1_000;
export const NEWS_WINDOW_HOURS = 48;

export interface SitemapFile {
  url: string;
  content: string;
}

/** Whether the article's own page is the canonical one that search engines should index. */
export function isIndexable(article: Article): boolean {
  const policy = article.partner.indexing;
  return policy !== "noindex" && !(policy === "canonical-to-original" && article.originalUrl);
}

/** Whether the article may appear in the Google News sitemap. */
export function isNewsIndexable(article: Article): boolean {
  return isIndexable(article) && article.partner.indexing !== "googlebot-news-noindex";
}

/**
 * `sitemap.xml`: every indexable article and every directory page. Above `limit` URLs it
 * becomes a sitemap index pointing at `sitemaps/sitemap-N.xml` files of `limit` URLs each.
 */
export function sitemapFiles(
  site: SiteConfig,
  articles: Article[],
  directory: Directory,
  limit = SITEMAP_URL_LIMIT,
): SitemapFile[] {
  const abs = (path: string) => escapeHtml(absoluteUrl(site, path));
  const entries: string[] = [
    ...directory.homePages.map((page) => `<url><loc>${abs(page.url)}</loc></url>`),
    ...directory.indexPages.map((page) => `<url><loc>${abs(page.url)}</loc></url>`),
    ...directory.termPages.map((page) => `<url><loc>${abs(page.url)}</loc></url>`),
    ...articles
      .filter(isIndexable)
      .map(
        (article) =>
          `<url><loc>${abs(article.url)}</loc><lastmod>${formatIsoDateTime(articleModified(article))}</lastmod></url>`,
      ),
  ];
  const urlset = (lines: string[]) =>
    `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${lines.map((line) => `  ${line}`).join("\n")}\n</urlset>\n`;
  if (entries.length <= limit) return [{ url: "/sitemap.xml", content: urlset(entries) }];

  const files: SitemapFile[] = [];
  for (let start = 0; start < entries.length; start += limit) {
    files.push({
      url: `/sitemaps/sitemap-${files.length + 1}.xml`,
      content: urlset(entries.slice(start, start + limit)),
    });
  }
  const index = `<?xml version="1.0" encoding="utf-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${files
    .map((file) => `  <sitemap><loc>${abs(file.url)}</loc></sitemap>`)
    .join("\n")}\n</sitemapindex>\n`;
  return [{ url: "/sitemap.xml", content: index }, ...files];
}

/** The articles for the Google News sitemap: published in the 48 hours up to `now`, newest 1 000. */
export function newsArticles(articles: Article[], now: DateTime): Article[] {
  const from = now.minus({ hours: NEWS_WINDOW_HOURS });
  return articles
    .filter((article) => article.date <= now && article.date >= from && isNewsIndexable(article))
    .slice(0, NEWS_SITEMAP_LIMIT);
}

export function newsSitemap(site: SiteConfig, articles: Article[], now: DateTime): string {
  const items = newsArticles(articles, now).map(
    (article) => `  <url>
    <loc>${escapeHtml(absoluteUrl(site, article.url))}</loc>
    <news:news>
      <news:publication><news:name>${escapeHtml(site.name)}</news:name><news:language>${escapeHtml(site.language)}</news:language></news:publication>
      <news:publication_date>${formatIsoDateTime(article.date)}</news:publication_date>
      <news:title>${escapeHtml(article.title)}</news:title>
    </news:news>
  </url>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${items.join("\n")}
</urlset>
`;
}

export function robotsTxt(site: SiteConfig): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(site, "/sitemap.xml")}\nSitemap: ${absoluteUrl(site, "/news-sitemap.xml")}\n`;
}
