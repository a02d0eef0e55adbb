import { FieldReader, isPlainRecord } from "../core/fields.ts";
import { describeValue, type Problem } from "../core/problems.ts";

/**
 * The directory's sections, declared once. Six are built in; an operator adds more (say
 * "industries") with `sections` in the site configuration. Everything that knows a section
 * derives from these declarations: the article schema (one list field per section with a
 * `field`), the directory (terms, index and list pages, feeds, related articles), the navigation,
 * an article page's term lists, the 404 page, search filters, page metadata and feed
 * categories, the importer's keyword mapping and the `new` article template.
 */
export interface Section {
  /** URL-safe name: "categories". */
  key: string;
  /**
   * The front-matter list an article files its names under (`categories: [Energy]`). Partners
   * and sources have none: their term is the article's partner, or its `source.name`.
   */
  field?: string;
  /** The index page's title and the navigation label: "Categories". */
  title: string;
  /** One term of it: "Category". */
  singular: string;
  description: string;
  /** The section's index and its terms' pages live under this site path: "/categories/". */
  url: string;
  /** Long lists (companies, sources) are grouped A–Z on their index page. */
  groupByLetter: boolean;
  /** Each term has an Atom feed of its own. */
  feeds: boolean;
  /** Shown as a list of links at the foot of an article page. */
  onArticlePage: boolean;
  /** Articles sharing a term here are related; rank 1 counts first. Unset: not a relation. */
  relatedRank?: number;
  /**
   * The search page's filter of this name narrows results to a term. Regions filter by the
   * dateline's country (every release has one), not by editors' world regions.
   */
  searchFilter?: { name: string; values: "names" | "dateline country" };
  /**
   * How page metadata and feed items name the article's terms: as its sections
   * (`article:section`, JSON-LD `articleSection`, Atom and RSS `category`) or its keywords
   * (`article:tag`, JSON-LD `keywords`). Both go into JSON Feed `tags`.
   */
  meta?: "section" | "keyword";
  /** The import configuration maps feed keywords to this section's names (`src/data/import.ts`). */
  importMapping: boolean;
}

/** A section whose names an article lists in its front matter. */
export type ListSection = Section & { field: string };

export const BUILT_IN_SECTIONS: readonly Section[] = [
  {
    key: "partners",
    title: "Partners",
    singular: "Partner",
    description: "News partners whose releases we republish.",
    url: "/partners/",
    groupByLetter: false,
    feeds: true,
    onArticlePage: false,
    searchFilter: { name: "partner", values: "names" },
    importMapping: false,
  },
  {
    key: "categories",
    field: "categories",
    title: "Categories",
    singular: "Category",
    description: "Releases by industry and topic.",
    url: "/categories/",
    groupByLetter: false,
    feeds: true,
    onArticlePage: true,
    relatedRank: 2,
    searchFilter: { name: "category", values: "names" },
    meta: "section",
    importMapping: true,
  },
  {
    key: "regions",
    field: "regions",
    title: "Regions",
    singular: "Region",
    description: "Releases by country and city of the dateline.",
    url: "/regions/",
    groupByLetter: false,
    feeds: false,
    onArticlePage: true,
    searchFilter: { name: "region", values: "dateline country" },
    importMapping: true,
  },
  {
    key: "companies",
    field: "companies",
    title: "Companies",
    singular: "Company",
    description: "Companies and organizations in the releases, A–Z.",
    url: "/companies/",
    groupByLetter: true,
    feeds: true,
    onArticlePage: true,
    // The same issuer is the strongest link between two releases.
    relatedRank: 1,
    importMapping: false,
  },
  {
    key: "sources",
    title: "Sources",
    singular: "Source",
    description: "Original publishers of the releases, A–Z.",
    url: "/sources/",
    groupByLetter: true,
    feeds: false,
    onArticlePage: false,
    importMapping: false,
  },
  {
    key: "tags",
    field: "tags",
    title: "Tags",
    singular: "Tag",
    description: "Releases by keyword.",
    url: "/tags/",
    groupByLetter: false,
    feeds: false,
    onArticlePage: true,
    relatedRank: 3,
    meta: "keyword",
    importMapping: true,
  },
];

/** The sections whose names articles list in their front matter, in declaration order. */
export function listSections(sections: readonly Section[]): ListSection[] {
  return sections.filter((section): section is ListSection => section.field !== undefined);
}

