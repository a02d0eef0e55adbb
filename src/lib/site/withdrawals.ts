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
  /** The release's own date: it keeps its place among the search segments (`searchSlots`). */
  articleDate: DateTime;
  file: string;
}

export function withdrawalsOf(sources: readonly ArticleSource[]): Withdrawal[] {
  return sources
    .filter((source) => source.status === "withdrawn" && source.fields.withdrawn)
    .map((source) => ({
      url: source.url,
      date: source.fields.withdrawn!.date,
      articleDate: source.fields.date,
      file: source.file,
    }))
    .sort((a, b) => a.url.localeCompare(b.url));
}
