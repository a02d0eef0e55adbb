import { convertHtmlToAbsoluteUrls, dateToRfc822 } from "@11ty/eleventy-plugin-rss";
import { articleAuthor, articleDateline, articleModified, type Article } from "../content/articles.ts";
import { formatApDate, formatIsoDateTime } from "../core/dates.ts";
import type { Feed } from "./directory.ts";
import { escapeHtml } from "../core/html.ts";
import { disallowedUrls } from "../content/html-policy.ts";
import { disclaimerText } from "../config/partners.ts";
import { ProblemsError } from "../core/problems.ts";
import { absoluteUrl, type SiteConfig } from "../config/site-config.ts";
import { metaNames } from "./sections.ts";

/** Used as the feed's `updated` when it has no items, so empty feeds stay byte-stable. */
const EPOCH = "1970-01-01T00:00:00Z";

/**
 * A feed item's identity, stable forever: the wire's `guid` when the article has one,
 * otherwise its absolute URL. (A changed id shows up in readers as a duplicate.)
 */
export function itemId(site: SiteConfig, article: Article): { id: string; isPermaLink: boolean } {
  if (article.guid) return { id: article.guid, isPermaLink: false };
  return { id: absoluteUrl(site, article.url), isPermaLink: true };
}

/** Atom needs an IRI: a guid that is not already a URI becomes a `urn:dateline:` name. */
function atomId(site: SiteConfig, article: Article): string {
  const { id } = itemId(site, article);
  return /^[a-z][a-z0-9+.-]*:/i.test(id) ? id : `urn:dateline:guid:${encodeURIComponent(id)}`;
}

/**
 * The item's HTML: dateline, lead photo, body, source line, original link and the partner's
 * disclaimer, with every URL made absolute (feed readers have no base URL).
 */
export function itemHtml(site: SiteConfig, article: Article, store?: FeedItemStore): Promise<string> {
  // An article appears in several feeds (site, partner, categories; Atom, RSS, JSON): render once.
  let html = renderedItems.get(article);
  if (!html) {
    html = store ? store(article, () => renderItemHtml(site, article)) : renderItemHtml(site, article);
    renderedItems.set(article, html);
  }
  return html;
}

/**
 * Where a production build keeps feed items between builds (the build cache's rendered HTML):
 * gives the item kept for the article as it is, or the one `render` makes.
 */
export type FeedItemStore = (article: Article, render: () => Promise<string>) => Promise<string>;

const renderedItems = new WeakMap<Article, Promise<string>>();

async function renderItemHtml(site: SiteConfig, article: Article): Promise<string> {
  const parts = article.corrections.map(
    (correction) =>
      `<p><strong>Correction (${escapeHtml(formatApDate(correction.date))}):</strong> ${escapeHtml(correction.text)}</p>`,
  );
  parts.push(`<p><strong>${escapeHtml(articleDateline(article))}</strong></p>`);
  if (article.photos[0]) parts.push(article.photos[0].html);
  parts.push(article.bodyHtml);
  if (article.source) {
    const name = article.source.url
      ? `<a href="${escapeHtml(article.source.url)}">${escapeHtml(article.source.name)}</a>`
      : escapeHtml(article.source.name);
    parts.push(`<p>Source: ${name}${article.source.title ? `: ${escapeHtml(article.source.title)}` : ""}</p>`);
  }
  if (article.originalUrl) {
    parts.push(
      `<p>${escapeHtml(article.partner.originalLinkLabel)}: <a href="${escapeHtml(article.originalUrl)}">${escapeHtml(article.originalUrl)}</a></p>`,
    );
  }
  if (article.copyright && article.partner.copyrightLine === "footer")
    parts.push(`<p>${escapeHtml(article.copyright)}</p>`);
  parts.push(`<p><em>${escapeHtml(disclaimerText(article.partner, site.name))}</em></p>`);
  const html: string = await convertHtmlToAbsoluteUrls(parts.join("\n"), absoluteUrl(site, article.url));
  const refused = disallowedUrls(html);
  if (refused.length > 0) {
    throw new ProblemsError("Cannot write the feeds", [
      {
        file: article.file,
        field: "body",
        expected: "links and images the HTML policy allows in the feed item",
        found: refused.map((url) => JSON.stringify(url)).join(", "),
      },
    ]);
  }
  return html;
}

