import { readdirSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { KEPT_PER_BUILD, RENDERED_HTML_FOLDER, RenderedHtml } from "../../../src/lib/content/rendered-html.ts";
import { renderArticleBody } from "../../../src/lib/content/markdown.ts";
import { tempDir } from "../../helpers/fixture-site.ts";

// Counted, so a test can tell a body read from the cache from one rendered again.
vi.mock("../../../src/lib/content/markdown.ts", async (original) => {
  const actual = await original<typeof import("../../../src/lib/content/markdown.ts")>();
  return { ...actual, renderArticleBody: vi.fn(actual.renderArticleBody) };
});
const rendered = vi.mocked(renderArticleBody);

const CODE = "a".repeat(64);
const OTHER_CODE = "b".repeat(64);
const BODY = 'Paragraph one.\n\n<script>alert(1)</script>\n\n<a href="javascript:x">link</a>';

/** The body files under `cacheDir` for the code `code`. */
const bodyFiles = async (cacheDir: string, code = CODE) =>
  (await readdir(path.join(cacheDir, RENDERED_HTML_FOLDER, code.slice(0, 16))).catch(() => [] as string[])).map(
    (name) => path.join(cacheDir, RENDERED_HTML_FOLDER, code.slice(0, 16), name),
  );

describe("rendered HTML in the build cache", () => {
  it("renders a body once: the next build reads the same sanitized HTML from its file", async () => {
    const dir = await tempDir("bodies");
    rendered.mockClear();
    const first = RenderedHtml.open(dir, CODE);
    const html = first.body(BODY);
    expect(html).not.toContain("<script");
    expect(html).not.toContain("javascript:");
    await first.settled();
    expect(await bodyFiles(dir)).toHaveLength(1);

    const next = RenderedHtml.open(dir, CODE);
    expect(next.body(BODY)).toBe(html);
    expect(rendered).toHaveBeenCalledTimes(1);
  });

  it("does not keep a body asked for without keeping (an article page's), but serves one kept", async () => {
    const dir = await tempDir("bodies");
    const pages = RenderedHtml.open(dir, CODE);
    const html = pages.body(BODY, { keep: false });
    await pages.settled();
    expect(await bodyFiles(dir)).toHaveLength(0);
    const feeds = RenderedHtml.open(dir, CODE);
    feeds.body(BODY);
    await feeds.settled();
    rendered.mockClear();
    expect(RenderedHtml.open(dir, CODE).body(BODY, { keep: false })).toBe(html);
    expect(rendered).not.toHaveBeenCalled();
  });

  it("renders a damaged file's body again, never serving its text, and mends the file", async () => {
    const dir = await tempDir("bodies");
    const first = RenderedHtml.open(dir, CODE);
    const html = first.body(BODY);
    await first.settled();
    const [file] = await bodyFiles(dir);
    for (const damage of [`${"0".repeat(64)}\n<script>alert(2)</script>`, "", "<p>no hash line</p>"]) {
      await writeFile(file as string, damage);
      rendered.mockClear();
      const next = RenderedHtml.open(dir, CODE);
      expect(next.body(BODY)).toBe(html);
      expect(rendered).toHaveBeenCalledTimes(1);
      await next.settled();
      expect(await readFile(file as string, "utf8")).toMatch(/^[0-9a-f]{64}\n/);
      expect((await readFile(file as string, "utf8")).slice(65)).toBe(html);
    }
  });

  it("does not use the bodies of other code, and removes them", async () => {
    const dir = await tempDir("bodies");
    const old = RenderedHtml.open(dir, OTHER_CODE);
    old.body(BODY);
    await old.settled();
    expect(await bodyFiles(dir, OTHER_CODE)).toHaveLength(1);

    rendered.mockClear();
    const current = RenderedHtml.open(dir, CODE);
    current.body(BODY);
    expect(rendered).toHaveBeenCalledTimes(1);
    await current.settled();
    await vi.waitFor(async () =>
      expect(await readdir(path.join(dir, RENDERED_HTML_FOLDER))).toEqual([CODE.slice(0, 16)]),
    );
  });

  it("read-only (the search indexer): uses the bodies kept, renders the others without writing them", async () => {
    const dir = await tempDir("bodies");
    const writer = RenderedHtml.open(dir, CODE);
    writer.body(BODY);
    await writer.settled();

    rendered.mockClear();
    const reader = RenderedHtml.open(dir, CODE, { readOnly: true });
    reader.body(BODY);
    expect(rendered).not.toHaveBeenCalled();
    expect(reader.body("Another body.")).toBe("<p>Another body.</p>\n");
    await reader.settled();
    expect(rendered).toHaveBeenCalledTimes(1);
    expect(await bodyFiles(dir)).toHaveLength(1);
  });

  it("writes thousands of pieces asked for at once without running out of file handles, a bounded number a build", async () => {
    const dir = await tempDir("bodies");
    const kept = RenderedHtml.open(dir, CODE);
    // A large site's feeds ask for their items all at once; each write holds a file open.
    const count = KEPT_PER_BUILD + 500;
    const before = openFiles();
    let most = before;
    const asked = Promise.all(
      Array.from({ length: count }, (_, index) => kept.cached(`item-${index}`, async () => `<p>${index}</p>`)),
    );
    const writing = asked.then(() => kept.settled());
    let done = false;
    void writing.finally(() => (done = true));
    while (!done) {
      most = Math.max(most, openFiles());
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(await bodyFiles(dir)).toHaveLength(KEPT_PER_BUILD);
    expect(most - before).toBeLessThan(50);

    // The next build keeps the rest (and finds the others kept).
    const next = RenderedHtml.open(dir, CODE);
    const again = await Promise.all(
      Array.from({ length: count }, (_, index) => next.cached(`item-${index}`, async () => `<p>again ${index}</p>`)),
    );
    await next.settled();
    expect(again.filter((html) => html.startsWith("<p>again"))).toHaveLength(500);
    expect(await bodyFiles(dir)).toHaveLength(count);
  });
});

/** How many files this process has open now. */
function openFiles(): number {
  return readdirSync("/proc/self/fd").length;
}
