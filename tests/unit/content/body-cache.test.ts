import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { BODY_CACHE_FOLDER, RenderedBodies } from "../../../src/lib/content/body-cache.ts";
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
  (await readdir(path.join(cacheDir, BODY_CACHE_FOLDER, code.slice(0, 16))).catch(() => [] as string[])).map((name) =>
    path.join(cacheDir, BODY_CACHE_FOLDER, code.slice(0, 16), name),
  );

describe("rendered bodies in the build cache", () => {
  it("renders a body once: the next build reads the same sanitized HTML from its file", async () => {
    const dir = await tempDir("bodies");
    rendered.mockClear();
    const first = RenderedBodies.open(dir, CODE);
    const html = first.render(BODY);
    expect(html).not.toContain("<script");
    expect(html).not.toContain("javascript:");
    await first.settled();
    expect(await bodyFiles(dir)).toHaveLength(1);

    const next = RenderedBodies.open(dir, CODE);
    expect(next.render(BODY)).toBe(html);
    expect(rendered).toHaveBeenCalledTimes(1);
  });

  it("renders a damaged file's body again, never serving its text, and mends the file", async () => {
    const dir = await tempDir("bodies");
    const first = RenderedBodies.open(dir, CODE);
    const html = first.render(BODY);
    await first.settled();
    const [file] = await bodyFiles(dir);
    for (const damage of [`${"0".repeat(64)}\n<script>alert(2)</script>`, "", "<p>no hash line</p>"]) {
      await writeFile(file as string, damage);
      rendered.mockClear();
      const next = RenderedBodies.open(dir, CODE);
      expect(next.render(BODY)).toBe(html);
      expect(rendered).toHaveBeenCalledTimes(1);
      await next.settled();
      expect(await readFile(file as string, "utf8")).toMatch(/^[0-9a-f]{64}\n/);
      expect((await readFile(file as string, "utf8")).slice(65)).toBe(html);
    }
  });

  it("does not use the bodies of other code, and removes them", async () => {
    const dir = await tempDir("bodies");
    const old = RenderedBodies.open(dir, OTHER_CODE);
    old.render(BODY);
    await old.settled();
    expect(await bodyFiles(dir, OTHER_CODE)).toHaveLength(1);

    rendered.mockClear();
    const current = RenderedBodies.open(dir, CODE);
    current.render(BODY);
    expect(rendered).toHaveBeenCalledTimes(1);
    await current.settled();
    await vi.waitFor(async () => expect(await readdir(path.join(dir, BODY_CACHE_FOLDER))).toEqual([CODE.slice(0, 16)]));
  });

  it("read-only (the search indexer): uses the bodies kept, renders the others without writing them", async () => {
    const dir = await tempDir("bodies");
    const writer = RenderedBodies.open(dir, CODE);
    writer.render(BODY);
    await writer.settled();

    rendered.mockClear();
    const reader = RenderedBodies.open(dir, CODE, { readOnly: true });
    reader.render(BODY);
    expect(rendered).not.toHaveBeenCalled();
    expect(reader.render("Another body.")).toBe("<p>Another body.</p>\n");
    await reader.settled();
    expect(rendered).toHaveBeenCalledTimes(1);
    expect(await bodyFiles(dir)).toHaveLength(1);
  });
});
