import { FieldReader, isPlainRecord } from "../core/fields.ts";
import { ProblemsError, type Problem } from "../core/problems.ts";
import { comparable } from "./text.ts";
import type { WireKeyword } from "./wire-item.ts";

/** Per-feed settings: `match` is part of the feed's URL or file path. */
export interface FeedSettings {
  match: string;
  partner?: string;
  include: string[];
  exclude: string[];
}

/**
 * How wire keywords become this site's terms (`src/data/import.ts`): each site term lists
 * the feed keywords, categories, subjects or industries that mean it.
 */
export interface ImportConfig {
  categories: Record<string, string[]>;
  regions: Record<string, string[]>;
  tags: Record<string, string[]>;
  /** What to do with a keyword no mapping names: keep it as a tag, or drop it. */
  unmappedKeywords: "tags" | "drop";
  /** Import only items with one of these keywords or words in the headline (empty: all). */
  include: string[];
  /** Skip items with one of these keywords or words in the headline. */
  exclude: string[];
  feeds: FeedSettings[];
}

const CONFIG_FIELDS = ["categories", "regions", "tags", "unmappedKeywords", "include", "exclude", "feeds"] as const;
const FEED_FIELDS = ["match", "partner", "include", "exclude"] as const;

export function validateImportConfig(
  input: unknown,
  partnerIds: readonly string[],
  file = "src/data/import.ts",
): ImportConfig {
  if (!isPlainRecord(input)) {
    throw new ProblemsError("The import configuration is invalid", [
      { file, field: "", expected: "a mapping with categories, regions and tags", found: typeof input },
    ]);
  }
  const reader = new FieldReader(file, input);
  const problems: Problem[] = [];
  reader.rejectUnknown(CONFIG_FIELDS);
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
  const categories = mapping("categories");
  const regions = mapping("regions");
  const tags = mapping("tags");
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
            "a mapping with `match` (and optionally `partner`, `include`, `exclude`)",
            record,
          );
          return;
        }
        const sub = new FieldReader(file, record, `feeds[${index}]`);
        sub.rejectUnknown(FEED_FIELDS);
        const match = sub.requiredText("match", "part of the feed's URL or file name");
        const partner = sub.optionalText("partner");
        if (partner !== undefined && !partnerIds.includes(partner))
          sub.problem("partner", `the id of a configured partner (${partnerIds.join(", ")})`, partner);
        const feed: FeedSettings = {
          match: match ?? "",
          include: sub.optionalTextList("include") ?? [],
          exclude: sub.optionalTextList("exclude") ?? [],
        };
        if (partner) feed.partner = partner;
        problems.push(...sub.problems);
        if (match) feeds.push(feed);
      });
  }
  problems.unshift(...reader.problems);
  if (problems.length > 0) throw new ProblemsError("The import configuration is invalid", problems);
  return { categories, regions, tags, unmappedKeywords, include, exclude, feeds };
}

export interface MappedTerms {
  categories: string[];
  tags: string[];
  regions: string[];
  /** A country named by the feed's keywords (NewsML 1.2 country lists). */
  country?: string | undefined;
}

interface KeywordLookups {
  categories: Map<string, string>;
  regions: Map<string, string>;
  tags: Map<string, string>;
}

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
  const built = { categories: lookup(config.categories), regions: lookup(config.regions), tags: lookup(config.tags) };
  lookups.set(config, built);
  return built;
}

/** Stock tickers and ISINs are identifiers, not topics. */
const IDENTIFIER = /^(?:[A-Z]{2,10}:[A-Z0-9.-]{1,10}|[A-Z]{2}[A-Z0-9]{9}\d)$/;

/** Maps a release's keywords to site terms; keywords are matched without case or accents. */
export function mapKeywords(
  keywords: readonly WireKeyword[],
  config: ImportConfig,
  countryOf: (text: string) => string | undefined,
): MappedTerms {
  const { categories, regions, tags } = lookupsFor(config);
  const result: MappedTerms = { categories: [], tags: [], regions: [] };
  const add = (list: string[], value: string): void => {
    if (!list.some((existing) => comparable(existing) === comparable(value))) list.push(value);
  };
  for (const { kind, value } of keywords) {
    if (kind === "organisation" || IDENTIFIER.test(value.trim())) continue;
    const word = comparable(value);
    if (kind === "country") result.country ??= countryOf(value);
    let mapped = false;
    for (const [table, list] of [
      [categories, result.categories],
      [regions, result.regions],
      [tags, result.tags],
    ] as const) {
      const term = table.get(word);
      if (term) {
        add(list, term);
        mapped = true;
      }
    }
    if (mapped) continue;
    if (kind === "country") continue;
    if (kind === "region") add(result.regions, value.trim());
    else if (config.unmappedKeywords === "tags") add(result.tags, value.trim().toLowerCase());
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
