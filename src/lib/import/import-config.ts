import { FieldReader, isPlainRecord } from "../core/fields.ts";
import { ProblemsError, type Problem } from "../core/problems.ts";
import { listSections, type ListSection, type Section } from "../config/sections.ts";
import { comparable } from "./text.ts";
import type { WireKeyword } from "./wire-item.ts";

/**
 * Per-feed settings: `match` is part of the feed's URL or file path. A feed with `url` (an
 * http(s) URL or a path) is imported by `npm run import` given no input, as a scheduled job does.
 */
export interface FeedSettings {
  match: string;
  url?: string;
  partner?: string;
  include: string[];
  exclude: string[];
}

/**
 * How wire keywords become this site's terms (`src/data/import.ts`): for each section the
 * importer maps to (`importMapping` in `src/lib/config/sections.ts`), each site term lists the
 * feed keywords, categories, subjects or industries that mean it.
 */
export interface ImportConfig {
  /** Section key → site term → the feed keywords that mean it. */
  mappings: Record<string, Record<string, string[]>>;
  /** What to do with a keyword no mapping names: keep it as a tag, or drop it. */
  unmappedKeywords: "tags" | "drop";
  /** Import only items with one of these keywords or words in the headline (empty: all). */
  include: string[];
  /** Skip items with one of these keywords or words in the headline. */
  exclude: string[];
  feeds: FeedSettings[];
}

/**
 * What `src/data/import.ts` holds: the settings below, and one mapping (site term → feed
 * keywords) per section the importer maps to, under the section's front-matter field.
 */
export interface ImportConfigInput {
  unmappedKeywords?: ImportConfig["unmappedKeywords"];
  include?: string[];
  exclude?: string[];
  feeds?: Array<{ url?: string; match?: string; partner?: string; include?: string[]; exclude?: string[] }>;
  [sectionField: string]: unknown;
}

const SETTINGS_FIELDS = ["unmappedKeywords", "include", "exclude", "feeds"] as const;
/** The sections the importer maps feed keywords to; each is a field of the import configuration. */
const mappedSections = (sections: readonly Section[]): ListSection[] =>
  listSections(sections).filter((section) => section.importMapping);
const FEED_FIELDS = ["url", "match", "partner", "include", "exclude"] as const;

