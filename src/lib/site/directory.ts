import type { Article } from "../content/articles.ts";
import type { Partner } from "../config/partners.ts";
import { ProblemsError, type Problem } from "../core/problems.ts";
import { slugify } from "../core/slug.ts";
import { preferredSpelling, termKey } from "../core/terms.ts";
import type { Section } from "../config/sections.ts";
import { sectionNames } from "../content/articles.ts";
import { articleTermLists } from "./sections.ts";
import { COMPANY_INDEX_FOLDERS, type Company, type CompanyRegistry } from "../content/companies.ts";

/**
 * The directory, computed once per build from the sorted article list: every taxonomy's
 * terms with their articles, every paginated list page as a prepared (term, page) chunk, the
 * index pages and the related articles. Templates only draw what is here; nothing scans
 * the article list per page.
 */

/** A section's key (see `src/lib/config/sections.ts`, where every section is declared). */
export type TaxonomyKey = string;

export interface Crumb {
  name: string;
  url: string;
}

export interface Term {
  name: string;
  slug: string;
  url: string;
  count: number;
  /** Newest first. */
  articles: Article[];
  /** Cities of a country, in the regions directory. */
  children: Term[];
  /** Every spelling articles file it under, when it is more than its name (companies' legal forms). */
  spellings?: string[];
  /** A company's profile. */
  company?: Company;
  /** A partner's logo, when its settings give one. */
  logoUrl?: string;
}

export interface Taxonomy {
  key: TaxonomyKey;
  title: string;
  singular: string;
  url: string;
  description: string;
  /** Indexes of long lists (companies, sources) are grouped by first letter. */
  groupByLetter: boolean;
  /** A–Z by name in the site's locale. */
  terms: Term[];
}

export interface ListPage {
  kind: "home" | "term" | "archive";
  url: string;
  /** The `<title>` and `<h1>`. */
  title: string;
  description: string;
  breadcrumbs: Crumb[];
  articles: Article[];
  /**
   * 0 on the first page (the newest releases), else the number it shows (1 is the oldest). Not
   * its place among the pages, and no count of them: what a numbered page holds stays as it was
   * when releases are added, so its page is reused by an incremental build.
   */
  pageNumber: number;
  /** URL of each page of this list, first page first (not drawn: see `IGNORED_KEYS` in the page cache). */
  pageUrls: string[];
  /** The numbered links this page shows: first, last and its neighbours, gaps between (see `pageLinks`). */
  pageLinks: PageLink[];
  previousUrl?: string;
  nextUrl?: string;
  /** The Atom feed of this list, when it has one. */
  feedUrl?: string;
  /** Sub-terms to show above the list (a country's cities, a year's months). */
  children: Array<{ name: string; url: string; count: number }>;
  /** Heading of the sub-terms: "Cities", "Months". */
  childrenLabel: string;
  /** The company whose releases these are, with its profile. */
  company?: Company;
  /** The partner's logo on its page, when its settings give one. */
  logoUrl?: string;
  /** The front page's lead release, the rest of the first page, and its blocks. */
  front?: FrontPage;
}

export interface FrontPage {
  /** The newest release with a photo among the first few, else the newest. */
  lead: Article;
  more: Article[];
  /** The latest releases of the busiest terms of one section (categories). */
  blocks: HomeBlock[];
}

export interface HomeBlock {
  title: string;
  url: string;
  articles: Article[];
}

/** How many blocks the front page shows, and how many releases each. */
const HOME_BLOCKS = 6;
const HOME_BLOCK_SIZE = 4;
/** The lead is the newest release with a photo among this many of the newest. */
const LEAD_CANDIDATES = 5;

export interface IndexGroup {
  heading: string;
  terms: Array<{
    name: string;
    url: string;
    count: number;
    children: Array<{ name: string; url: string; count: number }>;
    /** A company's logo, shown beside its name. */
    logoHtml?: string;
    /** A partner's logo (an image URL), shown beside its name. */
    logoUrl?: string;
  }>;
}

