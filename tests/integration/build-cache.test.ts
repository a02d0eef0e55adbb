import { createHash } from "node:crypto";
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { article, company, tempDir, writeFiles } from "../helpers/fixture-site.ts";
import { runBuild } from "../helpers/run-build.ts";

const root = process.cwd();

/**
 * The build cache across deploys (README, "Keeping the build cache between deploys"): a CI
 * machine checks the project out afresh, at a path of its own, and restores `.cache/` and
 * `_site/` from the last deploy. The next `npm run build -- --verify` reuses the pages it can,
 * and proves they are what a clean build writes.
 */
async function project(folder: string): Promise<void> {
  await Promise.all([
    cp(path.join(root, "layouts"), path.join(folder, "layouts"), { recursive: true }),
    cp(path.join(root, "assets"), path.join(folder, "assets"), { recursive: true }),
  ]);
  await writeFiles(folder, {
    // The project's own config, with the default cache folders (`.cache/build`, `.cache/photos`).
    "dateline.config.mts":
      `import { configureDateline } from ${JSON.stringify(path.join(root, "eleventy.config.ts"))};\n` +
      `import { fixturePartners, fixtureSite } from ${JSON.stringify(path.join(root, "tests/helpers/fixture-site.ts"))};\n` +
      `export default configureDateline({ site: fixtureSite, partners: fixturePartners, articlesDir: "articles", companiesDir: "companies", photoCacheDir: ".cache/photos", now: "2023-11-01T00:00:00+07:00" });\n`,
    "companies/kiln-works.md": company({ name: "Kiln Works" }),
    "articles/2023/10/kiln-opens.md": article({ title: "Kiln Works opens a kiln", companies: "[Kiln Works]" }),
    "articles/2023/10/kiln-expands.md": article({
      title: "Kiln Works expands",
      date: "2023-10-20T09:00:00+07:00",
      companies: "[Kiln Works]",
    }),
    "articles/2023/09/older.md": article({ title: "An older release", date: "2023-09-20T09:00:00+07:00" }),
  });
}

const build = (folder: string, args: string[] = []) => runBuild("dateline.config.mts", "_site", {}, args, folder);

const pages = (stdout: string) => {
  const match = /\[dateline\] pages: (\d+) rendered, (\d+) reused/.exec(stdout);
  return match ? { rendered: Number(match[1]), reused: Number(match[2]) } : undefined;
};

