import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { ARTICLE_CACHE_FOLDER, PersistentArticleCache } from "../../../src/lib/content/article-cache.ts";
import type { FileOutcome } from "../../../src/lib/content/articles.ts";
import { parseFrontMatter } from "../../../src/lib/content/front-matter.ts";
import { sha256 } from "../../../src/lib/core/file-identity.ts";
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
    source: {
      fields: { title: "A", date: DateTime.fromISO("2023-10-24T09:00:00+07:00", { setZone: true }) },
      body: "Body",
      bodySha256: sha256("Body"),
    },
  } as unknown as FileOutcome;
  // Dates come back as equal DateTimes, not the same objects: compared as JSON.
  const asJson = (value: unknown) => JSON.stringify(value);
  /** An article file last modified `ageSeconds` ago, and its `stat`. */
  const articleFile = async (dir: string, name: string, text: string, ageSeconds: number) => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    const then = new Date(Date.now() - ageSeconds * 1000);
    await utimes(file, then, then);
    return { file, text, info: await stat(file, { bigint: true }) };
  };
  /** A cache in `dir` that has read `files`, saved. */
  const cacheOf = async (dir: string, files: Array<Awaited<ReturnType<typeof articleFile>>>) => {
    const cache = await PersistentArticleCache.open(dir, reading(path.join(dir, "articles")));
    for (const { file, text, info } of files) cache.remember(file, text, info, outcome);
    await cache.save();
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

    // Nothing read through it: the part is left as it was.
    const [part] = await readdir(path.join(dir, ARTICLE_CACHE_FOLDER));
    const partFile = path.join(dir, ARTICLE_CACHE_FOLDER, part as string);
    const before = await stat(partFile);
    await (await PersistentArticleCache.open(dir, reading(articles))).save();
    expect((await stat(partFile)).mtimeMs).toBe(before.mtimeMs);

    // A part it cannot read is no cache at all.
    await writeFile(partFile, "not v8");
    expect((await PersistentArticleCache.open(dir, reading(articles))).lookup(file, "text", info)).toBeUndefined();
    expect(await readFile(partFile, "utf8")).toBe("not v8");
  });

  it("recalls an unchanged file without its text, but not one modified since, nor one modified just before the cache was written", async () => {
    const dir = await tempDir("article-cache-identity");
    const articles = path.join(dir, "articles");
    const old = await articleFile(dir, "old.md", "old text", 3600);
    const recent = await articleFile(dir, "recent.md", "recent text", 0);
    await cacheOf(dir, [old, recent]);

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

  it("keeps one part per folder of articles, writes again only the parts whose files changed, and drops a folder's part when it empties", async () => {
    const dir = await tempDir("article-cache-parts");
    const articles = path.join(dir, "articles");
    await mkdir(path.join(dir, "2023"));
    await mkdir(path.join(dir, "2024"));
    const a = await articleFile(dir, "2023/a.md", "a", 3600);
    const b = await articleFile(dir, "2024/b.md", "b", 3600);
    await cacheOf(dir, [a, b]);
    const partsDir = path.join(dir, ARTICLE_CACHE_FOLDER);
    const parts = async () =>
      new Map(
        await Promise.all(
          (await readdir(partsDir)).map(
            async (name) => [name, (await stat(path.join(partsDir, name))).mtimeMs] as const,
          ),
        ),
      );
    const before = await parts();
    expect(before.size).toBe(2);

    // b edited: only 2024's part is written again.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const edited = await articleFile(dir, "2024/b.md", "b, edited", 1800);
    const second = await PersistentArticleCache.open(dir, reading(articles));
    expect(second.recall(a.file, a.info)).toBeDefined();
    expect(second.recall(b.file, edited.info)).toBeUndefined();
    second.remember(b.file, "b, edited", edited.info, outcome);
    await second.save();
    const after = await parts();
    const changed = [...after].filter(([name, mtime]) => before.get(name) !== mtime);
    expect(changed).toHaveLength(1);

    // 2023 emptied (a deleted): its part goes.
    const third = await PersistentArticleCache.open(dir, reading(articles));
    expect(third.recall(b.file, edited.info)).toBeDefined();
    await third.save();
    expect([...(await parts()).keys()]).toEqual(changed.map(([name]) => name));
  });

  it("keeps the Markdown apart and reads it when asked, from the article file when the cache's copy is damaged", async () => {
    const dir = await tempDir("article-cache-bodies");
    const articles = path.join(dir, "articles");
    await mkdir(articles);
    const text = "---\ntitle: A\n---\nBody of **Zeox** — déjà vu.\n";
    const { body } = parseFrontMatter(text, "articles/a.md") as { body: string };
    const withBody = (file: string) =>
      ({
        problems: [],
        source: { fields: { title: "A" }, file: "articles/a.md", absolute: file, body, bodySha256: sha256(body) },
      }) as unknown as FileOutcome;
    const a = await articleFile(dir, "articles/a.md", text, 3600);
    // The cache in a folder of its own, so that only its part is in it.
    const cacheDir = path.join(dir, "cache");
    const first = await PersistentArticleCache.open(cacheDir, reading(articles));
    first.remember(a.file, a.text, a.info, withBody(a.file));
    await first.save();

    const recalled = async () =>
      (await PersistentArticleCache.open(cacheDir, reading(articles))).recall(a.file, a.info)?.source as {
        body: string;
      };
    const source = await recalled();
    expect(Object.getOwnPropertyDescriptor(source, "body")?.get).toBeTypeOf("function");
    expect(source.body).toBe(body);
    expect(JSON.parse(JSON.stringify(source)).body).toBe(body);

    // The part's copy damaged (its fields intact): the Markdown comes from the article file.
    const [part, ...others] = await readdir(path.join(cacheDir, ARTICLE_CACHE_FOLDER));
    expect(others).toEqual([]);
    const partFile = path.join(cacheDir, ARTICLE_CACHE_FOLDER, part as string);
    const bytes = await readFile(partFile);
    const at = bytes.indexOf(Buffer.from("**Zeox**"));
    expect(at).toBeGreaterThan(0);
    bytes.write("**Zeoy**", at);
    await writeFile(partFile, bytes);
    expect(await readFile(a.file, "utf8")).toBe(text);
    const damaged = await recalled();
    expect(damaged.body).toBe(body);

    // And the article file changed after the build saw it: the build stops, naming the file.
    await writeFile(a.file, text.replace("Zeox", "Zeoz"));
    expect(() => damaged.body).toThrow(
      "articles/a.md changed while the build was reading it (its text is not the one the build started with): build again",
    );
    await rm(a.file);
    expect(() => damaged.body).toThrow("articles/a.md changed while the build was reading it");
  });
});
