import { DateTime } from "luxon";
import type { Article } from "../../src/lib/content/articles.ts";
import { fixturePartners } from "./fixture-site.ts";

let counter = 0;

type BuiltInLists = "categories" | "tags" | "regions" | "companies";

/**
 * An in-memory Article for unit tests of what is derived from articles (no files, no photos).
 * The built-in sections' lists may be given by name (`categories: ["Energy"]`), as an editor
 * writes them; other sections' through `terms`.
 */
export function makeArticle(
  fields: Partial<Omit<Article, "date">> & { date?: string } & Partial<Record<BuiltInLists, string[]>> = {},
): Article {
  counter++;
  const { date, categories = [], tags = [], regions = [], companies = [], terms, ...rest } = fields;
  const slug = rest.slug ?? `article-${counter}`;
  const written = DateTime.fromISO(date ?? `2023-10-${String((counter % 28) + 1).padStart(2, "0")}T09:00:00+07:00`, {
    setZone: true,
  });
  const when = written.setZone("Asia/Bangkok");
  return {
    title: `Article ${counter}`,
    date: when,
    datelineDate: written,
    dateline: { city: "BEIJING", country: "China" },
    terms: { categories, regions, companies, tags, ...terms },
    corrections: [],
    aliases: [],
    draft: false,
    file: `articles/${slug}.md`,
    slug,
    url: `/news/${when.year}/${String(when.month).padStart(2, "0")}/${slug}/`,
    partner: fixturePartners[0]!,
    photos: [],
    bodyHtml: "<p>Body</p>\n",
    status: "published",
    ...rest,
  };
}

/** Newest first, as the loader returns them. */
export function newestFirst(articles: Article[]): Article[] {
  return [...articles].sort((a, b) => b.date.toMillis() - a.date.toMillis() || a.url.localeCompare(b.url));
}
