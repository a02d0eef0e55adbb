import type { Section } from "../config/sections.ts";
import { sectionNames, type Article } from "../content/articles.ts";

/**
 * What the site draws from the section declarations (`src/lib/config/sections.ts`) for an
 * article and for the site's pages: the navigation, an article page's term lists, its metadata names and its search filters.
 */

/** The site's main navigation, `[label, site path]`: the latest news, every section, the archive and search. */
export function navigation(sections: readonly Section[]): Array<readonly [string, string]> {
  return [
    ["Latest", "/"],
    ...sections.map((section): [string, string] => [section.title, section.url]),
    ["Archive", "/news/"],
    ["Search", "/search/"],
  ];
}

/**
 * The lists at the foot of an article page: `[title, section key, the article's names]` for
 * each section shown there in which the article has names.
 */
export function articleTermLists(
  article: Article,
  sections: readonly Section[],
): Array<[string, string, readonly string[]]> {
  return sections
    .filter((section) => section.onArticlePage)
    .map((section): [string, string, readonly string[]] => [section.title, section.key, sectionNames(section, article)])
    .filter(([, , names]) => names.length > 0);
}

/** The article's names in the sections whose `meta` is `kind`, in section order. */
export function metaNames(
  article: Pick<Article, "terms" | "partner" | "source">,
  sections: readonly Section[],
  kind: "section" | "keyword",
): string[] {
  return sections.filter((section) => section.meta === kind).flatMap((section) => sectionNames(section, article));
}

/** The sections the search page filters by, in navigation order. */
export function searchFilterSections(
  sections: readonly Section[],
): Array<Section & Required<Pick<Section, "searchFilter">>> {
  return sections.filter((section): section is Section & Required<Pick<Section, "searchFilter">> =>
    Boolean(section.searchFilter),
  );
}
