import type { Article } from "../content/articles.ts";

/**
 * The directory's sections, declared once. The directory (`directory.ts`: terms, index and list
 * pages, feeds, related articles), the navigation, an article page's list of its terms and the
 * 404 page's browse list all derive from this list and its order.
 */
export type SectionKey = "partners" | "sources" | "categories" | "regions" | "companies" | "tags";

export interface Section {
  key: SectionKey;
  /** The index page's title and the navigation label: "Categories". */
  title: string;
  /** One term of it: "Category". */
  singular: string;
  description: string;
  /** The section's index and its terms' pages live under this site path. */
  url: string;
  /** Long lists (companies, sources) are grouped A–Z on their index page. */
  groupByLetter: boolean;
  /** Each term has an Atom feed of its own. */
  feeds: boolean;
  /**
   * The names an article files under this section, as written in its front matter. Partners are
   * the article's partner, and regions add the dateline's country with its city beneath it: the
   * directory builds those two itself.
   */
  names: (article: Article) => readonly string[];
  /** Shown as a list of links at the foot of an article page. */
  onArticlePage: boolean;
  /** Articles sharing a term here are related; rank 1 counts first. Unset: not a relation. */
  relatedRank?: number;
}

const none = () => [];

export const SECTIONS: readonly Section[] = [
  {
    key: "partners",
    title: "Partners",
    singular: "Partner",
    description: "News partners whose releases we republish.",
    url: "/partners/",
    groupByLetter: false,
    feeds: true,
    names: none,
    onArticlePage: false,
  },
  {
    key: "categories",
    title: "Categories",
    singular: "Category",
    description: "Releases by industry and topic.",
    url: "/categories/",
    groupByLetter: false,
    feeds: true,
    names: (article) => article.categories,
    onArticlePage: true,
    relatedRank: 2,
  },
  {
    key: "regions",
    title: "Regions",
    singular: "Region",
    description: "Releases by country and city of the dateline.",
    url: "/regions/",
    groupByLetter: false,
    feeds: false,
    names: (article) => article.regions,
    onArticlePage: true,
  },
  {
    key: "companies",
    title: "Companies",
    singular: "Company",
    description: "Companies and organizations in the releases, A–Z.",
    url: "/companies/",
    groupByLetter: true,
    feeds: false,
    names: (article) => article.companies,
    onArticlePage: true,
    // The same issuer is the strongest link between two releases.
    relatedRank: 1,
  },
  {
    key: "sources",
    title: "Sources",
    singular: "Source",
    description: "Original publishers of the releases, A–Z.",
    url: "/sources/",
    groupByLetter: true,
    feeds: false,
    names: (article) => (article.source ? [article.source.name] : []),
    onArticlePage: false,
  },
  {
    key: "tags",
    title: "Tags",
    singular: "Tag",
    description: "Releases by keyword.",
    url: "/tags/",
    groupByLetter: false,
    feeds: false,
    names: (article) => article.tags,
    onArticlePage: true,
    relatedRank: 3,
  },
];

/** The site's main navigation, `[label, site path]`: the latest news, every section, the archive and search. */
export const NAVIGATION: ReadonlyArray<readonly [string, string]> = [
  ["Latest", "/"],
  ...SECTIONS.map((section): [string, string] => [section.title, section.url]),
  ["Archive", "/news/"],
  ["Search", "/search/"],
];

/**
 * The lists at the foot of an article page: `[title, section key, the article's names]` for
 * each section shown there in which the article has names.
 */
export function articleTermLists(article: Article): Array<[string, SectionKey, readonly string[]]> {
  return SECTIONS.filter((section) => section.onArticlePage)
    .map((section): [string, SectionKey, readonly string[]] => [section.title, section.key, section.names(article)])
    .filter(([, , names]) => names.length > 0);
}
