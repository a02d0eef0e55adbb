import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isInside, realPathOutside } from "../../../src/lib/core/paths.ts";
import { tempDir } from "../../helpers/fixture-site.ts";

describe("isInside", () => {
  it("tells a path under a folder from one that leaves it", () => {
    expect(isInside("/site/articles", "/site/articles/2023/a.md")).toBe(true);
    expect(isInside("/site/articles", "/site/articles")).toBe(true);
    expect(isInside("/site/articles", "/site/articles/..foo/a.jpg")).toBe(true);
    expect(isInside("/site/articles", "/site/other/a.md")).toBe(false);
    expect(isInside("/site/articles", "/site")).toBe(false);
  });
});

describe("realPathOutside", () => {
  it("names where a link out of the folder leads, and passes files and links that stay inside", async () => {
    const root = await tempDir("paths");
    const outside = await tempDir("paths-outside");
    await mkdir(path.join(root, "sub"));
    await writeFile(path.join(root, "sub", "own.jpg"), "x");
    await writeFile(path.join(outside, "secret.jpg"), "x");
    await symlink(path.join(root, "sub", "own.jpg"), path.join(root, "inside-link.jpg"));
    await symlink(path.join(outside, "secret.jpg"), path.join(root, "leak.jpg"));
    expect(await realPathOutside(path.join(root, "sub", "own.jpg"), root)).toBeUndefined();
    expect(await realPathOutside(path.join(root, "inside-link.jpg"), root)).toBeUndefined();
    expect(await realPathOutside(path.join(root, "missing.jpg"), root)).toBeUndefined();
    expect(await realPathOutside(path.join(root, "leak.jpg"), root)).toMatch(/secret\.jpg$/);
  });
});