export interface IndexPage {
  url: string;
  title: string;
  description: string;
  breadcrumbs: Crumb[];
  /** Groups are letters (companies, sources): show an A–Z jump list. */
  byLetter: boolean;
  groups: IndexGroup[];
  /** Other ways through the same index (companies: A–Z, by industry, by country). */
  browse?: { label: string; links: Crumb[] };
}

export interface Feed {
  /** Site path of the Atom file. */
  url: string;
  title: string;
  /** The HTML page the feed follows. */
  alternateUrl: string;
  articles: Article[];
}

export interface ArticlePage {
  article: Article;
  /** Home › Partners › the partner (the page adds the headline). */
  breadcrumbs: Crumb[];
  /**
   * Articles to read next. The articles themselves, not copies of what the page shows of
   * them: a preview then tells an unchanged page by the articles' versions (`PageChanges`).
   */
  related: Article[];
  /** The profiles of the companies it names, the issuer first, with their pages. */
  companies: CompanyLink[];
  /**
   * The article's names in each section shown on its page, each with its term page: part of
   * the page's data, so the page cache sees a term's link change (`src/lib/build/page-cache.ts`).
   */
  termLists: TermList[];
}

export interface TermList {
  /** The section's title: "Categories". */
  title: string;
  links: Crumb[];
}

export interface CompanyLink {
  company: Company;
  url: string;
}

export interface Directory {
  taxonomies: Taxonomy[];
  /** Page URL of each term by taxonomy and {@link termKey}, for linking an article's terms. */
  termUrls: Record<TaxonomyKey, Record<string, string>>;
  articlePages: ArticlePage[];
  homePages: ListPage[];
  termPages: ListPage[];
  indexPages: IndexPage[];
  feeds: Feed[];
}

