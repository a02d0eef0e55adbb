import { describe, expect, it } from "vitest";
import {
  MAX_SEGMENT_ARTICLES,
  MAX_SEGMENT_LEVEL,
  requiredLevel,
  searchSegments,
  segmentLevel,
  type SearchSegment,
} from "../../../src/lib/search/search-segments.ts";

/** `count` article URLs, newest first, numbered from `from`. */
const urls = (count: number, prefix = "a") =>
  Array.from({ length: count }, (_, i) => `/news/2024/01/${prefix}-${count - i}/`);

/** The articles each segment holds, by URL (to compare two splits). */
const contents = (list: readonly string[], segments: SearchSegment[]) =>
  new Map(segments.map((segment) => [segment.id, list.slice(segment.start, segment.end).join(" ")]));

describe("search segments", () => {
  it("asks more of a boundary the more articles are newer, up to the highest level", () => {
    expect([0, 1, 3, 4, 15, 16, 63, 64].map(requiredLevel)).toEqual([1, 1, 1, 2, 2, 3, 3, 4]);
    expect(requiredLevel(10_000_000)).toBe(MAX_SEGMENT_LEVEL);
    const levels = urls(4000).map(segmentLevel);
    expect(Math.min(...levels)).toBe(0);
    expect(Math.max(...levels)).toBeLessThanOrEqual(MAX_SEGMENT_LEVEL);
    // About three in four URLs have level 0 (a base-4 digit that is not zero).
    expect(levels.filter((level) => level === 0).length / levels.length).toBeCloseTo(0.75, 1);
  });

  it("covers every article once, in order, newest segment first, named by its articles", () => {
    const list = urls(1000);
    const segments = searchSegments(list);
    expect(segments[0]?.start).toBe(0);
    expect(segments.at(-1)?.end).toBe(1000);
    for (let i = 1; i < segments.length; i++) expect(segments[i]?.start).toBe(segments[i - 1]?.end);
    expect(new Set(segments.map((segment) => segment.id)).size).toBe(segments.length);
    expect(searchSegments(list)).toEqual(segments);
    expect(searchSegments([])).toEqual([]);
  });

  it("keeps the number of segments logarithmic in the number of articles", () => {
    const counts = [1_000, 10_000, 100_000].map((count) => searchSegments(urls(count)).length);
    expect(counts[0]).toBeLessThanOrEqual(12);
    expect(counts[1]).toBeLessThanOrEqual(16);
    expect(counts[2]).toBeLessThanOrEqual(40);
    for (const segment of searchSegments(urls(100_000)))
      expect(segment.end - segment.start).toBeLessThanOrEqual(MAX_SEGMENT_ARTICLES);
  });

  it("changes only the newest segments when releases are added: old segments are kept or merged, never cut", () => {
    for (const count of [1_000, 10_000]) {
      const before = urls(count);
      const after = [...urls(20, "added"), ...before];
      const old = contents(before, searchSegments(before));
      const now = contents(after, searchSegments(after));
      const changed = [...now].filter(([id]) => !old.has(id));
      const reindexed = changed.reduce((sum, [, text]) => sum + text.split(" ").length, 0);
      expect(reindexed).toBeLessThan(count / 4);
      // A kept id holds the same articles; every boundary among old articles was one before.
      for (const [id, text] of now) if (old.has(id)) expect(text).toBe(old.get(id));
      const boundaries = (list: string[], segments: SearchSegment[]) =>
        new Set(segments.slice(1).map((segment) => list[segment.start]));
      const oldBoundaries = boundaries(before, searchSegments(before));
      for (const url of boundaries(after, searchSegments(after)))
        if (before.includes(url as string)) expect(oldBoundaries).toContain(url);
    }
  });

  it("cuts a segment longer than the limit into parts that long from its oldest end, and refuses a limit that is not a whole number", () => {
    const segments = searchSegments(urls(50), 7);
    expect(segments.map((segment) => segment.end - segment.start)).toEqual([1, 7, 7, 7, 7, 7, 7, 7]);
    // Two more releases: only the newest part changes.
    const more = searchSegments([...urls(2, "added"), ...urls(50)], 7);
    expect(more.map((segment) => segment.end - segment.start)).toEqual([3, 7, 7, 7, 7, 7, 7, 7]);
    expect(more.slice(1).map((segment) => segment.id)).toEqual(segments.slice(1).map((segment) => segment.id));
    for (const size of [0, -1, 2.5, Number.NaN])
      expect(() => searchSegments(urls(3), size)).toThrow(
        `The search segment size must be a whole number of articles, at least 1; found ${size}`,
      );
  });
});
