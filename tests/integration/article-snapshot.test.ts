import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { snapshotArticles } from "../../src/lib/content/article-snapshot.ts";
import { article, buildFixture, fixturePartners, fixtureSite, tempDir, writeFiles } from "../helpers/fixture-site.ts";
import { searchBuiltSite } from "../helpers/pagefind-query.ts";
import { runBuild, writeFixtureConfig } from "../helpers/run-build.ts";
import { BUILT_IN_SECTIONS } from "../../src/lib/config/sections.ts";

const NOW = "2024-02-01T00:00:00+07:00";

describe("a build that starts from the article snapshot", () => {
  let outDir: string;

  beforeAll(async () => {
    const root = await tempDir("from-snapshot");
    const articlesDir = path.join(root, "articles");
    await writeFiles(articlesDir, {
      "kept.md": article(
        { title: "Harbourside Cranes orders twelve electric cranes", date: "2024-01-10T09:00:00+07:00" },
        "Harbourside Cranes, a fictional company, placed the order.",
      ),
      "edited.md": article(
        { title: "Quillmoor Paper opens a recycling mill", date: "2024-01-12T09:00:00+07:00" },
        "Quillmoor Paper, a fictional company, opened the mill.",
      ),
    });
    const snapshot = path.join(root, "snapshot");
    await snapshotArticles(snapshot, {
      articlesDir,
      displayRoot: process.cwd(),
      timeZone: fixtureSite.timeZone as string,
      partners: fixturePartners,
      sections: BUILT_IN_SECTIONS,
    });
    // Saved by an editor after the snapshot: this build still shows what the snapshot holds.
    await writeFile(
      path.join(articlesDir, "edited.md"),
      article({ title: "Zanzibrook edit made mid-build", date: "2024-01-12T09:00:00+07:00" }),
    );
    ({ outDir } = await buildFixture({ articlesDir, now: NOW, articleSnapshot: snapshot }));
  }, 60_000);

  it("renders the pages from the snapshot", async () => {
    const pages = await readdir(path.join(outDir, "news", "2024", "01"), { withFileTypes: true });
    expect(
      pages
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort(),
    ).toEqual(["edited", "kept"]);
    const page = await readFile(path.join(outDir, "news", "2024", "01", "edited", "index.html"), "utf8");
    expect(page).toContain("<h1>Quillmoor Paper opens a recycling mill</h1>");
    expect(page).not.toContain("Zanzibrook");
  });

  it("indexes the snapshot for search, not the files", async () => {
    expect((await searchBuiltSite(outDir, "Quillmoor")).map((hit) => hit.title)).toEqual([
      "Quillmoor Paper opens a recycling mill",
    ]);
    expect(await searchBuiltSite(outDir, "Zanzibrook")).toEqual([]);
  });
});

describe("npm run build without its article snapshot", () => {
  // Configurations whose articles cannot be snapshotted: one whose reading fails, one that does
  // not say how to read them (a hand-made wrapper around Dateline's).
  it.each([
    [
      "reading fails",
      `Object.assign((config) => base(config), base, { articleReading: () => { throw new Error("the disk said no"); } })`,
      "the disk said no",
    ],
    [
      "no articleReading",
      `Object.assign((config) => base(config), { articlesDir: base.articlesDir })`,
      "wrapped.config.mts is not a Dateline configuration (configureDateline)",
    ],
  ])(
    "says so when %s, and each process reads the articles itself",
    async (_case, wrapper, reason) => {
      const root = await tempDir("no-snapshot");
      const articlesDir = path.join(root, "articles");
      await writeFiles(articlesDir, { "a.md": article({ title: "Read by the shard itself" }) });
      const fixture = await writeFixtureConfig(articlesDir, NOW);
      const config = path.join(path.dirname(fixture), "wrapped.config.mts");
      await writeFile(config, `import base from ${JSON.stringify(fixture)};\nexport default ${wrapper};\n`);
      const output = path.join(root, "site");
      const result = await runBuild(config, output, {}, ["--jobs", "2"]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(
        "[dateline] The article snapshot was not made (each process reads the articles itself): ",
      );
      expect(result.stderr).toContain(reason);
      expect(await readFile(path.join(output, "news", "2023", "10", "a", "index.html"), "utf8")).toContain(
        "<h1>Read by the shard itself</h1>",
      );
      expect((await readdir(root)).sort()).toEqual(["articles", "site"]);
    },
    120_000,
  );
});