export interface DirectoryOptions {
  partners: readonly Partner[];
  /** The profiles companies' names resolve to; without it a company is the names articles print. */
  companies?: CompanyRegistry;
  /** The site's sections, in navigation order. */
  sections: readonly Section[];
  locale: string;
  pageSize: number;
  feedSize: number;
  relatedCount: number;
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const HOME: Crumb = { name: "Home", url: "/" };

/**
 * A list's pages are numbered from its oldest end: page 1 holds its 20 oldest releases, page 2
 * the next 20, and so on; the first page (`/categories/energy/`, no number) holds the newest,
 * between 20 and 39 of them. A new release changes the first page of each list it is in, and
 * every 20th one cuts a new numbered page; the numbered pages already published keep their
 * releases and their URL. Numbered from the newest end, one release shifted every page of every
 * list it is in (bench/results/page-churn-10000.md).
 */

/** `/categories/energy/page/3/` for numbered page 3 (from the oldest); 0 is the first page, `/categories/energy/`. */
export function pageUrl(baseUrl: string, number: number): string {
  return number === 0 ? baseUrl : `${baseUrl}page/${number}/`;
}

/** A page's link in the numbered list: its label is "Latest" for the first page, else its number. */
export type PageLink = { label: string; number: number; url: string; current: boolean } | { gap: true };

/** How many neighbours on each side of the current page get a numbered link. */
export const PAGE_LINK_RADIUS = 2;

/** How many numbered pages a list of `count` releases has: all but the newest 20 to 39 in pages of 20. */
export function numberedPageCount(count: number, pageSize: number): number {
  return Math.max(0, Math.floor(count / pageSize) - 1);
}

/**
 * The page links of the page at `index` in `pages` (newest first: the first page, then the
 * numbered pages from the highest number down): the first page, the oldest page, the current
 * one and its neighbours, a gap wherever pages are left out. A link to every page made each of
 * the 5 000 home pages of a 100 000-article site carry 5 000 links: output and memory grew
 * with the square of the list.
 */
export function pageLinks(
  index: number,
  pages: ReadonlyArray<{ url: string; number: number }>,
  radius = PAGE_LINK_RADIUS,
): PageLink[] {
  const links: PageLink[] = [];
  const last = pages.length - 1;
  let previous = -1;
  for (let at = 0; at <= last; at++) {
    const shown = at === 0 || at === last || Math.abs(at - index) <= radius;
    if (!shown) {
      // Jump to the next shown page instead of walking every page of a long list.
      at = at < index ? index - radius - 1 : last - 1;
      continue;
    }
    if (at > previous + 1) links.push({ gap: true });
    const page = pages[at]!;
    links.push({
      label: page.number === 0 ? "Latest" : String(page.number),
      number: page.number,
      url: page.url,
      current: at === index,
    });
    previous = at;
  }
  return links;
}

/**
 * Splits a newest-first list into pages (see above), newest first, each knowing its neighbours
 * and all page URLs. `description` is the first page's; a numbered page's says only which page
 * it is (`numberedDescription`), so that it does not change when a release is added.
 */
export function paginate(
  base: Omit<
    ListPage,
    "url" | "title" | "articles" | "pageNumber" | "pageUrls" | "pageLinks" | "previousUrl" | "nextUrl" | "breadcrumbs"
  > & { breadcrumbs: Crumb[] },
  baseUrl: string,
  title: string,
  articles: Article[],
  pageSize: number,
  numberedDescription: (number: number) => string = () => "",
): ListPage[] {
  const numbered = numberedPageCount(articles.length, pageSize);
  const firstSize = articles.length - numbered * pageSize;
  // Newest first: the first page, then numbered pages from the highest number down to 1.
  const pages = [
    { number: 0, url: baseUrl, start: 0, end: firstSize },
    ...Array.from({ length: numbered }, (_, k) => {
      const number = numbered - k;
      const start = firstSize + k * pageSize;
      return { number, url: pageUrl(baseUrl, number), start, end: start + pageSize };
    }),
  ];
  const pageUrls = pages.map((page) => page.url);
  return pages.map((page, index) => {
    const pageTitle = page.number === 0 ? title : `${title}, page ${page.number}`;
    return {
      ...base,
      // Sub-terms (a country's cities, with counts) are shown on the first page only.
      ...(page.number === 0 ? {} : { description: numberedDescription(page.number), children: [] }),
      url: page.url,
      title: pageTitle,
      breadcrumbs:
        page.number === 0
          ? base.breadcrumbs
          : [
              ...base.breadcrumbs.slice(0, -1),
              { name: title, url: baseUrl },
              { name: `Page ${page.number}`, url: page.url },
            ],
      articles: articles.slice(page.start, page.end),
      pageNumber: page.number,
      pageUrls,
      pageLinks: pageLinks(index, pages),
      ...(index > 0 ? { previousUrl: pageUrls[index - 1] } : {}),
      ...(index < pages.length - 1 ? { nextUrl: pageUrls[index + 1] } : {}),
    };
  });
}

interface TermBuilder {
  key: string;
  spellings: Map<string, number>;
  articles: Article[];
  /** The file of the first article to name it, for messages. */
  file: string;
  children: Map<string, TermBuilder>;
  company?: Company;
}

/**
 * Collects the terms of one taxonomy, merging spellings that differ only in case or accents,
 * or, for companies, names one profile answers to.
 */
class TermCollector {
  readonly terms = new Map<string, TermBuilder>();

  constructor(private readonly companies?: CompanyRegistry) {}

  add(name: string, article: Article, childName?: string): void {
    const builder = this.entry(this.terms, name, article, this.companies?.resolve(name));
    if (childName !== undefined) this.entry(builder.children, childName, article);
  }

