import { cp, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  readSearchCache,
  reuseSegment,
  SEARCH_CACHE_FILE,
  segmentKey,
  writeSearchCache,
  type CachedSegment,
  type SearchIndexManifest,
} from "../../../src/lib/search/search-segment-cache.ts";
import { identify, sha256 } from "../../../src/lib/core/file-identity.ts";
import { tempDir, writeFiles } from "../../helpers/fixture-site.ts";

describe("the search segment cache", () => {
  it("keys a segment by the build's key, its place and its records' sources", () => {
    const key = segmentKey("global", false, ["a", "b"]);
    expect(segmentKey("global", false, ["a", "b"])).toBe(key);
    expect(segmentKey("global", true, ["a", "b"])).not.toBe(key);
    expect(segmentKey("other", false, ["a", "b"])).not.toBe(key);
    expect(segmentKey("global", false, ["a", "b, corrected"])).not.toBe(key);
    expect(segmentKey("global", false, ["ab"])).not.toBe(segmentKey("global", false, ["a", "b"]));
  });

  it("links a segment whose key and files are unchanged, and refuses one whose file changed or is gone", async () => {
    const previous = await tempDir("search-previous");
    await writeFiles(previous, { "s-1/index/a.pf_index": "index bytes", "s-1/pagefind-entry.json": "{}" });
    const files = {
      "s-1/index/a.pf_index": await identify(path.join(previous, "s-1/index/a.pf_index"), sha256("index bytes")),
      "s-1/pagefind-entry.json": await identify(path.join(previous, "s-1/pagefind-entry.json"), sha256("{}")),
    };
    const manifest: SearchIndexManifest = new Map([["1", { key: "k", files }]]);
    const folder = await tempDir("search-next");
    expect(await reuseSegment({ previous, manifest }, "1", "other key", folder)).toBeUndefined();
    expect(await reuseSegment({ previous, manifest }, "2", "k", folder)).toBeUndefined();
    // Linked: the same files, so the same identities.
    expect(await reuseSegment({ previous, manifest }, "1", "k", folder)).toEqual({ key: "k", files });
    const [before, after] = await Promise.all([
      stat(path.join(previous, "s-1/index/a.pf_index")),
      stat(path.join(folder, "s-1/index/a.pf_index")),
    ]);
    expect(after.ino).toBe(before.ino);

    // Copied elsewhere (new inodes): recognised by content.
    const restored = await tempDir("search-restored");
    await cp(previous, restored, { recursive: true });
    expect((await reuseSegment({ previous: restored, manifest }, "1", "k", await tempDir("search-next")))?.key).toBe(
      "k",
    );

    await writeFile(path.join(previous, "s-1/pagefind-entry.json"), "{ }");
    expect(await reuseSegment({ previous, manifest }, "1", "k", await tempDir("search-next"))).toBeUndefined();
  });

  it("reads what it wrote, and starts empty, saying why, from a corrupt or foreign file", async () => {
    const dir = await tempDir("search-cache");
    expect(await readSearchCache(dir)).toEqual({ manifest: new Map() });
    const identity = { sha256: "h", size: 1, dev: "1", ino: "2", mtimeNs: "3" };
    const manifest: SearchIndexManifest = new Map<string, CachedSegment>([
      ["b", { key: "k2", files: {} }],
      ["a", { key: "k1", files: { x: identity } }],
    ]);
    await writeSearchCache(dir, manifest);
    expect((await readSearchCache(dir)).manifest).toEqual(manifest);
    expect(JSON.parse(await readFile(path.join(dir, SEARCH_CACHE_FILE), "utf8")).format).toBe(
      "dateline-search-cache/1",
    );
    for (const text of ["{ broken", JSON.stringify({ format: "other/1", segments: {} })]) {
      await writeFile(path.join(dir, SEARCH_CACHE_FILE), text);
      expect(await readSearchCache(dir)).toEqual({
        manifest: new Map(),
        problem: "search.json could not be read; every search segment is indexed",
      });
    }
  });
});