const SECTION_FIELDS = [
  "key",
  "title",
  "singular",
  "description",
  "groupByLetter",
  "feeds",
  "onArticlePage",
  "relatedRank",
  "searchFilter",
  "meta",
  "importMapping",
] as const;
const SECTION_KEY = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * An article's own front-matter fields, which `content/article-schema.ts` reads; the other
 * fields it accepts are its sections' lists. Declared here so that no section takes one.
 */
export const ARTICLE_OWN_FIELDS = [
  "title",
  "summary",
  "date",
  "dateline",
  "partner",
  "guid",
  "source",
  "originalUrl",
  "images",
  "draft",
  "embargo",
  "updated",
  "imported",
  "language",
  "withdrawn",
  "corrections",
  "aliases",
  "copyright",
  "trackingPixel",
] as const;
/** Site paths and front-matter names a section must not take. */
const RESERVED_KEYS = ["news", "search", "assets", "pagefind", "photos", "feeds", "page"];

/**
 * The built-in sections followed by the operator's own (`sections` in the site configuration),
 * in navigation order. An added section's key is its front-matter field and its URL base
 * (`industries` → `industries: [...]`, `/industries/`); it must not clash with a built-in
 * section, an article's own field or one of the site's own folders.
 */
export function readSections(
  input: unknown,
  file: string,
  field: string,
): { sections: Section[]; problems: Problem[] } {
  const sections = [...BUILT_IN_SECTIONS];
  if (input === undefined || input === null) return { sections, problems: [] };
  if (!Array.isArray(input)) {
    const reader = new FieldReader(file, {});
    reader.problem(field, "a list of sections, each with key, title, singular and description", input);
    return { sections, problems: reader.problems };
  }
  const problems: Problem[] = [];
  input.forEach((entry, index) => {
    const prefix = `${field}[${index}]`;
    const reader = new FieldReader(file, isPlainRecord(entry) ? entry : {}, prefix);
    if (!isPlainRecord(entry)) {
      problems.push({
        file,
        field: prefix,
        expected: "a mapping with key, title, singular and description",
        found: describeValue(entry),
      });
      return;
    }
    reader.rejectUnknown(SECTION_FIELDS);
    const key = reader.requiredText("key", 'a lowercase name such as "industries"');
    if (key !== undefined) {
      const taken = sections.some((section) => section.key === key || section.field === key);
      if (!SECTION_KEY.test(key)) {
        reader.problem("key", "lowercase letters, digits and hyphens, starting with a letter", key);
      } else if (taken || (ARTICLE_OWN_FIELDS as readonly string[]).includes(key) || RESERVED_KEYS.includes(key)) {
        reader.problem("key", "a name no other section, front-matter field or site folder uses", key);
      }
    }
    const title = reader.requiredText("title", 'the section\'s name, such as "Industries"');
    const singular = reader.requiredText("singular", 'one term of it, such as "Industry"');
    const description = reader.requiredText("description", "one sentence for the section's index page");
    const flag = (name: string, fallback: boolean) => reader.optionalBoolean(name) ?? fallback;
    const groupByLetter = flag("groupByLetter", false);
    const feeds = flag("feeds", false);
    const onArticlePage = flag("onArticlePage", true);
    const importMapping = flag("importMapping", false);
    const relatedRank = entry.relatedRank;
    if (relatedRank !== undefined && !(Number.isInteger(relatedRank) && (relatedRank as number) >= 1)) {
      reader.problem("relatedRank", "a whole number from 1 (1 counts first)", relatedRank);
    }
    const searchFilter = reader.optionalText("searchFilter", 'the search filter\'s name, such as "industry"');
    const meta = reader.has("meta") ? reader.oneOf("meta", ["section", "keyword"] as const) : undefined;
    problems.push(...reader.problems);
    if (reader.problems.length > 0 || !key || !title || !singular || !description) return;
    sections.push({
      key,
      field: key,
      title,
      singular,
      description,
      url: `/${key}/`,
      groupByLetter,
      feeds,
      onArticlePage,
      ...(relatedRank === undefined ? {} : { relatedRank: relatedRank as number }),
      ...(searchFilter === undefined ? {} : { searchFilter: { name: searchFilter, values: "names" as const } }),
      ...(meta === undefined ? {} : { meta }),
      importMapping,
    });
  });
  return { sections, problems };
}