const newest = (articles: Article[]) =>
  articles.reduce<string | undefined>((latest, article) => {
    const modified = formatIsoDateTime(articleModified(article));
    return latest === undefined || Date.parse(modified) > Date.parse(latest) ? modified : latest;
  }, undefined) ?? EPOCH;

export async function atomFeed(site: SiteConfig, feed: Feed, store?: FeedItemStore): Promise<string> {
  const abs = (path: string) => escapeHtml(absoluteUrl(site, path));
  const entries = await Promise.all(
    feed.articles.map(async (article) => {
      const summary = article.summary ? `\n    <summary>${escapeHtml(article.summary)}</summary>` : "";
      const categories = metaNames(article, site.sections, "section")
        .map((name) => `\n    <category term="${escapeHtml(name)}"/>`)
        .join("");
      return `  <entry>
    <title>${escapeHtml(article.title)}</title>
    <link href="${abs(article.url)}"/>
    <id>${escapeHtml(atomId(site, article))}</id>
    <published>${formatIsoDateTime(article.date)}</published>
    <updated>${formatIsoDateTime(articleModified(article))}</updated>
    <author><name>${escapeHtml(articleAuthor(article))}</name></author>${summary}${categories}
    <content type="html">${escapeHtml(await itemHtml(site, article, store))}</content>
  </entry>`;
    }),
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeHtml(site.language)}">
  <title>${escapeHtml(`${feed.title} | ${site.name}`)}</title>
  <subtitle>${escapeHtml(site.description)}</subtitle>
  <link href="${abs(feed.url)}" rel="self" type="application/atom+xml"/>
  <link href="${abs(feed.alternateUrl)}" rel="alternate" type="text/html"/>
  <id>${abs(feed.url)}</id>
  <updated>${newest(feed.articles)}</updated>
${entries.join("\n")}
</feed>
`;
}

export async function rssFeed(site: SiteConfig, feed: Feed, selfUrl: string, store?: FeedItemStore): Promise<string> {
  const abs = (path: string) => escapeHtml(absoluteUrl(site, path));
  const items = await Promise.all(
    feed.articles.map(async (article) => {
      const { id, isPermaLink } = itemId(site, article);
      const categories = metaNames(article, site.sections, "section")
        .map((name) => `\n      <category>${escapeHtml(name)}</category>`)
        .join("");
      return `    <item>
      <title>${escapeHtml(article.title)}</title>
      <link>${abs(article.url)}</link>
      <guid isPermaLink="${isPermaLink}">${escapeHtml(id)}</guid>
      <pubDate>${dateToRfc822(article.date.toJSDate(), site.timeZone)}</pubDate>${categories}
      <description>${escapeHtml(await itemHtml(site, article, store))}</description>
    </item>`;
    }),
  );
  const lastBuild = feed.articles[0]
    ? `\n    <lastBuildDate>${dateToRfc822(new Date(newest(feed.articles)), site.timeZone)}</lastBuildDate>`
    : "";
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeHtml(`${feed.title} | ${site.name}`)}</title>
    <link>${abs(feed.alternateUrl)}</link>
    <description>${escapeHtml(site.description)}</description>
    <language>${escapeHtml(site.language)}</language>
    <atom:link href="${abs(selfUrl)}" rel="self" type="application/rss+xml"/>${lastBuild}
${items.join("\n")}
  </channel>
</rss>
`;
}

export async function jsonFeed(site: SiteConfig, feed: Feed, selfUrl: string, store?: FeedItemStore): Promise<string> {
  const abs = (path: string) => absoluteUrl(site, path);
  const items = await Promise.all(
    feed.articles.map(async (article) => ({
      id: itemId(site, article).id,
      url: abs(article.url),
      title: article.title,
      content_html: await itemHtml(site, article, store),
      ...(article.summary ? { summary: article.summary } : {}),
      ...(article.photos[0] ? { image: abs(article.photos[0].largest.url) } : {}),
      date_published: formatIsoDateTime(article.date),
      date_modified: formatIsoDateTime(articleModified(article)),
      ...(article.originalUrl ? { external_url: article.originalUrl } : {}),
      tags: [...metaNames(article, site.sections, "section"), ...metaNames(article, site.sections, "keyword")],
      authors: [{ name: articleAuthor(article) }],
    })),
  );
  const document = {
    version: "https://jsonfeed.org/version/1.1",
    title: `${feed.title} | ${site.name}`,
    home_page_url: abs(feed.alternateUrl),
    feed_url: abs(selfUrl),
    description: site.description,
    language: site.language,
    items,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
