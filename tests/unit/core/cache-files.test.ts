import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { linkOrCopy, writeFileAtomically } from "../../../src/lib/core/cache-files.ts";
import { tempDir } from "../../helpers/fixture-site.ts";

describe("cache files", () => {
  it("links a file (the same inode), and refuses a target that exists", async () => {
    const dir = await tempDir("cache-files");
    await writeFile(path.join(dir, "a"), "bytes");
    expect(await linkOrCopy(path.join(dir, "a"), path.join(dir, "b"))).toBe(true);
    expect((await stat(path.join(dir, "b"))).ino).toBe((await stat(path.join(dir, "a"))).ino);
    await expect(linkOrCopy(path.join(dir, "a"), path.join(dir, "b"))).rejects.toThrow(/EEXIST/);
  });

  it("writes a file whole into a folder it makes, leaving no temporary file", async () => {
    const dir = await tempDir("cache-files");
    const file = path.join(dir, "deeper", "manifest.json");
    await writeFileAtomically(file, "{}");
    await writeFileAtomically(file, '{"a":1}');
    expect(await readFile(file, "utf8")).toBe('{"a":1}');
    expect(await readdir(path.dirname(file))).toEqual(["manifest.json"]);
  });
});
