/**
 * The build's plan of its search index, made in the build's process from the articles it loaded:
 * the segments (`search-segments.ts`), the key of each (`segmentKey`: what its records are made
 * of, without rendering a body), and the items of a segment when the indexer asks for them. The
 * indexer (`search-indexer-process.ts`) reuses every segment whose key the previous build
 * indexed, and asks only for the others: a build that adds a few releases hands it one small
 * segment, not every article.
 */
import type { Article, ArticleSource } from "../content/articles.ts";
import type { Section } from "../config/sections.ts";
import type { SegmentItem, SegmentPlan, UnrenderedSearchRecord } from "./search-index.ts";
import { segmentKey } from "./search-segment-cache.ts";
import { filterSpellings, searchRecordFilters, unrenderedSearchRecord } from "./search-records.ts";
import { searchSegments, searchSlots, segmentFolder, type SearchSlot } from "./search-segments.ts";

export interface SearchIndexPlan {
  /** The segments, newest first; a site without articles has one, empty, so the search page works. */
  segments: SegmentPlan[];
  /** The items of the planned segment `id`, made when asked for. */
  items(id: string): SegmentItem[];
}

export interface SearchPlanInput<T> {
  /** The indexed items, newest first. */
  items: readonly T[];
  url: (item: T) => string;
  /** Their places among the segments, with the withdrawn releases' (`searchSlots`); default: the items'. */
  slots?: readonly SearchSlot[];
  unrendered: (item: T) => UnrenderedSearchRecord;
  /** The item's body: the SHA-256 of its Markdown, and the Markdown, read only for a segment indexed. */
  body: (item: T) => { sha256: string; markdown: () => string };
  /** At most this many articles per segment (`MAX_SEGMENT_ARTICLES`; tests use fewer). */
  maxArticles: number;
  /** What every record depends on besides its item (the build's code and settings). */
  key: string;
  /**
   * Everything the item's record is made of, as text (default: the record without its body, as
   * JSON, and the body's hash, also where it gives undefined): a shorter text, such as a hash of
   * the item, saves the build time.
   */
  keySource?: (item: T) => string | undefined;
}

export function planSearchIndex<T>(input: SearchPlanInput<T>): SearchIndexPlan {
  const byUrl = new Map(input.items.map((item) => [input.url(item), item]));
  const split = searchSegments(input.slots ?? [...byUrl.keys()], input.maxArticles);
  const itemsOf = new Map<string, T[]>();
  const segments = (split.length > 0 ? split : [{ id: "empty", urls: [] }]).map((segment, index) => {
    const items = segment.urls.map((url) => {
      const item = byUrl.get(url);
      if (item === undefined)
        throw new Error(`The search segments place ${url}, which is not among the indexed articles`);
      return item;
    });
    itemsOf.set(segment.id, items);
    const sources = items.map(
      (item) => input.keySource?.(item) ?? `${JSON.stringify(input.unrendered(item))}\n${input.body(item).sha256}`,
    );
    return { id: segment.id, folder: segmentFolder(segment, index), key: segmentKey(input.key, index === 0, sources) };
  });
  return {
    segments,
    items: (id) =>
      (itemsOf.get(id) ?? []).map((item) => {
        const body = input.body(item);
        return { record: input.unrendered(item), bodySha256: body.sha256, markdown: body.markdown() };
      }),
  };
}

/**
 * The plan of a site's index: its published articles (as loaded), in the places the withdrawn
 * ones leave. With `digestOf` (the page signer's hash of an article: its fields, photos, partner
 * and Markdown), a record's key is that hash and its filters (which depend on the site's
 * spellings too), not the whole record.
 */
export function planArticleSearch(
  loaded: {
    articles: readonly Article[];
    sources: readonly ArticleSource[];
    digestOf?: (article: Article) => string | undefined;
  },
  options: {
    site: { language: string; sections: readonly Section[] };
    maxArticles: number;
    /** What every record depends on besides its article; undefined without a cache, where no key is compared. */
    key: string | undefined;
  },
): SearchIndexPlan {
  const { articles, sources, digestOf } = loaded;
  const { site } = options;
  const sourceOf = new Map(sources.map((source) => [source.url, source]));
  const spellings = filterSpellings(articles, site.sections);
  // Withdrawn releases keep their places among the segments, as on the search page.
  const withdrawn = sources
    .filter((source) => source.status === "withdrawn")
    .map((source) => ({ url: source.url, date: source.fields.date }));
  const unrendered = (article: Article) => unrenderedSearchRecord(article, site, spellings);
  const body = (article: Article) => {
    const source = sourceOf.get(article.url) as ArticleSource;
    return { sha256: source.bodySha256, markdown: () => source.body };
  };
  return planSearchIndex({
    items: articles,
    url: (article) => article.url,
    slots: searchSlots(articles, withdrawn),
    unrendered,
    body,
    maxArticles: options.maxArticles,
    key: options.key ?? "",
    keySource: (article) => {
      if (options.key === undefined) return "";
      const digest = digestOf?.(article);
      // Undefined for an article the signer does not know: its record is the key.
      return digest && `${digest}\n${JSON.stringify(searchRecordFilters(article, site, spellings))}`;
    },
  });
}
