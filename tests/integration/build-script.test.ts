import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { article, smallPhoto, tempDir, writeFiles } from "../helpers/fixture-site.ts";
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
    expect(failed.stderr).toContain('`partner`: expected the id of a configured partner (prnewswire, globenewswire), found "unknown-wire"');
    expect(failed.stderr).toContain("The build failed; ");
    expect(failed.stderr).not.toMatch(/\n\s+at /); // no stack trace for a user's mistake
    expect(await readFile(path.join(output, "marker.txt"), "utf8")).toBe("from the first build");
    expect(await readdir(root)).toEqual(expect.not.arrayContaining([expect.stringMatching(/staging|previous/)]));

    await rm(path.join(articlesDir, "broken.md"));
    await rm(path.join(articlesDir, "remove.md"));
    const third = await runBuild(config, output);
    expect(third.code).toBe(0);
    const files = (await readdir(output, { recursive: true })).map(String);
    expect(files).not.toContain("marker.txt");
    expect(files).toContain(path.join("news", "2023", "10", "keep", "index.html"));
    expect(files.some((f) => f.includes("remove"))).toBe(false);
    expect(files.filter((f) => f.startsWith(`photos${path.sep}`))).toHaveLength(3);
    expect((await readdir(root)).sort()).toEqual(["_site", "articles"]);
  });
});
