import { cp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { identify, isFileIdentity, sha256, stillTheSame } from "../../../src/lib/core/file-identity.ts";
import { tempDir } from "../../helpers/fixture-site.ts";

describe("file identity", () => {
  it("knows a file by inode and time, or else by its bytes; a changed or missing file is not the same", async () => {
    const dir = await tempDir("identity");
    const file = path.join(dir, "page.html");
    await writeFile(file, "<p>one</p>");
    const known = await identify(file, sha256("<p>one</p>"));
    expect(isFileIdentity(known)).toBe(true);
    expect(await stillTheSame(file, known)).toBe(known);

    // Copied elsewhere: a new inode, the same bytes.
    const copy = path.join(dir, "copy.html");
    await cp(file, copy);
    const copied = await stillTheSame(copy, known);
    expect(copied?.sha256).toBe(known.sha256);
    expect(copied?.ino).not.toBe(known.ino);

    // The same size, other bytes; then gone.
    await writeFile(file, "<p>two</p>");
    expect(await stillTheSame(file, known)).toBeUndefined();
    await rm(file);
    expect(await stillTheSame(file, known)).toBeUndefined();
    expect(isFileIdentity({ ...known, size: "10" })).toBe(false);
    expect(isFileIdentity(null)).toBe(false);
  });
});
