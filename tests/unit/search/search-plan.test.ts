import { describe, expect, it } from "vitest";
import { planArticleSearch, planSearchIndex, type SearchPlanInput } from "../../../src/lib/search/search-plan.ts";
import type { UnrenderedSearchRecord } from "../../../src/lib/search/search-index.ts";
import { BUILT_IN_SECTIONS } from "../../../src/lib/config/sections.ts";
import { makeArticle } from "../../helpers/article-objects.ts";
import type { ArticleSource } from "../../../src/lib/content/articles.ts";

interface Item {
  url: string;
  title: string;
  markdown: string;
}

const items = (count: number): Item[] =>
  Array.from({ length: count }, (_, index) => ({
    url: `/news/a-${String(count - index).padStart(3, "0")}/`,
    title: `Release ${count - index}`,
    markdown: `Body ${count - index}`,
  }));

function input(list: Item[], read: string[] = []): SearchPlanInput<Item> {
  return {
    items: list,
    url: (item) => item.url,
    unrendered: (item): UnrenderedSearchRecord => ({
      url: item.url,
      language: "en",
      meta: { title: item.title, Date: "", Partner: "" },
      filters: {},
      before: "",
      after: `\n${item.title}`,
    }),
    body: (item) => ({
      sha256: `sha of ${item.markdown}`,
      markdown: () => {
        read.push(item.url);
        return item.markdown;
      },
    }),
    maxArticles: 4,
    key: "settings",
  };
}

describe("planSearchIndex", () => {
  it("plans the segments newest first, the newest in the index folder itself, the others in folders of their own", () => {
    const plan = planSearchIndex(input(items(9)));
    expect(plan.segments.map((segment) => segment.folder)).toEqual([
      "",
      ...plan.segments.slice(1).map((segment) => `s-${segment.id}/`),
    ]);
    expect(plan.segments.length).toBeGreaterThan(1);
    expect(new Set(plan.segments.map((segment) => segment.key)).size).toBe(plan.segments.length);
  });

  it("changes the key of the segment holding a changed record or body only, and of none for the same items", () => {
    const before = planSearchIndex(input(items(9)));
    expect(planSearchIndex(input(items(9))).segments).toEqual(before.segments);
    const oldest = items(9);
    oldest[8] = { ...oldest[8]!, markdown: "Body 1, corrected" };
    const corrected = planSearchIndex(input(oldest)).segments;
    expect(corrected.slice(0, -1)).toEqual(before.segments.slice(0, -1));
    expect(corrected.at(-1)?.key).not.toBe(before.segments.at(-1)?.key);
    const retitled = items(9);
    retitled[8] = { ...retitled[8]!, title: "Release 1, retitled" };
    expect(planSearchIndex(input(retitled)).segments.at(-1)?.key).not.toBe(before.segments.at(-1)?.key);
    // What every record depends on (the build's code and settings) changes every key.
    const resettled = planSearchIndex({ ...input(items(9)), key: "other settings" }).segments;
    resettled.forEach((segment, index) => expect(segment.key).not.toBe(before.segments[index]?.key));
  });

  it("reads an item's Markdown only when the indexer asks for its segment", () => {
    const read: string[] = [];
    const plan = planSearchIndex(input(items(9), read));
    expect(read).toEqual([]);
    const newest = plan.segments[0]!;
    const asked = plan.items(newest.id);
    expect(asked.length).toBeGreaterThan(0);
    expect(read).toEqual(asked.map((item) => item.record.url));
    expect(asked[0]).toEqual({
      record: expect.objectContaining({ url: "/news/a-009/", after: "\nRelease 9" }),
      bodySha256: "sha of Body 9",
      markdown: "Body 9",
    });
    expect(plan.items("no such segment")).toEqual([]);
  });

  it("plans one empty segment for a site without articles, so that the search page works", () => {
    const plan = planSearchIndex(input([]));
    expect(plan.segments).toEqual([{ id: "empty", folder: "", key: expect.any(String) }]);
    expect(plan.items("empty")).toEqual([]);
  });

  it("refuses slots that place an article it was not given", () => {
    expect(() => planSearchIndex({ ...input(items(2)), slots: [{ url: "/news/ghost/", indexed: true }] })).toThrow(
      "The search segments place /news/ghost/, which is not among the indexed articles",
    );
  });
});

