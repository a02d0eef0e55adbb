import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  identifyFilesInBackground,
  identityKey,
  LinkingThread,
  linkingSettled,
} from "../../../src/lib/core/link-files.ts";
import { tempDir } from "../../helpers/fixture-site.ts";

/** Resolves once `check` does not throw (what a thread does, seen from outside). */
async function waitFor(check: () => Promise<unknown>): Promise<void> {
  for (;;) {
    try {
      await check();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

/** Links `pairs` on a thread of its own, as a build hands them over all at once. */
function linkAll(pairs: ReadonlyArray<readonly [string, string]>): Promise<number[]> {
  const thread = new LinkingThread();
  thread.add(pairs);
  return thread.finish();
}

describe("linking files on a thread of its own", () => {
  it("links each file into folders it makes, the same inode", async () => {
    const dir = await tempDir("link-files");
    await writeFile(path.join(dir, "a.html"), "a");
    await writeFile(path.join(dir, "b.html"), "b");
    const pairs = [
      [path.join(dir, "a.html"), path.join(dir, "out", "news", "a", "index.html")],
      [path.join(dir, "b.html"), path.join(dir, "out", "news", "b", "index.html")],
    ] as const;
    const linking = linkAll(pairs);
    await linkingSettled();
    expect(await linking).toEqual([]);
    for (const [source, target] of pairs) expect((await stat(target)).ino).toBe((await stat(source)).ino);
  });

  it("copies where no link can be made (another file system), and says which", async (context) => {
    const dir = await tempDir("link-files-across");
    // /dev/shm is a memory file system: a link from the disk into it cannot be made.
    const other = await mkdtemp("/dev/shm/dateline-link-").catch(() => undefined);
    if (!other || (await stat(other)).dev === (await stat(dir)).dev) return context.skip();
    try {
      await writeFile(path.join(dir, "a.html"), "a");
      const target = path.join(other, "x", "index.html");
      expect(await linkAll([[path.join(dir, "a.html"), target]])).toEqual([0]);
      expect(await readFile(target, "utf8")).toBe("a");
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it("fails with the file system's reason", async () => {
    const dir = await tempDir("link-files-missing");
    await expect(linkAll([[path.join(dir, "missing.html"), path.join(dir, "out", "index.html")]])).rejects.toThrow(
      /ENOENT: no such file or directory, link '.*missing\.html'/,
    );
  });

  it("takes pairs as they come, and numbers the copied ones in the order they were added", async (context) => {
    const dir = await tempDir("link-files-stream");
    const other = await mkdtemp("/dev/shm/dateline-link-").catch(() => undefined);
    if (!other || (await stat(other)).dev === (await stat(dir)).dev) return context.skip();
    try {
      for (const name of ["a", "b", "c"]) await writeFile(path.join(dir, `${name}.html`), name);
      const thread = new LinkingThread();
      thread.add([[path.join(dir, "a.html"), path.join(dir, "out", "a", "index.html")]]);
      thread.add([]);
      thread.add([
        [path.join(dir, "b.html"), path.join(other, "b", "index.html")],
        [path.join(dir, "c.html"), path.join(dir, "out", "c", "index.html")],
      ]);
      expect(await thread.finish()).toEqual([1]);
      expect(await readFile(path.join(other, "b", "index.html"), "utf8")).toBe("b");
      expect((await stat(path.join(dir, "out", "c", "index.html"))).ino).toBe(
        (await stat(path.join(dir, "c.html"))).ino,
      );
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it("makes folders ahead of their files, and removes those left empty when it finishes", async () => {
    const dir = await tempDir("link-files-ahead");
    await writeFile(path.join(dir, "a.html"), "a");
    const out = path.join(dir, "out");
    const thread = new LinkingThread();
    thread.makeFolders([
      path.join(out, "news", "a"),
      path.join(out, "news", "gone"),
      path.join(out, "withdrawn", "deep", "page"),
      path.join(out, "rendered"),
    ]);
    thread.add([[path.join(dir, "a.html"), path.join(out, "news", "a", "index.html")]]);
    // Another writer (Eleventy rendering a page) fills a folder made ahead.
    await waitFor(() => stat(path.join(out, "rendered")));
    await writeFile(path.join(out, "rendered", "index.html"), "r");
    expect(await thread.finish()).toEqual([]);
    expect((await readdir(out, { recursive: true })).map(String).sort()).toEqual([
      "news",
      path.join("news", "a"),
      path.join("news", "a", "index.html"),
      "rendered",
      path.join("rendered", "index.html"),
    ]);
  });

  it("makes a target's folder again when another process of the build removed it as empty", async () => {
    const dir = await tempDir("link-files-removed");
    await writeFile(path.join(dir, "a.html"), "a");
    const folder = path.join(dir, "out", "a");
    const thread = new LinkingThread();
    thread.makeFolders([folder]);
    await waitFor(() => stat(folder));
    await rm(folder, { recursive: true });
    thread.add([[path.join(dir, "a.html"), path.join(folder, "index.html")]]);
    expect(await thread.finish()).toEqual([]);
    expect(await readFile(path.join(folder, "index.html"), "utf8")).toBe("a");
  });

  it("stops a thread still waiting for pairs when the build fails, so its folder can go", async () => {
    const dir = await tempDir("link-files-stopped");
    await writeFile(path.join(dir, "a.html"), "a");
    const thread = new LinkingThread();
    thread.add([[path.join(dir, "a.html"), path.join(dir, "out", "a", "index.html")]]);
    await linkingSettled();
    await expect(thread.finish()).rejects.toThrow("The linking thread stopped");
  });

  it("reads files' identities on a thread: size, device, inode and modification time; none for a folder or a missing file", async () => {
    const dir = await tempDir("identify-files");
    await writeFile(path.join(dir, "a.html"), "a");
    const keys = await identifyFilesInBackground([
      path.join(dir, "a.html"),
      path.join(dir, "missing.html"),
      dir,
      path.join(dir, "a.html", "below-a-file"),
    ]);
    expect(keys).toEqual([
      identityKey(await stat(path.join(dir, "a.html"), { bigint: true })),
      undefined,
      undefined,
      undefined,
    ]);
    expect(keys[0]).toMatch(/^1:\d+:\d+:\d+$/);
  });
});
