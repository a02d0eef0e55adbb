import { link, mkdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { differingFiles } from "../../../src/lib/build/compare-trees.ts";
import { tempDir, writeFiles } from "../../helpers/fixture-site.ts";

describe("differingFiles", () => {
  it("lists the files only one folder holds, those whose bytes differ, and the folders only one holds", async () => {
    const a = await tempDir("compare-a");
    const b = await tempDir("compare-b");
    await writeFiles(a, {
      "same/index.html": "same",
      "changed/index.html": "old",
      "only-a/index.html": "a",
      "linked.html": "one file",
    });
    await writeFiles(b, { "same/index.html": "same", "changed/index.html": "new", "only-b.xml": "b" });
    await link(path.join(a, "linked.html"), path.join(b, "linked.html"));
    await mkdir(path.join(b, "empty", "left"), { recursive: true });
    expect(await differingFiles(a, b)).toEqual([
      "changed/index.html",
      "empty/",
      "empty/left/",
      "only-a/",
      "only-a/index.html",
      "only-b.xml",
    ]);
    expect(await differingFiles(a, a)).toEqual([]);
  });
});
