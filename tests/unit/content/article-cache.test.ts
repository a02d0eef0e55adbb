import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { ARTICLE_CACHE_FILE, PersistentArticleCache } from "../../../src/lib/content/article-cache.ts";
import type { FileOutcome } from "../../../src/lib/content/articles.ts";
import { BUILT_IN_SECTIONS } from "../../../src/lib/config/sections.ts";
import { fixturePartners, tempDir } from "../../helpers/fixture-site.ts";

const reading = (articlesDir: string, timeZone = "Asia/Bangkok") => ({
  articlesDir,
  displayRoot: path.dirname(articlesDir),
  timeZone,
  partners: fixturePartners,
  sections: BUILT_IN_SECTIONS,
});

describe("the articles' build cache", () => {
  it("gives back an outcome, dates and all, only for the text it was made from, under the same settings", async () => {
    const dir = await tempDir("article-cache");
    const articles = path.join(dir, "articles");
    const outcome = {
      problems: [],
      source: { fields: { title: "A", date: DateTime.fromISO("2023-10-24T09:00:00+07:00", { setZone: true }) } },
    } as unknown as FileOutcome;
    const first = await PersistentArticleCache.open(dir, reading(articles));
    expect(first.lookup("/a.md", "text")).toBeUndefined();
    first.remember("/a.md", "text", outcome);
    await first.save();

    const second = await PersistentArticleCache.open(dir, reading(articles));
    const found = second.lookup("/a.md", "text") as { source: { fields: { date: DateTime } } };
    expect(found.source.fields.date.equals((outcome.source?.fields as unknown as { date: DateTime }).date)).toBe(true);
    expect(second.lookup("/a.md", "text, edited")).toBeUndefined();
    expect(
      (await PersistentArticleCache.open(dir, reading(articles, "Europe/London"))).lookup("/a.md", "text"),
    ).toBeUndefined();

    // Nothing read through it: the file is left as it was.
    const before = await stat(path.join(dir, ARTICLE_CACHE_FILE));
    await (await PersistentArticleCache.open(dir, reading(articles))).save();
    expect((await stat(path.join(dir, ARTICLE_CACHE_FILE))).mtimeMs).toBe(before.mtimeMs);

    // A file it cannot read is no cache at all.
    await writeFile(path.join(dir, ARTICLE_CACHE_FILE), "not v8");
    expect((await PersistentArticleCache.open(dir, reading(articles))).lookup("/a.md", "text")).toBeUndefined();
    expect(await readFile(path.join(dir, ARTICLE_CACHE_FILE), "utf8")).toBe("not v8");
  });
});
