import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  contentHashes,
  globalDigest,
  manifestPartName,
  PAGE_CACHE_FORMAT,
  PageReuse,
  PageSigner,
  readPageManifest,
  writePageManifest,
  type PageManifest,
} from "../../../src/lib/build/page-cache.ts";
import { LinkingThread } from "../../../src/lib/core/link-files.ts";
import { tempDir, writeFiles } from "../../helpers/fixture-site.ts";

interface Page {
  url: string;
  html: string;
}

const file = (page: Page) => `${page.url.slice(1)}index.html`;

/** One build: chooses, "renders" the chosen pages into `output`, finishes and writes the manifest. */
async function build(pages: Page[], previousOutput: string | undefined, cacheDir: string) {
  const output = await tempDir("page-cache-out");
  const { manifest } = await readPageManifest(cacheDir);
  const reuse = new PageReuse(manifest, previousOutput);
  const rendered = await reuse.choose(pages, file, (page) => `sig:${page.html}`);
  const results = [];
  for (const page of rendered) {
    const target = path.join(output, file(page));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, page.html);
    results.push({ outputPath: target, content: page.html });
  }
  const written = await reuse.finish(output, contentHashes(output, results));
  await writePageManifest(cacheDir, { index: 0, count: 1 }, written, "global-1");
  return { output, rendered: rendered.map((page) => page.url), counts: reuse.counts };
}

