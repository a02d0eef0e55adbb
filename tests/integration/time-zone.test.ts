import path from "node:path";
import { describe, expect, it } from "vitest";
import { article, smallPhoto, tempDir, writeFiles } from "../helpers/fixture-site.ts";
import { readTree, runBuild, writeFixtureConfig } from "../helpers/run-build.ts";

describe("the same output anywhere", () => {
  it("is byte-identical under TZ=America/Los_Angeles and TZ=Asia/Tokyo and different locales", async () => {
    const root = await tempDir("tz");
    const articlesDir = path.join(root, "articles");
    await writeFiles(articlesDir, {
      // Dates near midnight in several zones, and a bare date.
      "late.md": article({ title: "Late", date: "2023-10-24T23:30:00-07:00", images: "[{ src: p.jpg, alt: P }]" }),
      "early.md": article({ title: "Early", date: "2023-10-25T00:30:00+09:00", updated: "2023-10-25T01:00:00+09:00" }),
      "bare.md": article({ title: "Bare", date: "2023-12-31" }),
      "p.jpg": await smallPhoto(200, 100, "#335577"),
    });
    const config = await writeFixtureConfig(articlesDir, "2024-01-01T00:00:00+07:00");
    const west = path.join(root, "west");
    const east = path.join(root, "east");
    const [a, b] = [
      await runBuild(config, west, { TZ: "America/Los_Angeles", LANG: "en_US.UTF-8", LC_ALL: "en_US.UTF-8" }),
      await runBuild(config, east, { TZ: "Asia/Tokyo", LANG: "ja_JP.UTF-8", LC_ALL: "ja_JP.UTF-8" }),
    ];
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    const westFiles = await readTree(west);
    const eastFiles = await readTree(east);
    expect([...westFiles.keys()].sort()).toEqual([...eastFiles.keys()].sort());
    for (const [name, content] of westFiles) expect(content.equals(eastFiles.get(name)!), name).toBe(true);
    // The dateline keeps the release's own offset (Oct. 24 in -07:00); the page's time is the site's.
    const late = westFiles.get(path.join("news", "2023", "10", "late", "index.html"))?.toString();
    expect(late).toContain("BEIJING, Oct. 24, 2023 /PRNewswire/ —");
    expect(late).toContain('<time datetime="2023-10-25T13:30:00+07:00">');
  });
});
