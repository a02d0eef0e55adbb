import { readdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { article, smallPhoto, tempDir, writeFiles } from "../helpers/fixture-site.ts";
import { readTree, runBuild, writeFixtureConfig } from "../helpers/run-build.ts";

const NOW = "2024-02-01T00:00:00+07:00";
const CATEGORIES = ["Energy", "Finance", "Health"];

describe("a build split over several processes (--jobs)", () => {
  let articlesDir: string;
  let work: string;

  beforeAll(async () => {
    work = await tempDir("parallel");
    articlesDir = path.join(work, "articles");
    const files: Record<string, string | Buffer> = {
      "harbour.jpg": await smallPhoto(240, 160, "#224466"),
      "mill.png": await smallPhoto(200, 140, "#664422"),
    };
    for (let i = 0; i < 24; i++) {
      const images =
        i === 3
          ? "[{ src: harbour.jpg, alt: The harbour, caption: Cranes at the harbour }]"
          : i === 11
            ? "[{ src: mill.png, alt: The mill }]"
            : "";
      files[`release-${i}.md`] = article(
        {
          title: `Fictional Co. release number ${i}`,
          date: `2024-01-${String((i % 28) + 1).padStart(2, "0")}T09:00:00+07:00`,
          categories: `[${CATEGORIES[i % 3]}]`,
          tags: `[tag-${i % 5}]`,
          partner: ["prnewswire", "globenewswire"][i % 2] as string,
          images,
        },
        `Paragraph one of release ${i} about a fictional company.\n\nParagraph two.`,
      );
    }
    await writeFiles(articlesDir, files);
  }, 60_000);

  it("writes the same site, byte for byte, as one process (photos from a cold cache, search index included)", async () => {
    const one = await runBuild(
      await writeFixtureConfig(articlesDir, NOW, path.join(work, "cache-1")),
      path.join(work, "site-1"),
      {},
      ["--jobs", "1"],
    );
    expect(one.code, one.stderr).toBe(0);
    const three = await runBuild(
      await writeFixtureConfig(articlesDir, NOW, path.join(work, "cache-3")),
      path.join(work, "site-3"),
      {},
      ["--jobs", "3"],
    );
    expect(three.code, three.stderr).toBe(0);
    const expected = await readTree(path.join(work, "site-1"));
    const actual = await readTree(path.join(work, "site-3"));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    expect([...expected.keys()].some((file) => file.startsWith("pagefind/"))).toBe(true);
    expect([...expected.keys()].filter((file) => file.startsWith("photos/")).length).toBeGreaterThanOrEqual(6);
    const different = [...expected]
      .filter(([file, content]) => !content.equals(actual.get(file) as Buffer))
      .map(([file]) => file);
    expect(different).toEqual([]);
    // Each photo was encoded once, by one process, into the cache the shards share.
    expect((await readdir(path.join(work, "cache-3"))).sort()).toEqual(
      (await readdir(path.join(work, "cache-1"))).sort(),
    );
  }, 120_000);

  it("fails as a whole when one shard fails: the message names the file, and nothing is left behind", async () => {
    const broken = path.join(work, "broken-articles");
    await writeFiles(broken, {
      "good.md": article({ title: "Good" }),
      "bad.md": article({ title: "Bad", partner: "nowire" }),
    });
    const result = await runBuild(
      await writeFixtureConfig(broken, NOW, path.join(work, "cache-broken")),
      path.join(work, "site-broken"),
      {},
      ["--jobs", "2"],
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("bad.md");
    expect(result.stderr).toContain("`partner`");
    expect(result.stderr).toContain("The build failed; ");
    expect((await readdir(work)).filter((name) => name.startsWith("site-broken"))).toEqual([]);
  }, 120_000);

  it("refuses a --jobs that is not a whole number of processes", async () => {
    const result = await runBuild(await writeFixtureConfig(articlesDir, NOW), path.join(work, "site-x"), {}, [
      "--jobs",
      "two",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--jobs: expected a whole number of processes from 1 to 64, found "two"');
  }, 60_000);
});
