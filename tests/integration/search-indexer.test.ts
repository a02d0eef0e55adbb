import { execFileSync } from "node:child_process";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validatePartners } from "../../src/lib/config/partners.ts";
import { writeIndexFiles } from "../../src/lib/search/search-index.ts";
import { startSearchIndexer, stopSearchIndexers, type SearchIndexJob } from "../../src/lib/search/search-indexer.ts";
import { validateSiteConfig } from "../../src/lib/config/site-config.ts";
import { article, fixturePartners, fixtureSite, tempDir, writeFiles } from "../helpers/fixture-site.ts";

async function job(files: Record<string, string>, folder?: string): Promise<SearchIndexJob> {
  const work = await tempDir("indexer");
  await writeFiles(path.join(work, "articles"), files);
  return {
    articlesDir: path.join(work, "articles"),
    displayRoot: work,
    site: validateSiteConfig(fixtureSite),
    partners: validatePartners(fixturePartners),
    now: "2024-01-01T00:00:00.000+07:00",
    includeUnpublished: false,
    folder: folder ?? path.join(work, "index"),
    segmentSize: 2500,
  };
}

describe("the search indexer process", () => {
  it("writes a Pagefind index of the published articles into its folder", async () => {
    const task = await job({
      "a.md": article({ title: "Fictional Ferries adds a route" }),
      "b.md": article({ title: "A draft", draft: "true" }),
    });
    await startSearchIndexer(task);
    const files = await readdir(task.folder, { recursive: true });
    expect(files).toContain("pagefind-entry.json");
    expect(files.filter((file) => String(file).startsWith("fragment/"))).toHaveLength(1);
  }, 60_000);

  it("runs with Pagefind at the lowest CPU priority in the background (a preview), at the normal one otherwise", async () => {
    const niceness = async (background: boolean) => {
      const task = await job({
        "a.md": article({ title: "Fictional Ferries adds a route" }),
        "b.md": article({ title: "Fictional Ferries adds a second route" }),
      });
      const seen = { indexer: new Set<number>(), pagefind: new Set<number>() };
      let running = true;
      const done = startSearchIndexer(task, undefined, { background }).finally(() => (running = false));
      while (running) {
        const processes = execFileSync("ps", ["-eo", "pid=,ppid=,ni=,args="], { encoding: "utf8" })
          .trim()
          .split("\n")
          .map((line) => line.trim().split(/\s+/));
        const indexers = processes.filter(
          ([, ppid, , ...args]) => Number(ppid) === process.pid && args.join(" ").includes("search-indexer-process"),
        );
        for (const [pid, , ni] of indexers) {
          seen.indexer.add(Number(ni));
          for (const [, ppid, childNi, command] of processes)
            if (ppid === pid && command?.includes("pagefind")) seen.pagefind.add(Number(childNi));
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await done;
      return { indexer: [...seen.indexer], pagefind: [...seen.pagefind] };
    };
    expect(await niceness(true)).toEqual({ indexer: [19], pagefind: [19] });
    expect(await niceness(false)).toEqual({ indexer: [0], pagefind: [0] });
  }, 60_000);

  it("fails with a clear message when the article files have problems", async () => {
    await expect(startSearchIndexer(await job({ "bad.md": article({ partner: "nowire" }) }))).rejects.toThrow(
      "The search index could not be built: the article files have a problem (the build lists them)",
    );
  }, 60_000);

  it("fails with the reason when the index cannot be written", async () => {
    const work = await tempDir("indexer-file");
    await writeFile(path.join(work, "not-a-folder"), "x");
    await expect(
      startSearchIndexer(await job({ "a.md": article() }, path.join(work, "not-a-folder", "index"))),
    ).rejects.toThrow(/^The search index could not be built: .*(ENOTDIR|EEXIST)/);
  }, 60_000);

  it("says it was stopped when a failed or overtaken build stops it", async () => {
    const task = await job({ "a.md": article() });
    await mkdir(task.folder, { recursive: true });
    await writeFile(path.join(task.folder, "half-written.pf_fragment"), "x");
    const stopped = expect(startSearchIndexer(task)).rejects.toThrow("The search indexer stopped (SIGTERM)");
    await stopSearchIndexers();
    await stopped;
    // Nothing half-written is left beside the output.
    await expect(readdir(task.folder)).rejects.toThrow("ENOENT");
  }, 60_000);
});

describe("writing the index files", () => {
  it("writes each file under the index folder and refuses a path that leaves it", async () => {
    const folder = path.join(await tempDir("index-files"), "index");
    await writeIndexFiles(folder, [
      { path: "fragment/a.pf_fragment", content: new Uint8Array([1, 2]) },
      { path: "pagefind-entry.json", content: new Uint8Array([123, 125]) },
    ]);
    expect((await readdir(folder, { recursive: true })).map(String).sort()).toEqual([
      "fragment",
      "fragment/a.pf_fragment",
      "pagefind-entry.json",
    ]);
    await expect(writeIndexFiles(folder, [{ path: "../escape.js", content: new Uint8Array([0]) }])).rejects.toThrow(
      "Pagefind asked to write outside its folder: ../escape.js",
    );
  });
});
