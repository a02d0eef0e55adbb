/**
 * What search knows of an article, made in the build's process from the articles it loaded: the
 * record Pagefind indexes, without its body (`UnrenderedSearchRecord`; the indexer adds the
 * body's text), with every value escaped for Pagefind's UI.
 */
import { articleDateline, sectionNames, type Article } from "../content/articles.ts";
import type { Section } from "../config/sections.ts";
import { escapeHtml } from "../core/html.ts";
import { formatApDate } from "../core/dates.ts";
import { SpellingCounter, termKey } from "../core/terms.ts";
import { completeSearchRecord, type SearchRecord, type UnrenderedSearchRecord } from "./search-index.ts";

/**
 * What search knows of an article: headline, summary, dateline, photo captions and body text,
 * the lead photo's thumbnail, and the filters (each section's with a `searchFilter`, and the
 * year). Navigation, footers and disclaimers are not part of it.
 */
export type SearchableArticle = Pick<
  Article,
  "url" | "title" | "summary" | "dateline" | "date" | "datelineDate" | "language" | "partner" | "source" | "terms"
> & {
  photos: ReadonlyArray<{
    caption?: string | undefined;
    credit?: string | undefined;
    /** The narrowest rendition: the result's thumbnail (the lead photo's). */
    smallest?: { url: string };
  }>;
};

/**
 * The article's record without its body. Reads no `bodyHtml`: an article renders its body when
 * that is read, and the build plans every segment's records while rendering only those indexed.
 */
export function unrenderedSearchRecord(
  article: SearchableArticle,
  site: { language: string; sections: readonly Section[] },
  spellings?: FilterSpellings,
): UnrenderedSearchRecord {
  const captions = article.photos.map((photo) => [photo.caption, photo.credit].filter(Boolean).join(" "));
  const thumbnail = article.photos[0]?.smallest?.url;
  // An excerpt is cut from the text where the words found are: the summary and the body come
  // first, the headline (which the result shows anyway) and the captions after them, so that a
  // result does not read like its headline again or a list of photos.
  return {
    url: article.url,
    language: site.language,
    meta: {
      title: forSearchUi(article.title),
      Date: forSearchUi(formatApDate(article.date)),
      Partner: forSearchUi(article.partner.name),
      ...(thumbnail ? { image: forSearchUi(thumbnail), image_alt: "" } : {}),
    },
    filters: searchRecordFilters(article, site, spellings),
    before: `${article.summary ?? ""}\n${articleDateline(article)} `,
    after: ["", article.title, ...captions].join("\n"),
  };
}

/**
 * The record's filters: each filtering section's values (in the site's spellings), the year and,
 * for a release in another language, its language.
 */
export function searchRecordFilters(
  article: SearchableArticle,
  site: { sections: readonly Section[] },
  spellings?: FilterSpellings,
): Record<string, string[]> {
  return {
    ...searchFilters(article, site.sections, spellings),
    year: [String(article.date.year)],
    // One index for the whole site (Pagefind would split it by language, and the search page
    // would find only its own): a release in another language says so as a filter.
    ...(article.language ? { language: [forSearchUi(article.language)] } : {}),
  };
}

/** The article's complete record, its body's text included. */
export function searchRecord(
  article: SearchableArticle & { bodyHtml: string },
  site: { language: string; sections: readonly Section[] },
  spellings?: FilterSpellings,
): SearchRecord {
  return completeSearchRecord(unrenderedSearchRecord(article, site, spellings), article.bodyHtml);
}

type FilterValuesOf = Pick<SearchableArticle, "terms" | "partner" | "source" | "dateline">;

/** The names the article is filtered by in a filtering section, as the article spells them. */
function filterValues(article: FilterValuesOf, section: Section): readonly string[] {
  if (section.searchFilter?.values === "dateline country")
    return article.dateline.country === undefined ? [] : [article.dateline.country];
  return sectionNames(section, article);
}

/**
 * Section key → the spellings of its terms across the site. A filter shows each term once, in
 * the spelling its directory page shows, however each article spells it ("Utilities",
 * "utilities").
 */
export type FilterSpellings = ReadonlyMap<string, SpellingCounter>;

export function filterSpellings(articles: Iterable<FilterValuesOf>, sections: readonly Section[]): FilterSpellings {
  const filtering = sections.filter((section) => section.searchFilter);
  const spellings = new Map(filtering.map((section) => [section.key, new SpellingCounter()]));
  for (const article of articles)
    for (const section of filtering) {
      const counter = spellings.get(section.key) as SpellingCounter;
      for (const name of filterValues(article, section)) counter.add(name);
    }
  return spellings;
}

/** Each filtering section's values for the article; a section it has no value in is left out. */
function searchFilters(
  article: SearchableArticle,
  sections: readonly Section[],
  spellings: FilterSpellings | undefined,
): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  for (const section of sections) {
    if (!section.searchFilter) continue;
    const { name, values } = section.searchFilter;
    const counter = spellings?.get(section.key);
    const found = new Map<string, string>();
    for (const value of filterValues(article, section)) {
      const key = termKey(value);
      if (!found.has(key)) found.set(key, counter ? counter.preferred(value) : value);
    }
    if (found.size > 0 || values === "names") filters[name] = [...found.values()].map(forSearchUi);
  }
  return filters;
}

/**
 * A value as Pagefind's UI may show it. Its default UI writes filter labels and some titles with
 * `innerHTML`: escaped, a value shows as the text it is and can neither run nor clobber the
 * page (tests/browser/search-hostile.test.ts proves both in Chromium).
 */
export function forSearchUi(text: string): string {
  return escapeHtml(text);
}