describe("planArticleSearch", () => {
  it("plans the published articles, in the places withdrawn releases keep, with each source's Markdown", () => {
    const articles = [
      makeArticle({ slug: "newest", date: "2023-10-03T00:00:00Z" }),
      makeArticle({ slug: "oldest", date: "2023-10-01T00:00:00Z" }),
    ];
    const withdrawn = makeArticle({ slug: "withdrawn", date: "2023-10-02T00:00:00Z" });
    const source = (article: (typeof articles)[number], status: ArticleSource["status"], body: string) =>
      ({ url: article.url, status, fields: { date: article.date }, body, bodySha256: `sha:${body}` }) as ArticleSource;
    const sources = [
      source(articles[0]!, "published", "Newest body"),
      source(withdrawn, "withdrawn", "Gone"),
      source(articles[1]!, "published", "Oldest body"),
    ];
    const options = { site: { language: "en", sections: BUILT_IN_SECTIONS }, maxArticles: 1, key: "k" };
    const plan = planArticleSearch({ articles, sources }, options);
    // One place per article, the withdrawn release's among them: its segment has nothing to index.
    expect(plan.segments).toHaveLength(2);
    expect(plan.items(plan.segments[0]!.id)).toEqual([
      {
        record: expect.objectContaining({ url: articles[0]!.url }),
        bodySha256: "sha:Newest body",
        markdown: "Newest body",
      },
    ]);
    expect(plan.items(plan.segments[1]!.id).map((item) => item.markdown)).toEqual(["Oldest body"]);
  });
});

describe("planArticleSearch with the page signer's hashes", () => {
  // One article per segment: a segment's key is its article's.
  const options = { site: { language: "en", sections: BUILT_IN_SECTIONS }, maxArticles: 1, key: "k" };
  type Made = ReturnType<typeof makeArticle>;
  const sourcesOf = (articles: Made[]) =>
    articles.map(
      (article) =>
        ({
          url: article.url,
          status: "published",
          fields: { date: article.date },
          body: "",
          bodySha256: "",
        }) as ArticleSource,
    );
  /** The key of the segment holding `article`, when the signer hashes each article as `digest` says. */
  const keyOf = (articles: Made[], article: Made, digest: (url: string) => string | undefined) => {
    const plan = planArticleSearch(
      { articles, sources: sourcesOf(articles), digestOf: (each) => digest(each.url) },
      options,
    );
    return plan.segments.find((segment) => plan.items(segment.id)[0]?.record.url === article.url)?.key;
  };
  const hash = (url: string) => `hash of ${url}`;

  it("keys a record by its article's hash and its filters, not by the whole record", () => {
    const a = makeArticle({ slug: "a", categories: ["Utilities"] });
    const b = makeArticle({ slug: "b", categories: ["utilities"] });
    const key = keyOf([a, b], a, hash);
    expect(key).toEqual(expect.any(String));
    // What the hash covers is not looked at again (a real build's hash changes with the title).
    const retitled = { ...a, title: "Another headline" };
    expect(keyOf([retitled, b], retitled, hash)).toBe(key);
    expect(keyOf([a, b], a, (url) => `${hash(url)}, corrected`)).not.toBe(key);
    // Another article that leaves the site's spellings as they were leaves the key alone...
    expect(keyOf([a, b, makeArticle({ slug: "c", categories: ["Solar"] })], a, hash)).toBe(key);
    // ...but one that changes how the site spells a's category changes a's filter, so its key.
    expect(keyOf([a, b, makeArticle({ slug: "d", categories: ["utilities"] })], a, hash)).not.toBe(key);
  });

  it("keys a record by the record itself for an article the signer does not know", () => {
    const a = makeArticle({ slug: "a" });
    const retitled = { ...a, title: "Another headline" };
    expect(keyOf([retitled], retitled, () => undefined)).not.toBe(keyOf([a], a, () => undefined));
  });
});

describe("planArticleSearch without a cache", () => {
  it("compares no key, so it computes none from the records (a preview)", () => {
    const articles = [makeArticle({ slug: "a" })];
    const sources = [
      { url: articles[0]!.url, status: "published", fields: { date: articles[0]!.date }, body: "", bodySha256: "" },
    ] as ArticleSource[];
    const options = { site: { language: "en", sections: BUILT_IN_SECTIONS }, maxArticles: 4, key: undefined };
    const plan = planArticleSearch({ articles, sources }, options);
    const retitled = planArticleSearch(
      { articles: [{ ...articles[0]!, title: "Another headline" }], sources },
      options,
    );
    expect(retitled.segments).toEqual(plan.segments);
    // The items still carry the whole record.
    expect(retitled.items(plan.segments[0]!.id)[0]?.record.meta.title).toBe("Another headline");
  });
});