describe("page cache", () => {
  describe("globalDigest", () => {
    it("is the same for the same files wherever they are, and changes with any file, setting or missing file", async () => {
      const files = {
        "layouts/base.njk": "<main>{{ content }}</main>",
        "layouts/articles/x.md": "ignored",
        "a.css": "a{}",
      };
      const here = await tempDir("digest-a");
      const there = await tempDir("digest-b");
      await writeFiles(here, files);
      await writeFiles(there, files);
      const digest = (root: string, values: unknown = { site: 1 }) =>
        globalDigest({
          sources: {
            layouts: path.join(root, "layouts"),
            css: path.join(root, "a.css"),
            gone: path.join(root, "gone"),
          },
          exclude: [path.join(root, "layouts/articles")],
          values,
        });
      const first = await digest(here);
      expect(await digest(there)).toBe(first);
      await writeFiles(there, { "layouts/articles/x.md": "excluded, so no change" });
      expect(await digest(there)).toBe(first);
      await writeFiles(there, { "layouts/base.njk": "<main class=x>{{ content }}</main>" });
      expect(await digest(there)).not.toBe(first);
      expect(await digest(here, { site: 2 })).not.toBe(first);
      await writeFiles(here, { gone: "now present" });
      expect(await digest(here)).not.toBe(first);
    });
  });

  describe("PageSigner", () => {
    const article = (fields: Record<string, unknown>) => {
      const made = { ...fields };
      // The rendered body is lazy and never read for a signature.
      Object.defineProperty(made, "bodyHtml", {
        enumerable: true,
        get: () => {
          throw new Error("bodyHtml read");
        },
      });
      return made;
    };

    it("signs articles by their fields and Markdown, and ignores the list's full page list", () => {
      const a = article({ url: "/news/a/", title: "A" });
      const b = article({ url: "/news/b/", title: "B" });
      const markdown = new Map<object, string>([
        [a, "Body A"],
        [b, "Body B"],
      ]);
      const signer = new PageSigner("global", [a, b], (x) => markdown.get(x) ?? "");
      const page = { url: "/", articles: [a, b], pageUrls: ["/", "/page/2/"] };
      const signature = signer.sign(page);
      expect(signer.sign({ ...page, pageUrls: ["/", "/page/2/", "/page/3/"] })).toBe(signature);
      expect(signer.sign({ ...page, articles: [b, a] })).not.toBe(signature);

      const edited = article({ url: "/news/a/", title: "A" });
      const again = new PageSigner("global", [edited, b], (x) => (x === edited ? "Body A, corrected" : "Body B"));
      expect(again.sign({ ...page, articles: [edited, b] })).not.toBe(signature);
      const retitled = article({ url: "/news/a/", title: "A2" });
      const third = new PageSigner("global", [retitled, b], (x) => (x === retitled ? "Body A" : "Body B"));
      expect(third.sign({ ...page, articles: [retitled, b] })).not.toBe(signature);
      const same = article({ url: "/news/a/", title: "A" });
      const fourth = new PageSigner("global", [same, b], (x) => (x === same ? "Body A" : "Body B"));
      expect(fourth.sign({ ...page, articles: [same, b] })).toBe(signature);
      expect(new PageSigner("other", [a, b], (x) => markdown.get(x) ?? "").sign(page)).not.toBe(signature);
    });
  });

  describe("manifest", () => {
    const entry = { signature: "s", sha256: "h", size: 1, dev: "1", ino: "2", mtimeNs: "3" };

    it("skips and names a corrupt or foreign part, and lets the newer of two parts win", async () => {
      const dir = await tempDir("manifest");
      await writeFile(path.join(dir, "pages-1-of-2.json"), "{ not json");
      await writeFile(path.join(dir, "pages-2-of-2.json"), JSON.stringify({ format: "other/9", pages: {} }));
      await writeFile(
        path.join(dir, "pages-1-of-3.json"),
        JSON.stringify({
          format: PAGE_CACHE_FORMAT,
          pages: { "a/index.html": { ...entry, signature: "old" }, bad: 3 },
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      await writeFile(
        path.join(dir, "pages-2-of-3.json"),
        JSON.stringify({ format: PAGE_CACHE_FORMAT, pages: { "a/index.html": entry } }),
      );
      const { manifest, skipped } = await readPageManifest(dir);
      expect(skipped.sort()).toEqual(["pages-1-of-2.json", "pages-2-of-2.json"]);
      expect([...manifest]).toEqual([["a/index.html", entry]]);
      expect(await readPageManifest(path.join(dir, "missing"))).toEqual({
        manifest: new Map(),
        skipped: [],
        globals: new Set(),
      });
    });

    it("writes a part atomically; a build in one process removes the parts of other splits", async () => {
      const dir = await tempDir("manifest");
      const pages: PageManifest = new Map([["a/index.html", entry]]);
      await writePageManifest(dir, { index: 1, count: 2 }, pages, "global-1");
      await writePageManifest(dir, { index: 0, count: 2 }, pages, "global-1");
      expect((await readdir(dir)).sort()).toEqual([manifestPartName(0, 2), manifestPartName(1, 2)]);
      expect((await readPageManifest(dir)).globals).toEqual(new Set(["global-1"]));
      await writePageManifest(dir, { index: 0, count: 1 }, pages, "global-2");
      expect(await readdir(dir)).toEqual(["pages-1-of-1.json"]);
      expect(JSON.parse(await readFile(path.join(dir, "pages-1-of-1.json"), "utf8"))).toEqual({
        format: PAGE_CACHE_FORMAT,
        global: "global-2",
        pages: { "a/index.html": entry },
      });
      expect((await readPageManifest(dir)).globals).toEqual(new Set(["global-2"]));
    });
  });

  describe("PageReuse", () => {
    const pages: Page[] = [
      { url: "/a/", html: "<p>a</p>" },
      { url: "/b/", html: "<p>b</p>" },
      { url: "/c/", html: "<p>c</p>" },
    ];

    it("renders everything without a previous site, then reuses unchanged pages by linking them", async () => {
      const cache = await tempDir("page-cache");
      const first = await build(pages, undefined, cache);
      expect(first.rendered).toEqual(["/a/", "/b/", "/c/"]);
      const changed = pages.map((page) => (page.url === "/b/" ? { ...page, html: "<p>b, corrected</p>" } : page));
      const second = await build(changed, first.output, cache);
      expect(second.rendered).toEqual(["/b/"]);
      expect(second.counts).toEqual({ rendered: 1, reused: 2 });
      const [before, after] = await Promise.all([
        stat(path.join(first.output, "a/index.html")),
        stat(path.join(second.output, "a/index.html")),
      ]);
      expect(after.ino).toBe(before.ino);
      expect(await readFile(path.join(second.output, "b/index.html"), "utf8")).toBe("<p>b, corrected</p>");
      // The manifest now describes the second site: nothing changes, nothing is rendered.
      const third = await build(changed, second.output, cache);
      expect(third.rendered).toEqual([]);
    });

    it("renders a page whose previous file was changed or removed, even with the same size", async () => {
      const cache = await tempDir("page-cache");
      const first = await build(pages, undefined, cache);
      await writeFile(path.join(first.output, "a/index.html"), "<p>x</p>");
      await writeFile(path.join(first.output, "c/index.html"), "<p>c</p>");
      await rm(path.join(first.output, "b/index.html"));
      const second = await build(pages, first.output, cache);
      // c was rewritten with the same bytes: a new modification time, but the hash still matches.
      expect(second.rendered).toEqual(["/a/", "/b/"]);
      expect(await readFile(path.join(second.output, "a/index.html"), "utf8")).toBe("<p>a</p>");
    });

    it("makes the previous site's page folders before choosing, and leaves none empty", async () => {
      const cache = await tempDir("page-cache");
      const first = await build(pages, undefined, cache);
      const output = path.join(await tempDir("page-cache-ahead"), "_site");
      const reuse = new PageReuse((await readPageManifest(cache)).manifest, first.output);
      reuse.linkInto(output);
      // "/b/" is gone from this build: its folder, made ahead, must not stay behind empty.
      const rendered = await reuse.choose(
        pages.filter((page) => page.url !== "/b/"),
        file,
        (page) => `sig:${page.html}`,
      );
      expect(rendered).toEqual([]);
      await reuse.finish(output, new Map());
      expect((await readdir(output, { recursive: true })).map(String).sort()).toEqual([
        "a",
        path.join("a", "index.html"),
        "c",
        path.join("c", "index.html"),
      ]);
    });

    it("makes nothing with a linking thread its failed build stopped before the manifest was read", async () => {
      const cache = await tempDir("page-cache");
      const first = await build(pages, undefined, cache);
      const output = path.join(await tempDir("page-cache-stopped"), "_site");
      const thread = new LinkingThread();
      await thread.stop();
      new PageReuse((await readPageManifest(cache)).manifest, first.output).linkInto(output, thread);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await expect(readdir(output)).rejects.toThrow("ENOENT");
    });

    it("reuses a site restored elsewhere (new inodes) by content hash", async () => {
      const cache = await tempDir("page-cache");
      const first = await build(pages, undefined, cache);
      const restored = path.join(await tempDir("restored"), "_site");
      await cp(first.output, restored, { recursive: true });
      const second = await build(pages, restored, cache);
      expect(second.rendered).toEqual([]);
      expect(await readFile(path.join(second.output, "c/index.html"), "utf8")).toBe("<p>c</p>");
    });
  });
});
