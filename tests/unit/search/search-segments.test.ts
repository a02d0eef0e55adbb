import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  blockSizes,
  MAX_SEGMENT_ARTICLES,
  mergedSearchBundles,
  searchSegments,
  searchSlots,
  SMALLEST_BLOCK,
  type SearchSegment,
  type SearchSlot,
} from "../../../src/lib/search/search-segments.ts";

/** `count` article URLs, newest first, numbered from the oldest. */
const urls = (count: number, prefix = "a") =>
  Array.from({ length: count }, (_, i) => `/news/2024/01/${prefix}-${count - i}/`);

const sizes = (segments: SearchSegment[]) => segments.map((segment) => segment.urls.length);
/** The articles each segment holds, by id (to compare two splits). */
const contents = (segments: SearchSegment[]) =>
  new Map(segments.map((segment) => [segment.id, segment.urls.join(" ")]));

describe("search segments", () => {
  it("has blocks a quarter of the size above, from the largest down to the smallest", () => {
    expect(blockSizes(MAX_SEGMENT_ARTICLES)).toEqual([4096, 1024, 256, 64]);
    expect(blockSizes(300)).toEqual([300, 75]);
    expect(blockSizes(4)).toEqual([4]);
    expect(SMALLEST_BLOCK).toBe(64);
  });

  it("covers every article once, in order, newest segment first, named by its articles", () => {
    const list = urls(1000);
    const segments = searchSegments(list);
    expect(segments.flatMap((segment) => segment.urls)).toEqual(list);
    expect(new Set(segments.map((segment) => segment.id)).size).toBe(segments.length);
    expect(searchSegments(list)).toEqual(segments);
    expect(searchSegments([])).toEqual([]);
  });

  it("fills blocks from the oldest article: as many of the largest as fit, at most three of each smaller, the rest newest", () => {
    // 10 000 = 2 × 4096 + 1 × 1024 + 3 × 256 + 0 × 64 + 16.
    expect(sizes(searchSegments(urls(10_000)))).toEqual([16, 256, 256, 256, 1024, 4096, 4096]);
    expect(sizes(searchSegments(urls(63)))).toEqual([63]);
    expect(sizes(searchSegments(urls(64)))).toEqual([64]);
    const counts = [1_000, 10_000, 100_000].map((count) => searchSegments(urls(count)).length);
    // Logarithmic: at most three blocks of each smaller size besides the largest ones.
    expect(counts[0]).toBeLessThanOrEqual(10);
    expect(counts[1]).toBeLessThanOrEqual(2 + 10);
    expect(counts[2]).toBeLessThanOrEqual(24 + 10);
    for (const segment of searchSegments(urls(100_000)))
      expect(segment.urls.length).toBeLessThanOrEqual(MAX_SEGMENT_ARTICLES);
  });

  it("re-indexes only the newest segments as releases arrive, and each article once per block size in its life", () => {
    let list = urls(10_000);
    let before = contents(searchSegments(list));
    const reindexed: number[] = [];
    for (let build = 0; build < 300; build++) {
      list = [...urls(20, `added-${build}`), ...list];
      const after = contents(searchSegments(list));
      const changed = [...after].filter(([id]) => !before.has(id));
      reindexed.push(changed.reduce((sum, [, text]) => sum + text.split(" ").length, 0));
      // A kept id holds the same articles; a full block of the largest size never changes.
      for (const [id, text] of after) if (before.has(id)) expect(text).toBe(before.get(id));
      for (const [id, text] of before)
        if (text.split(" ").length === MAX_SEGMENT_ARTICLES) expect(after.get(id)).toBe(text);
      before = after;
    }
    const mean = reindexed.reduce((a, b) => a + b, 0) / reindexed.length;
    // The newest segment (under 64 + 20) each build, plus 20 articles once per block size.
    expect(mean).toBeLessThan(64 + 20 + 20 * blockSizes(MAX_SEGMENT_ARTICLES).length);
    expect(reindexed.filter((count) => count <= 64 + 20).length / reindexed.length).toBeGreaterThan(0.6);
  });

  it("keeps a withdrawn release's place: only its own segment changes, and one with nothing left to index is left out", () => {
    const list: SearchSlot[] = urls(5_000).map((url) => ({ url, indexed: true }));
    const before = searchSegments(list);
    const withdrawn = list.map((slot, index) => (index === 4_500 ? { ...slot, indexed: false } : slot));
    const after = searchSegments(withdrawn);
    expect(sizes(after)).toEqual(sizes(before).map((size, index) => (index === before.length - 1 ? size - 1 : size)));
    expect(after.slice(0, -1)).toEqual(before.slice(0, -1));
    expect(after.at(-1)?.urls).not.toContain(list[4_500]?.url);
    // Without the place kept, every newer segment would move.
    const dropped = searchSegments(list.filter((_, index) => index !== 4_500));
    expect(dropped.filter((segment) => before.some((old) => old.id === segment.id)).length).toBeLessThan(
      before.length - 1,
    );
    const allWithdrawn = searchSegments(
      [...urls(3, "new"), ...urls(4, "old").map((url) => ({ url, indexed: false }))],
      4,
    );
    expect(sizes(allWithdrawn)).toEqual([3]);
  });

  it("places withdrawn releases by their own date among the articles, in the build's order", () => {
    const at = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
    const slots = searchSlots(
      [
        { url: "/news/2024/03/c/", date: at("2024-03-01") },
        { url: "/news/2024/01/a/", date: at("2024-01-01") },
      ],
      [
        { url: "/news/2024/02/b/", date: at("2024-02-01") },
        { url: "/news/2024/01/0/", date: at("2024-01-01") },
      ],
    );
    expect(slots).toEqual([
      { url: "/news/2024/03/c/", indexed: true },
      { url: "/news/2024/02/b/", indexed: false },
      { url: "/news/2024/01/0/", indexed: false },
      { url: "/news/2024/01/a/", indexed: true },
    ]);
  });

  it("cuts blocks of the limit from the oldest end, and refuses a limit that is not a whole number", () => {
    expect(sizes(searchSegments(urls(50), 7))).toEqual([1, 7, 7, 7, 7, 7, 7, 7]);
    // Two more releases: only the newest part changes.
    const segments = searchSegments(urls(50), 7);
    const more = searchSegments([...urls(2, "added"), ...urls(50)], 7);
    expect(sizes(more)).toEqual([3, 7, 7, 7, 7, 7, 7, 7]);
    expect(more.slice(1).map((segment) => segment.id)).toEqual(segments.slice(1).map((segment) => segment.id));
    for (const size of [0, -1, 2.5, Number.NaN])
      expect(() => searchSegments(urls(3), size)).toThrow(
        `The search segment size must be a whole number of articles, at least 1; found ${size}`,
      );
  });
});

describe("mergedSearchBundles", () => {
  it("lists every segment but the newest (the index folder itself) as site paths", () => {
    const urls = Array.from({ length: 12 }, (_, i) => `/news/2023/10/a-${i}/`);
    const bundles = mergedSearchBundles(urls, 5);
    expect(bundles.length).toBeGreaterThanOrEqual(2);
    for (const bundle of bundles) expect(bundle).toMatch(/^\/pagefind\/s-[0-9a-f]{16}\/$/);
    expect(mergedSearchBundles([], 5)).toEqual([]);
    expect(mergedSearchBundles(["/news/2023/10/only/"], 5)).toEqual([]);
  });
});