export function validateImportConfig(
  input: unknown,
  partnerIds: readonly string[],
  sections: readonly Section[],
  file = "src/data/import.ts",
): ImportConfig {
  const mapped = mappedSections(sections);
  if (!isPlainRecord(input)) {
    const names = mapped.map((section) => section.field).join(", ");
    throw new ProblemsError("The import configuration is invalid", [
      { file, field: "", expected: `a mapping with ${names}`, found: typeof input },
    ]);
  }
  const reader = new FieldReader(file, input);
  const problems: Problem[] = [];
  reader.rejectUnknown([...mapped.map((section) => section.field), ...SETTINGS_FIELDS]);
  const mapping = (name: string): Record<string, string[]> => {
    const value = reader.raw(name);
    if (value === undefined) return {};
    if (!isPlainRecord(value)) {
      reader.problem(name, "a mapping from a site term to the list of feed keywords that mean it", value);
      return {};
    }
    const result: Record<string, string[]> = {};
    const sub = new FieldReader(file, value, name);
    for (const term of Object.keys(value)) {
      const list = sub.optionalTextList(term);
      if (list) result[term] = list;
      else if (!sub.has(term)) sub.problem(term, "a list of feed keywords", value[term]);
    }
    problems.push(...sub.problems);
    return result;
  };
  const mappings = Object.fromEntries(mapped.map((section) => [section.key, mapping(section.field)]));
  const unmappedKeywords = reader.oneOf("unmappedKeywords", ["tags", "drop"] as const, "tags") ?? "tags";
  const include = reader.optionalTextList("include") ?? [];
  const exclude = reader.optionalTextList("exclude") ?? [];
  const feeds: FeedSettings[] = [];
  const feedsValue = reader.raw("feeds");
  if (feedsValue !== undefined) {
    if (!Array.isArray(feedsValue)) reader.problem("feeds", "a list of feed settings, each with `match`", feedsValue);
    else
      feedsValue.forEach((record, index) => {
        if (!isPlainRecord(record)) {
          reader.problem(
            `feeds[${index}]`,
            "a mapping with `url` or `match` (and optionally `partner`, `include`, `exclude`)",
            record,
          );
          return;
        }
        const sub = new FieldReader(file, record, `feeds[${index}]`);
        sub.rejectUnknown(FEED_FIELDS);
        const url = sub.optionalText("url", "the feed's http(s) URL or a file path");
        if (url !== undefined && /^[a-z][a-z0-9+.-]*:/i.test(url) && !/^https?:\/\//i.test(url))
          sub.problem("url", "an http:// or https:// URL, or a file path", url);
        const match =
          url !== undefined && !sub.has("match")
            ? url
            : sub.requiredText("match", "part of the feed's URL or file name (or `url`)");
        const partner = sub.optionalText("partner");
        if (partner !== undefined && !partnerIds.includes(partner))
          sub.problem("partner", `the id of a configured partner (${partnerIds.join(", ")})`, partner);
        const feed: FeedSettings = {
          match: match ?? "",
          include: sub.optionalTextList("include") ?? [],
          exclude: sub.optionalTextList("exclude") ?? [],
        };
        if (partner) feed.partner = partner;
        if (url) feed.url = url;
        problems.push(...sub.problems);
        if (match) feeds.push(feed);
      });
  }
  problems.unshift(...reader.problems);
  if (problems.length > 0) throw new ProblemsError("The import configuration is invalid", problems);
  return { mappings, unmappedKeywords, include, exclude, feeds };
}

export interface MappedTerms {
  /** Section key → the site terms the keywords mean, for every mapped section. */
  terms: Record<string, string[]>;
  /** A country named by the feed's keywords (NewsML 1.2 country lists). */
  country?: string | undefined;
}

/** Section key → (comparable keyword or term → site term). */
type KeywordLookups = Array<[string, Map<string, string>]>;

/** Keyword → site term tables, built once per configuration (a run maps every item with them). */
const lookups = new WeakMap<ImportConfig, KeywordLookups>();
function lookupsFor(config: ImportConfig): KeywordLookups {
  const cached = lookups.get(config);
  if (cached) return cached;
  const lookup = (table: Record<string, string[]>): Map<string, string> => {
    const map = new Map<string, string>();
    for (const [term, words] of Object.entries(table)) {
      map.set(comparable(term), term);
      for (const word of words) map.set(comparable(word), term);
    }
    return map;
  };
  const built: KeywordLookups = Object.entries(config.mappings).map(([key, table]) => [key, lookup(table)]);
  lookups.set(config, built);
  return built;
}

/**
 * Stock tickers (`NASDAQ:ACME`, `TSX VENTURE:AXL`, `TSX: BEP.UN`), cash tags (`$ACME`) and
 * ISINs are identifiers, not topics.
 */
const IDENTIFIER =
  /^(?:[A-Z][A-Z .&-]{0,24}:\s*[A-Z0-9][A-Z0-9.-]{0,11}|[A-Z]{2}[A-Z0-9]{9}\d|\$[A-Za-z][A-Za-z0-9.]{0,11})$/;

/**
 * Maps a release's keywords to site terms; keywords are matched without case or accents. A
 * keyword no mapping names is kept as a region when the feed says it is one, else as a tag
 * (unless `unmappedKeywords` is "drop").
 */
export function mapKeywords(
  keywords: readonly WireKeyword[],
  config: ImportConfig,
  countryOf: (text: string) => string | undefined,
): MappedTerms {
  const tables = lookupsFor(config);
  const result: MappedTerms = { terms: Object.fromEntries(tables.map(([key]) => [key, []])) };
  const add = (key: string, value: string): void => {
    const list = (result.terms[key] ??= []);
    if (!list.some((existing) => comparable(existing) === comparable(value))) list.push(value);
  };
  for (const { kind, value } of keywords) {
    if (kind === "organisation" || IDENTIFIER.test(value.trim())) continue;
    const word = comparable(value);
    if (kind === "country") result.country ??= countryOf(value);
    let mapped = false;
    for (const [key, table] of tables) {
      const term = table.get(word);
      if (term) {
        add(key, term);
        mapped = true;
      }
    }
    if (mapped) continue;
    if (kind === "country") continue;
    if (kind === "region") add("regions", value.trim());
    else if (config.unmappedKeywords === "tags") add("tags", value.trim().toLowerCase());
  }
  return result;
}

/** The include/exclude keyword filters: the first rule that skips an item, or undefined. */
export function filterReason(
  title: string,
  keywords: readonly WireKeyword[],
  include: readonly string[],
  exclude: readonly string[],
): string | undefined {
  const words = keywords.map((keyword) => comparable(keyword.value));
  const headline = ` ${comparable(title).replace(/[^\p{L}\p{N}]+/gu, " ")} `;
  const matches = (term: string): boolean => {
    const wanted = comparable(term);
    return words.includes(wanted) || headline.includes(` ${wanted.replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `);
  };
  const excluded = exclude.find(matches);
  if (excluded) return `excluded by the keyword filter "${excluded}"`;
  if (include.length > 0 && !include.some(matches))
    return `matches none of the include keywords (${include.join(", ")})`;
  return undefined;
}
