import { readFile, stat, utimes, writeFile } from "node:fs/promises";
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
  const outcome = {
    problems: [],
    source: { fields: { title: "A", date: DateTime.fromISO("2023-10-24T09:00:00+07:00", { setZone: true }) } },
  } as unknown as FileOutcome;
  // Dates come back as equal DateTimes, not the same objects: compared as JSON.
  const asJson = (value: unknown) => JSON.stringify(value);
  /** An article file last modified `ageSeconds` ago, and its `stat`. */
  const articleFile = async (dir: string, name: string, text: string, ageSeconds: number) => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    const then = new Date(Date.now() - ageSeconds * 1000);
    await utimes(file, then, then);
    return { file, info: await stat(file, { bigint: true }) };
  };

  it("gives back an outcome, dates and all, only for the text it was made from, under the same settings", async () => {
    const dir = await tempDir("article-cache");
    const articles = path.join(dir, "articles");
    const { file, info } = await articleFile(dir, "a.md", "text", 3600);
    const first = await PersistentArticleCache.open(dir, reading(articles));
    expect(first.lookup(file, "text", info)).toBeUndefined();
    first.remember(file, "text", info, outcome);
    await first.save();

    const second = await PersistentArticleCache.open(dir, reading(articles));
    const found = second.lookup(file, "text", info) as { source: { fields: { date: DateTime } } };
    expect(found.source.fields.date.equals((outcome.source?.fields as unknown as { date: DateTime }).date)).toBe(true);
    expect(second.lookup(file, "text, edited", info)).toBeUndefined();
    expect(
      (await PersistentArticleCache.open(dir, reading(articles, "Europe/London"))).lookup(file, "text", info),
    ).toBeUndefined();

    // Nothing read through it: the file is left as it was.
    const before = await stat(path.join(dir, ARTICLE_CACHE_FILE));
    await (await PersistentArticleCache.open(dir, reading(articles))).save();
    expect((await stat(path.join(dir, ARTICLE_CACHE_FILE))).mtimeMs).toBe(before.mtimeMs);

    // A file it cannot read is no cache at all.
    await writeFile(path.join(dir, ARTICLE_CACHE_FILE), "not v8");
    expect((await PersistentArticleCache.open(dir, reading(articles))).lookup(file, "text", info)).toBeUndefined();
    expect(await readFile(path.join(dir, ARTICLE_CACHE_FILE), "utf8")).toBe("not v8");
  });

  it("recalls an unchanged file without its text, but not one modified since, nor one modified just before the cache was written", async () => {
    const dir = await tempDir("article-cache-identity");
    const articles = path.join(dir, "articles");
    const old = await articleFile(dir, "old.md", "old text", 3600);
    const recent = await articleFile(dir, "recent.md", "recent text", 0);
    const first = await PersistentArticleCache.open(dir, reading(articles));
    first.remember(old.file, "old text", old.info, outcome);
    first.remember(recent.file, "recent text", recent.info, outcome);
    await first.save();

    const second = await PersistentArticleCache.open(dir, reading(articles));
    expect(asJson(second.recall(old.file, old.info))).toEqual(asJson(outcome));
    // Modified within the same clock tick as the cache, it could change again unseen: read it.
    expect(second.recall(recent.file, recent.info)).toBeUndefined();
    expect(asJson(second.lookup(recent.file, "recent text", recent.info))).toEqual(asJson(outcome));
    // Touched since (another modification time): read, and known by its text.
    const touched = await articleFile(dir, "old.md", "old text", 1800);
    expect(second.recall(old.file, touched.info)).toBeUndefined();
    expect(asJson(second.lookup(old.file, "old text", touched.info))).toEqual(asJson(outcome));
    await second.save();
    expect(asJson((await PersistentArticleCache.open(dir, reading(articles))).recall(old.file, touched.info))).toEqual(
      asJson(outcome),
    );
  });
});
