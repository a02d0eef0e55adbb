import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tidyAbandonedBuilds } from "../../src/lib/build/atomic-output.ts";
import { article, buildFixture, smallPhoto, tempDir, writeFiles } from "../helpers/fixture-site.ts";
import { runBuild, writeFixtureConfig } from "../helpers/run-build.ts";

describe("npm run build (scripts/build.ts)", () => {
  it("swaps in a complete build, keeps the previous output when a build fails, and drops deleted articles", async () => {
    const root = await tempDir("atomic");
    const articlesDir = path.join(root, "articles");
    const output = path.join(root, "_site");
    await writeFiles(articlesDir, {
      "keep.md": article({ title: "Keep me", images: "[{ src: keep.jpg, alt: K }]" }),
      "keep.jpg": await smallPhoto(200, 120, "#224466"),
      "remove.md": article({ title: "Remove me", date: "2023-10-01" }),
    });
    const config = await writeFixtureConfig(articlesDir, "2023-10-30T00:00:00+07:00");

    const first = await runBuild(config, output);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(await readFile(path.join(output, "news/2023/10/keep/index.html"), "utf8")).toContain("Keep me");
    await writeFile(path.join(output, "marker.txt"), "from the first build");

    await writeFile(path.join(articlesDir, "broken.md"), article({ partner: "unknown-wire" }));
    const failed = await runBuild(config, output);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      '`partner`: expected the id of a configured partner (prnewswire, globenewswire), found "unknown-wire"',
    );
    expect(failed.stderr).toContain("The build failed; ");
    expect(failed.stderr).not.toMatch(/\n\s+at /); // no stack trace for a user's mistake
    expect(await readFile(path.join(output, "marker.txt"), "utf8")).toBe("from the first build");
    expect(await readdir(root)).toEqual(expect.not.arrayContaining([expect.stringMatching(/staging|previous/)]));

    await rm(path.join(articlesDir, "broken.md"));
    await rm(path.join(articlesDir, "remove.md"));
    // A URL the last build published does not vanish unless the operator says so.
    const refused = await runBuild(config, output);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "Cannot build: published URLs would disappear without a redirect or a withdrawal (1 problem):",
    );
    expect(refused.stderr).toMatch(
      /found \/news\/2023\/10\/remove\/, published by the last build from \S*articles\/remove\.md, is gone/,
    );
    expect(refused.stderr).toContain("or let it go with --allow-removed /news/2023/10/remove/");
    const third = await runBuild(config, output, {}, ["--allow-removed", "/news/2023/10/remove/"]);
    expect(third.stderr).toBe("");
    expect(third.code).toBe(0);
    const files = (await readdir(output, { recursive: true })).map(String);
    expect(files).not.toContain("marker.txt");
    expect(files).toContain(path.join("news", "2023", "10", "keep", "index.html"));
    expect(files.some((f) => f.includes("remove"))).toBe(false);
    expect(files.filter((f) => f.startsWith(`photos${path.sep}`))).toHaveLength(3);
    expect((await readdir(root)).sort()).toEqual(["_site", "articles"]);
  });

  it("tidies what a killed build left beside the output, and leaves what a running build owns", async () => {
    const root = await tempDir("tidy");
    const articlesDir = path.join(root, "articles");
    const output = path.join(root, "_site");
    await writeFiles(articlesDir, { "one.md": article({ title: "After the crash" }) });
    const config = await writeFixtureConfig(articlesDir, "2023-10-30T00:00:00+07:00");
    await writeFiles(root, {
      "_site/index.html": "the last deployed site",
      [`_site.staging-${DEAD}/index.html`]: "half a build",
      [`_site.staging-${DEAD}.articles`]: "a snapshot",
      [`_site.staging-${DEAD}.pagefind-${DEAD + 1}/pagefind.js`]: "half an index",
      [`_site.previous-${DEAD}/index.html`]: "an older site",
      [`_site.removing-${DEAD}/index.html`]: "an old site whose deletion was stopped",
      [`_site.staging-${process.pid}/index.html`]: "a build still running",
      [`_site.removing-${process.pid}/index.html`]: "an old site still being deleted",
      [`_site.staging-${DEAD}.pagefind-${process.pid}/pagefind.js`]: "an index still being written",
      "_site.staging-notes.txt": "not a build's",
    });

    const result = await runBuild(config, output);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `[dateline] Tidied what an interrupted build left beside the output: _site.previous-${DEAD}, _site.removing-${DEAD}, _site.staging-${DEAD}, _site.staging-${DEAD}.articles, _site.staging-${DEAD}.pagefind-${DEAD + 1}`,
    );
    expect((await readdir(root)).sort()).toEqual(
      [
        "_site",
        `_site.removing-${process.pid}`,
        `_site.staging-${DEAD}.pagefind-${process.pid}`,
        `_site.staging-${process.pid}`,
        "_site.staging-notes.txt",
        "articles",
      ].sort(),
    );
    expect(await readFile(path.join(output, "index.html"), "utf8")).toContain("After the crash");
  });
});

describe("what interrupted builds leave beside the output", () => {
  it("puts the previous site back when a build was killed between moving it aside and swapping in the new one", async () => {
    const root = await tempDir("tidy-swap");
    await writeFiles(root, {
      [`_site.previous-${DEAD}/index.html`]: "the last complete site",
      [`_site.previous-${DEAD + 1}/index.html`]: "an older one",
      [`_site.staging-${DEAD}/index.html`]: "the new site, never swapped in",
    });
    const said: string[] = [];
    const tidied = await tidyAbandonedBuilds(path.join(root, "_site"), { say: (message) => said.push(message) });
    expect(tidied).toEqual([
      `_site.previous-${DEAD} (put back as _site)`,
      `_site.previous-${DEAD + 1}`,
      `_site.staging-${DEAD}`,
    ]);
    expect(said).toEqual([`[dateline] Tidied what an interrupted build left beside the output: ${tidied.join(", ")}`]);
    expect((await readdir(root)).sort()).toEqual(["_site"]);
    expect(await readFile(path.join(root, "_site/index.html"), "utf8")).toBe("the last complete site");
    // Nothing to tidy, or no folder yet: nothing said.
    expect(await tidyAbandonedBuilds(path.join(root, "_site"), { say: (message) => said.push(message) })).toEqual([]);
    expect(
      await tidyAbandonedBuilds(path.join(root, "not-yet", "_site"), { say: (message) => said.push(message) }),
    ).toEqual([]);
    expect(said).toHaveLength(1);
  });

  it("a build through Eleventy removes the search index folder a stopped preview left beside its output", async () => {
    const articlesDir = await tempDir("tidy-preview-articles");
    await writeFiles(articlesDir, { "one.md": article() });
    const parent = await tempDir("tidy-preview");
    const outDir = path.join(parent, "preview");
    await mkdir(`${outDir}.pagefind-${DEAD}`);
    await writeFile(path.join(`${outDir}.pagefind-${DEAD}`, "pagefind.js"), "stale");
    await buildFixture({ articlesDir, outDir });
    expect((await readdir(parent)).sort()).toEqual(["preview"]);
  });
});

/** A process id no process has (above the kernel's largest). */
const DEAD = 999_999_990;
