import type { Article } from "../content/articles.ts";
import { escapeHtml } from "../core/html.ts";
import { absoluteUrl, type SiteConfig } from "../config/site-config.ts";

/** What an article page draws beyond its fields: the dateline run into the text, the share links. */

/**
 * The body with the dateline run into its first paragraph, as the wires print it ("BEIJING,
 * Oct. 24, 2023 /PRNewswire/ — The company…"). A body that does not open with a paragraph
 * (a table, a list, a heading) gets the dateline as a paragraph of its own before it. The body
 * is the sanitizer's output; the dateline is escaped here.
 */
export function bodyWithDateline(bodyHtml: string, dateline: string): string {
  const runIn = `<span class="dateline">${escapeHtml(dateline)}</span> `;
  const opening = /^\s*<p(?:\s[^>]*)?>/.exec(bodyHtml);
  if (opening) return `${opening[0]}${runIn}${bodyHtml.slice(opening[0].length)}`;
  return `<p class="dateline">${escapeHtml(dateline)}</p>\n${bodyHtml}`;
}

export interface ShareLink {
  /** The network's name, shown as the link text. */
  name: string;
  url: string;
}

/**
 * Plain links that share the article: each network's own share address with the page's URL
 * and headline. No script of theirs is loaded, so nothing tracks a reader who does not click.
 */
export function shareLinks(site: SiteConfig, article: Pick<Article, "url" | "title">): ShareLink[] {
  const url = absoluteUrl(site, article.url);
  const query = (parameters: Record<string, string>) => new URLSearchParams(parameters).toString();
  return [
    { name: "Email", url: `mailto:?${query({ subject: article.title, body: url }).replace(/\+/g, "%20")}` },
    { name: "LinkedIn", url: `https://www.linkedin.com/sharing/share-offsite/?${query({ url })}` },
    { name: "X", url: `https://x.com/intent/post?${query({ text: article.title, url })}` },
    { name: "Facebook", url: `https://www.facebook.com/sharer/sharer.php?${query({ u: url })}` },
    { name: "WhatsApp", url: `https://wa.me/?${query({ text: `${article.title} ${url}` })}` },
  ];
}