describe("the build cache across deploys", () => {
  it("restored into a fresh checkout at another path, gives an incremental build that --verify finds identical", async () => {
    const first = await tempDir("deploy-a");
    await project(first);
    const cold = await build(first);
    expect(cold.stderr).toBe("");
    expect(pages(cold.stdout)).toMatchObject({ reused: 0 });

    // The next deploy: a fresh checkout elsewhere, with the two cached folders restored.
    const second = await tempDir("deploy-b");
    await project(second);
    await cp(path.join(first, ".cache"), path.join(second, ".cache"), { recursive: true });
    await cp(path.join(first, "_site"), path.join(second, "_site"), { recursive: true });
    await writeFiles(second, {
      "articles/2023/10/kiln-hires.md": article({ title: "Kiln Works hires", date: "2023-10-28T09:00:00+07:00" }),
    });
    const incremental = await build(second, ["--verify"]);
    expect(incremental.stderr).toBe("");
    expect(incremental.stdout).toMatch(/\[dateline\] search: 1 of 1 segments indexed, 0 reused/);
    expect(incremental.code).toBe(0);
    const counts = pages(incremental.stdout);
    expect(counts?.rendered).toBeGreaterThan(0);
    expect(counts?.reused).toBeGreaterThan(0);
    expect(incremental.stdout).toContain(
      "[dateline] --verify: the incremental build is identical to a clean build, file by file",
    );
    expect(await readFile(path.join(second, "_site/news/2023/10/kiln-hires/index.html"), "utf8")).toContain(
      "Kiln Works hires",
    );

    // A layout changed: every page it may draw is rendered again, and still matches a clean build.
    const layout = path.join(second, "layouts/article.njk");
    await writeFile(layout, (await readFile(layout, "utf8")).replace("<article", '<article data-layout="2"'));
    const relaid = await build(second, ["--verify"]);
    expect(relaid.stderr).toBe("");
    expect(pages(relaid.stdout)).toMatchObject({ reused: 0 });
    // Search records draw nothing from layouts: the index is reused whole.
    expect(relaid.stdout).toMatch(
      /\[dateline\] search: 0 of (\d+) segments indexed, \1 reused from the previous build/,
    );
    expect(await readFile(path.join(second, "_site/news/2023/09/older/index.html"), "utf8")).toContain(
      'data-layout="2"',
    );
  });

  it("a site too large for one process's full render: reused in one process, in shards once a change renders too many pages", async () => {
    const folder = await tempDir("render-limit");
    await project(folder);
    expect((await build(folder)).code).toBe(0);
    // Lowered from one process's share of a large site (25 000 pages) to this site's size.
    const limited = (limit: number) =>
      runBuild("dateline.config.mts", "_site", { DATELINE_RENDER_LIMIT: String(limit) }, ["--verify"], folder);

    await writeFiles(folder, {
      "articles/2023/10/kiln-hires.md": article({ title: "Kiln Works hires", date: "2023-10-28T09:00:00+07:00" }),
    });
    const few = await limited(1000);
    expect(few.stderr).toBe("");
    expect(few.stdout).not.toContain("of its own instead");
    expect(pages(few.stdout)?.reused).toBeGreaterThan(0);

    await writeFiles(folder, {
      "articles/2023/10/kiln-fires.md": article({ title: "Kiln Works fires", date: "2023-10-29T09:00:00+07:00" }),
    });
    const many = await limited(2);
    expect(many.code).toBe(0);
    expect(many.stdout).toMatch(
      /\[dateline\] at least \d+ pages are rendered again, more than one process renders: building in 1 process of its own instead/,
    );
    expect(many.stdout).toContain("the incremental build is identical to a clean build");
    expect(await readFile(path.join(folder, "_site/news/2023/10/kiln-fires/index.html"), "utf8")).toContain(
      "Kiln Works fires",
    );

    // Told before any article is read: a layout changed, so every page is rendered.
    const layout = path.join(folder, "layouts/article.njk");
    await writeFile(layout, (await readFile(layout, "utf8")).replace("<article", '<article data-layout="2"'));
    const relaid = await limited(1000);
    expect(relaid.code).toBe(0);
    expect(relaid.stdout).toContain(
      "[dateline] every page is rendered: the page cache holds none made by this version of Dateline's code, layouts, assets and settings: building in 1 process of its own instead",
    );
    // Quietly: a fallback, not a failure.
    expect(many.stderr).toBe("");
    expect(relaid.stderr).toBe("");
  });

  it("--verify refuses a site that differs from a clean build, names the files and keeps the last site", async () => {
    const folder = await tempDir("verify");
    await project(folder);
    expect((await build(folder)).code).toBe(0);
    // A published page edited in place, and the cache made to agree (as a cache restored from
    // the wrong deploy could): the incremental build reuses it; only a comparison finds it.
    const page = path.join(folder, "_site/news/2023/09/older/index.html");
    const edited = (await readFile(page, "utf8")).replace("An older release", "An OLDER release");
    await writeFile(page, edited);
    const manifestFile = path.join(folder, ".cache/build/pages-1-of-1.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8")) as { pages: Record<string, { sha256: string }> };
    const entry = manifest.pages["news/2023/09/older/index.html"];
    expect(entry).toBeDefined();
    (entry as { sha256: string }).sha256 = createHash("sha256").update(edited).digest("hex");
    await writeFile(manifestFile, JSON.stringify(manifest));

    const verified = await build(folder, ["--verify"]);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toMatch(
      /--verify: expected the incremental build identical to a clean build, found \d+ files? differing: [^\n]*news\/2023\/09\/older\/index\.html[^\n]*\. Please report it; build with DATELINE_PAGE_CACHE=off until it is fixed\./,
    );
    expect(verified.stderr).toContain("The build failed; _site/ was left as it was.");
    expect(await readFile(page, "utf8")).toContain("An OLDER release");

    // Without the cache the build renders every page, and the site is whole again.
    const repaired = await runBuild("dateline.config.mts", "_site", { DATELINE_PAGE_CACHE: "off" }, [], folder);
    expect(repaired.code).toBe(0);
    expect(await readFile(page, "utf8")).toContain("An older release");
  });
});
