import { describe, expect, it } from "vitest";
import { ownedItems, ownsUrl, parseShard, shardOf, WHOLE_SITE } from "../../../src/lib/build/shard.ts";

describe("shards", () => {
  it("reads DATELINE_SHARD, and names the variable and the form when it is wrong", () => {
    expect(parseShard(undefined)).toEqual(WHOLE_SITE);
    expect(parseShard("")).toEqual(WHOLE_SITE);
    expect(parseShard("1/2")).toEqual({ index: 1, count: 2 });
    for (const wrong of ["2/2", "0/0", "a/b", "1", "-1/2", "0/65"]) {
      expect(() => parseShard(wrong)).toThrow(
        `DATELINE_SHARD: expected "index/count" with 0 ≤ index < count ≤ 64 (such as "1/2"), found ${JSON.stringify(wrong)}`,
      );
    }
  });

  it("gives every page to exactly one shard, from its URL alone, and spreads them evenly", () => {
    const urls = Array.from(
      { length: 3000 },
      (_, i) => `/news/2024/${String((i % 12) + 1).padStart(2, "0")}/release-${i}/`,
    );
    const parts = [0, 1, 2].map((index) => ownedItems({ index, count: 3 }, urls, (url) => url));
    expect(parts.flat().sort()).toEqual([...urls].sort());
    for (const part of parts) expect(part.length).toBeGreaterThan(900);
    expect(urls.every((url) => ownsUrl({ index: shardOf(url, 3), count: 3 }, url))).toBe(true);
    expect(ownedItems(WHOLE_SITE, urls, (url) => url)).toEqual(urls);
  });
});