  private entry(into: Map<string, TermBuilder>, name: string, article: Article, company?: Company): TermBuilder {
    const key = company ? `company:${company.slug}` : termKey(name);
    let builder = into.get(key);
    if (!builder) {
      builder = {
        key,
        spellings: new Map(),
        articles: [],
        file: article.file,
        children: new Map(),
        ...(company ? { company } : {}),
      };
      into.set(key, builder);
    }
    builder.spellings.set(name, (builder.spellings.get(name) ?? 0) + 1);
    // Articles arrive newest first; one article adds a term once, however often it names it.
    if (builder.articles.at(-1) !== article) builder.articles.push(article);
    return builder;
  }
}

/** A company's name as its profile gives it; else the spelling most articles use (see `preferredSpelling`). */
function displayName(builder: TermBuilder): string {
  return builder.company?.name ?? preferredSpelling(builder.spellings, builder.key);
}

function finishTerms(
  taxonomy: string,
  builders: Map<string, TermBuilder>,
  baseUrl: string,
  collator: Intl.Collator,
  problems: Problem[],
  nameOf: (builder: TermBuilder) => string = displayName,
): Term[] {
  const bySlug = new Map<string, { name: string; builder: TermBuilder }>();
  const terms: Term[] = [];
  for (const builder of builders.values()) {
    const name = nameOf(builder);
    const slug = builder.company?.slug ?? slugify(name);
    const other = bySlug.get(slug);
    if (other) {
      problems.push({
        file: other.builder.file,
        field: taxonomy,
        expected: `terms with slugs of their own (rename one of them)`,
        found: `${JSON.stringify(other.name)} here and ${JSON.stringify(name)} in ${builder.file}, which would both have the page ${baseUrl}${slug}/`,
      });
      continue;
    }
    bySlug.set(slug, { name, builder });
    const url = `${baseUrl}${slug}/`;
    const spellings = [...builder.spellings.keys()].filter((spelling) => termKey(spelling) !== termKey(name));
    terms.push({
      name,
      slug,
      url,
      count: builder.articles.length,
      articles: builder.articles,
      children: finishTerms(taxonomy, builder.children, url, collator, problems, nameOf),
      ...(spellings.length > 0 ? { spellings } : {}),
      ...(builder.company ? { company: builder.company } : {}),
    });
  }
  return terms.sort((a, b) => collator.compare(a.name, b.name));
}

/** `BEIJING` → `Beijing`; `SAN JOSE, Calif.` → `San Jose, Calif.`; drops a trailing `, <country>`. */
export function cityName(city: string, country: string | undefined): string {
  let name = city.trim();
  if (country && termKey(name).endsWith(`, ${termKey(country)}`))
    name = name.slice(0, name.length - country.length).replace(/,\s*$/, "");
  return name.replace(/[\p{L}'’]+/gu, (word) =>
    word === word.toUpperCase() ? word.charAt(0) + word.slice(1).toLowerCase() : word,
  );
}

function letterOf(name: string): string {
  const letter = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .charAt(0)
    .toUpperCase();
  return /[A-Z]/.test(letter) ? letter : "#";
}

/** Builds the whole directory; throws a {@link ProblemsError} when two terms would share a URL. */
export function buildDirectory(articles: Article[], options: DirectoryOptions): Directory {
  const collator = new Intl.Collator(options.locale, { sensitivity: "base", numeric: true });
  const problems: Problem[] = [];
  const { sections } = options;
  const collectors = new Map(
    sections.map((section) => [
      section.key,
      new TermCollector(section.key === "companies" ? options.companies : undefined),
    ]),
  );
  const regions = collectors.get("regions") as TermCollector;

  for (const article of articles) {
    for (const section of sections) {
      if (section.key === "partners") continue;
      const collector = collectors.get(section.key) as TermCollector;
      for (const name of sectionNames(section, article)) collector.add(name, article);
    }
    // A region is also the dateline's country, with its city beneath it.
    const { country, city } = article.dateline;
    if (country) regions.add(country, article, cityName(city, country));
  }

  const taxonomies: Taxonomy[] = sections.map((section) => {
    const { key, url, title, singular, description, groupByLetter } = section;
    const terms =
      key === "partners"
        ? partnerTerms(articles, options.partners)
        : finishTerms(key, (collectors.get(key) as TermCollector).terms, url, collator, problems);
    return { key, url, title, singular, description, groupByLetter, terms };
  });
  if (problems.length > 0)
    throw new ProblemsError("Cannot build the directory: two terms would share one page", problems);

  const { pageSize } = options;
  const homePages = paginate(
    { kind: "home", description: "", breadcrumbs: [HOME], children: [], childrenLabel: "", feedUrl: "/feed.xml" },
    "/",
    "Latest news",
    articles,
    pageSize,
    numberedDescription("Latest news"),
  );
  const blockSection = sections.find((section) => section.meta === "section");
  const blockTerms = taxonomies.find((taxonomy) => taxonomy.key === blockSection?.key)?.terms ?? [];
  const front = homePages[0];
  if (front && front.articles.length > 0) {
    const lead =
      front.articles.slice(0, LEAD_CANDIDATES).find((article) => article.photos.length > 0) ??
      (front.articles[0] as Article);
    front.front = {
      lead,
      more: front.articles.filter((article) => article !== lead),
      blocks: [...blockTerms]
        .sort((a, b) => b.count - a.count || collator.compare(a.name, b.name))
        .slice(0, HOME_BLOCKS)
        .map((term) => ({ title: term.name, url: term.url, articles: term.articles.slice(0, HOME_BLOCK_SIZE) })),
    };
  }
  const termPages: ListPage[] = [];
  const indexPages: IndexPage[] = [];
  const feeds: Feed[] = [
    { url: "/feed.xml", title: "Latest news", alternateUrl: "/", articles: articles.slice(0, options.feedSize) },
  ];
  const releases = (count: number) => `${count} ${count === 1 ? "release" : "releases"}`;
  /** Adds a term's paginated list; its children (cities, months) are linked above the list. */
  const addList = (
    kind: ListPage["kind"],
    term: Term,
    title: string,
    description: string,
    breadcrumbs: Crumb[],
    feedUrl?: string,
    company?: Company,
  ) => {
    const childrenLabel = kind === "archive" ? "Months" : "Cities";
    const base = {
      kind,
      description,
      breadcrumbs,
      children: term.children.map(link),
      childrenLabel,
      ...(feedUrl ? { feedUrl } : {}),
      ...(company ? { company } : {}),
      ...(term.logoUrl ? { logoUrl: term.logoUrl } : {}),
    };
    for (const page of paginate(base, term.url, title, term.articles, pageSize, numberedDescription(title)))
      termPages.push(page);
  };

  for (const taxonomy of taxonomies) {
    const taxonomyCrumbs = [HOME, { name: taxonomy.title, url: taxonomy.url }];
    indexPages.push({
      url: taxonomy.url,
      title: taxonomy.title,
      description: taxonomy.description,
      breadcrumbs: taxonomyCrumbs,
      byLetter: taxonomy.groupByLetter,
      groups: indexGroups(taxonomy),
    });
    if (taxonomy.key === "companies" && options.companies && options.companies.companies.length > 0) {
      const byGroup = companyIndexPages(taxonomy, taxonomyCrumbs, collator);
      const browse = {
        label: taxonomy.title.toLowerCase(),
        links: [
          { name: "A–Z", url: taxonomy.url },
          ...byGroup.map((page) => ({ name: page.browseName, url: page.url })),
        ],
      };
      (indexPages.at(-1) as IndexPage).browse = browse;
      for (const { browseName: _name, ...page } of byGroup) indexPages.push({ ...page, browse });
    }
    for (const term of taxonomy.terms) {
      const feedUrl = sections.find((section) => section.key === taxonomy.key)?.feeds
        ? `${term.url}feed.xml`
        : undefined;
      if (feedUrl)
        feeds.push({
          url: feedUrl,
          title: `${taxonomy.singular}: ${term.name}`,
          alternateUrl: term.url,
          articles: term.articles.slice(0, options.feedSize),
        });
      const crumbs = [...taxonomyCrumbs, { name: term.name, url: term.url }];
      addList(
        "term",
        term,
        term.name,
        `${releases(term.count)} filed under ${taxonomy.singular.toLowerCase()} ${term.name}.`,
        crumbs,
        feedUrl,
        term.company,
      );
      for (const city of term.children) {
        addList(
          "term",
          city,
          `${city.name}, ${term.name}`,
          `${releases(city.count)} datelined ${city.name}, ${term.name}.`,
          [...crumbs, { name: city.name, url: city.url }],
        );
      }
    }
  }

  const archive = archiveTerms(articles);
  const archiveCrumbs = [HOME, { name: "Archive", url: "/news/" }];
  indexPages.push({
    url: "/news/",
    title: "Archive",
    description: "Every release by year and month.",
    breadcrumbs: archiveCrumbs,
    byLetter: false,
    groups: [{ heading: "", terms: archive.map((year) => ({ ...link(year), children: year.children.map(link) })) }],
  });
  for (const year of archive) {
    const yearCrumbs = [...archiveCrumbs, { name: year.name, url: year.url }];
    addList("archive", year, year.name, `Releases published in ${year.name}.`, yearCrumbs);
    for (const month of year.children) {
      addList("archive", month, month.name, `Releases published in ${month.name}.`, [
        ...yearCrumbs,
        { name: month.name, url: month.url },
      ]);
    }
  }

  const related = relatedArticles(articles, sections, taxonomies, options.relatedCount);
  const companyTerms = new Map(
    (taxonomies.find((taxonomy) => taxonomy.key === "companies")?.terms ?? []).flatMap((term) =>
      term.company ? [[term.company, term.url] as const] : [],
    ),
  );
  const companySection = sections.find((section) => section.key === "companies");
  const companiesOf = (article: Article): CompanyLink[] => {
    if (!companySection || !options.companies) return [];
    const found = new Set(sectionNames(companySection, article).map((name) => options.companies?.resolve(name)));
    return [...found].flatMap((company) => {
      const url = company && companyTerms.get(company);
      return company && url ? [{ company, url }] : [];
    });
  };
  const termUrls = Object.fromEntries(
    taxonomies.map((taxonomy) => [
      taxonomy.key,
      Object.fromEntries(taxonomy.terms.flatMap((term) => namesOfTerm(term).map((name) => [termKey(name), term.url]))),
    ]),
  ) as Directory["termUrls"];
  const termListsOf = (article: Article): TermList[] =>
    articleTermLists(article, sections).map(([title, key, names]) => ({
      title,
      links: names.map((name) => ({ name, url: termUrls[key as TaxonomyKey]?.[termKey(name)] ?? "" })),
    }));
  const articlePages = articles.map((article, index) => ({
    article,
    breadcrumbs: [
      HOME,
      { name: "Partners", url: "/partners/" },
      { name: article.partner.name, url: `/partners/${article.partner.id}/` },
    ],
    related: related[index] as Article[],
    companies: companiesOf(article),
    termLists: termListsOf(article),
  }));

  return { taxonomies, termUrls, articlePages, homePages, termPages, indexPages, feeds };
}

function partnerTerms(articles: Article[], partners: readonly Partner[]): Term[] {
  const byId = new Map<string, Article[]>();
  for (const article of articles) {
    const list = byId.get(article.partner.id) ?? [];
    list.push(article);
    byId.set(article.partner.id, list);
  }
  // Configured order; a partner without articles gets no page.
  return partners
    .filter((partner) => byId.has(partner.id))
    .map((partner) => {
      const list = byId.get(partner.id) as Article[];
      return {
        name: partner.name,
        slug: partner.id,
        url: `/partners/${partner.id}/`,
        count: list.length,
        articles: list,
        children: [],
        ...(partner.logo ? { logoUrl: partner.logo } : {}),
      };
    });
}

function archiveTerms(articles: Article[]): Term[] {
  const years = new Map<number, Term>();
  for (const article of articles) {
    const { year, month } = article.date;
    let yearTerm = years.get(year);
    if (!yearTerm) {
      yearTerm = {
        name: String(year),
        slug: String(year),
        url: `/news/${year}/`,
        count: 0,
        articles: [],
        children: [],
      };
      years.set(year, yearTerm);
    }
    yearTerm.articles.push(article);
    yearTerm.count++;
    const monthSlug = String(month).padStart(2, "0");
    let monthTerm = yearTerm.children.find((child) => child.slug === monthSlug);
    if (!monthTerm) {
      monthTerm = {
        name: `${MONTH_NAMES[month - 1]} ${year}`,
        slug: monthSlug,
        url: `${yearTerm.url}${monthSlug}/`,
        count: 0,
        articles: [],
        children: [],
      };
      yearTerm.children.push(monthTerm);
    }
    monthTerm.articles.push(article);
    monthTerm.count++;
  }
  // Newest year and month first, like the articles.
  return [...years.values()];
}

/** A numbered page's description: which page of which list, without counts that change. */
function numberedDescription(title: string): (number: number) => string {
  return (number) => `${title}, page ${number}: older releases, the pages numbered from the oldest.`;
}

/** The names articles file a term under: its name and its other spellings. */
function namesOfTerm(term: Term): string[] {
  return [term.name, ...(term.spellings ?? [])];
}

/** The company index by industry and by country, each company with its logo, A–Z within a group. */
function companyIndexPages(
  taxonomy: Taxonomy,
  crumbs: Crumb[],
  collator: Intl.Collator,
): Array<IndexPage & { browseName: string }> {
  const byGroup = (
    folder: string,
    browseName: string,
    title: string,
    description: string,
    groupsOf: (company: Company) => string[],
  ) => {
    const groups = new Map<string, IndexGroup>();
    for (const term of taxonomy.terms) {
      if (!term.company) continue;
      const headings = groupsOf(term.company);
      for (const heading of headings.length > 0 ? headings : ["Not stated"]) {
        const group = groups.get(termKey(heading)) ?? { heading, terms: [] };
        group.terms.push(companyEntry(term));
        groups.set(termKey(heading), group);
      }
    }
    const url = `${taxonomy.url}${folder}/`;
    return {
      url,
      browseName,
      title,
      description,
      breadcrumbs: [...crumbs, { name: title, url }],
      byLetter: false,
      groups: [...groups.values()].sort((a, b) =>
        a.heading === "Not stated" ? 1 : b.heading === "Not stated" ? -1 : collator.compare(a.heading, b.heading),
      ),
    };
  };
  return [
    byGroup(
      COMPANY_INDEX_FOLDERS[0],
      "By industry",
      "Companies by industry",
      "Companies in the releases, by the industries their profiles name.",
      (company) => company.industries,
    ),
    byGroup(
      COMPANY_INDEX_FOLDERS[1],
      "By country",
      "Companies by country",
      "Companies in the releases, by the country of their headquarters.",
      (company) => (company.headquarters ? [company.headquarters.country] : []),
    ),
  ];
}

function companyEntry(term: Term): IndexGroup["terms"][number] {
  return { ...link(term), children: [], ...(term.company?.logoImage ? { logoHtml: term.company.logoImage.html } : {}) };
}

/** What a list shows of a term: its name, page and count. */
function link({ name, url, count }: Term): { name: string; url: string; count: number } {
  return { name, url, count };
}

function indexGroups(taxonomy: Taxonomy): IndexGroup[] {
  const entry = (term: Term) =>
    term.company ? companyEntry(term) : { ...link(term), children: term.children.map(link) };
  if (taxonomy.key === "regions") {
    // Countries come from datelines and always have cities; the rest are editors' world regions.
    const groups = [
      { heading: "Countries", terms: taxonomy.terms.filter((term) => term.children.length > 0).map(entry) },
      { heading: "World regions", terms: taxonomy.terms.filter((term) => term.children.length === 0).map(entry) },
    ];
    return groups.filter((group) => group.terms.length > 0);
  }
  if (!taxonomy.groupByLetter)
    return [
      {
        heading: "",
        terms: taxonomy.terms.map((term) => ({ ...entry(term), ...(term.logoUrl ? { logoUrl: term.logoUrl } : {}) })),
      },
    ];
  const groups = new Map<string, IndexGroup>();
  for (const term of taxonomy.terms) {
    const letter = letterOf(term.name);
    const group = groups.get(letter) ?? { heading: letter, terms: [] };
    group.terms.push(entry(term));
    groups.set(letter, group);
  }
  return [...groups.values()].sort((a, b) =>
    a.heading === "#" ? 1 : b.heading === "#" ? -1 : a.heading.localeCompare(b.heading),
  );
}

/**
 * Related articles: those sharing a company first, then a category, then a tag; within each
 * tier the ones nearest in time (in the site's order, the newer of two equally near first);
 * never the article itself. Nearest, not newest: a new release then enters the related lists of
 * the few releases just before it, not of every release that shares a term with it, so an old
 * page stays as it was (and its page is reused by an incremental build, see
 * `src/lib/build/page-cache.ts`); readers of an old release see what was news around it. Term
 * lists are in the site's order, so each tier needs only the neighbours of the article's place
 * in each list (found by bisection): the cost per article does not grow with the site.
 */
function relatedArticles(
  articles: Article[],
  sections: readonly Section[],
  taxonomies: Taxonomy[],
  count: number,
): Article[][] {
  const place = new Map(articles.map((article, index) => [article, index]));
  const termsOf = (key: TaxonomyKey) =>
    new Map(
      taxonomies
        .find((t) => t.key === key)!
        .terms.flatMap((term) => namesOfTerm(term).map((name) => [termKey(name), term] as const)),
    );
  const tiers = sections
    .filter((section) => section.relatedRank !== undefined)
    .sort((a, b) => (a.relatedRank as number) - (b.relatedRank as number))
    .map((section) => ({ terms: termsOf(section.key), names: (article: Article) => sectionNames(section, article) }));
  return articles.map((article) => {
    const own = place.get(article) as number;
    const distance = (other: Article) => Math.abs((place.get(other) as number) - own);
    const chosen: Article[] = [];
    const seen = new Set<Article>([article]);
    for (const tier of tiers) {
      if (chosen.length >= count) break;
      const candidates: Article[] = [];
      for (const term of new Set(tier.names(article).map((name) => tier.terms.get(termKey(name))))) {
        candidates.push(...neighbours(term?.articles ?? [], own, place, seen, count));
      }
      candidates.sort((a, b) => distance(a) - distance(b) || (place.get(a) as number) - (place.get(b) as number));
      for (const candidate of candidates) {
        if (chosen.length >= count) break;
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        chosen.push(candidate);
      }
    }
    return chosen;
  });
}

/** Up to `count` articles of `list` (in the site's order) on each side of place `own`, not in `seen`. */
function neighbours(
  list: readonly Article[],
  own: number,
  place: ReadonlyMap<Article, number>,
  seen: ReadonlySet<Article>,
  count: number,
): Article[] {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((place.get(list[middle] as Article) as number) < own) low = middle + 1;
    else high = middle;
  }
  const found: Article[] = [];
  for (let i = low - 1, taken = 0; i >= 0 && taken < count; i--) {
    const candidate = list[i] as Article;
    if (seen.has(candidate)) continue;
    found.push(candidate);
    taken++;
  }
  for (let i = low, taken = 0; i < list.length && taken < count; i++) {
    const candidate = list[i] as Article;
    if (seen.has(candidate)) continue;
    found.push(candidate);
    taken++;
  }
  return found;
}
