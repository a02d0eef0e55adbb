import type { DateTime } from "luxon";
import type { ArticleSource } from "../content/articles.ts";

/**
 * Withdrawn releases (a wire's kill, a takedown request): the article's URL answers 410 Gone
 * with a short notice and no wire text. Hosts that read rules get them from the build
 * (`_redirects` for Netlify, an nginx include); on any other host the notice page at the URL
 * says it, marked noindex.
 */
export interface Withdrawal {
  /** The article's site path, which stays reserved. */
  url: string;
  /** When it was withdrawn. */
  date: DateTime;
  file: string;
}

/** Where the build writes the nginx rules that `src/deploy/nginx.conf` includes. */
export const NGINX_RULES_PATH = "/_dateline/nginx-rules.conf";

export function withdrawalsOf(sources: readonly ArticleSource[]): Withdrawal[] {
  return sources
    .filter((source) => source.status === "withdrawn" && source.fields.withdrawn)
    .map((source) => ({ url: source.url, date: source.fields.withdrawn!.date, file: source.file }))
    .sort((a, b) => a.url.localeCompare(b.url));
}

/**
 * Netlify's `_redirects`: the notice with status 410, forced (`!`) because the notice page exists
 * at that path. Cloudflare Pages accepts only redirect codes there and skips these lines: it
 * serves the notice page (noindex) instead.
 */
export function netlifyRedirects(withdrawals: readonly Withdrawal[]): string {
  const lines = withdrawals.flatMap(({ url }) => [
    `${url} ${url}index.html 410!`,
    `${url.replace(/\/$/, "")} ${url}index.html 410!`,
  ]);
  return `# Written by the build: withdrawn releases answer 410 Gone.\n${lines.join("\n")}\n`;
}

/** nginx rules: 410 Gone at the URL (and its index.html), with the notice page as the body. */
export function nginxRules(withdrawals: readonly Withdrawal[]): string {
  const blocks = withdrawals.map(({ url }) => {
    const name = `@withdrawn_${url.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "")}`;
    return [
      `location = ${url} { error_page 410 ${name}; return 410; }`,
      `location = ${url}index.html { error_page 410 ${name}; return 410; }`,
      `location ${name} { try_files ${url}index.html =410; }`,
    ].join("\n");
  });
  return `# Written by the build and included by src/deploy/nginx.conf: withdrawn releases answer 410 Gone.\n${blocks.join("\n")}\n`;
}
