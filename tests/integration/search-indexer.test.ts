import { execFileSync } from "node:child_process";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeIndexFiles } from "../../src/lib/search/search-index.ts";
import { startSearchIndexer, stopSearchIndexers, type IndexerTask } from "../../src/lib/search/search-indexer.ts";
import { planSearchIndex } from "../../src/lib/search/search-plan.ts";
import { tempDir } from "../helpers/fixture-site.ts";

/** A task for the articles `titles` (newest first, two per segment), and the segments whose items the indexer asked for. */
async function task(
  titles: string[],
  options: { folder?: string; cacheDir?: string; previousIndex?: string } = {},
): Promise<{ task: IndexerTask; asked: string[] }> {
  const work = await tempDir("indexer");
  const plan = planSearchIndex({
    items: titles,
    url: (title) => `/news/${title.toLowerCase().replace(/\W+/g, "-")}/`,
    unrendered: (title) => ({
      url: `/news/${title.toLowerCase().replace(/\W+/g, "-")}/`,
      language: "en",
      meta: { title, Date: "Oct. 1, 2023", Partner: "Wire" },
      filters: {},
      before: "",
      after: `\n${title}`,
    }),
    body: (title) => ({ sha256: `sha of ${title}`, markdown: () => `The body of *${title}*.` }),
    maxArticles: 2,
    key: "settings",
  });
  const asked: string[] = [];
  return {
    asked,
    task: {
      job: {
        folder: options.folder ?? path.join(work, "index"),
        segments: plan.segments,
        ...(options.cacheDir
          ? {
              cache: {
                dir: options.cacheDir,
                codeDigest: "code",
                ...(options.previousIndex ? { previousIndex: options.previousIndex } : {}),
              },
            }
          : {}),
      },
      items: (segment) => {
        asked.push(segment);
        return plan.items(segment);
      },
    },
  };
}

describe("the search indexer process", () => {
  it("writes a Pagefind index of the published articles into its folder", async () => {
    const { task: given, asked } = await task(["Fictional Ferries adds a route"]);
    await startSearchIndexer(given);
    const files = await readdir(given.job.folder, { recursive: true });
    expect(files).toContain("pagefind-entry.json");
    expect(files.filter((file) => String(file).startsWith("fragment/"))).toHaveLength(1);
    expect(asked).toEqual([given.job.segments[0]!.id]);
  }, 60_000);

  it("runs with Pagefind at the lowest CPU priority in the background (a preview), at the normal one otherwise", async () => {
    const niceness = async (background: boolean) => {
      const { task: given } = await task(["Fictional Ferries adds a route", "Fictional Ferries adds a second route"]);
      const seen = { indexer: new Set<number>(), pagefind: new Set<number>() };
      let running = true;
      const done = startSearchIndexer(given, { background }).finally(() => (running = false));
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

  it("asks for no items when every segment is the previous build's, and links them all", async () => {
    const cacheDir = await tempDir("indexer-cache");
    const titles = ["Ferries", "Harbours", "Lighthouses"];
    const first = await task(titles, { cacheDir });
    await startSearchIndexer(first.task);
    expect(first.asked).toHaveLength(first.task.job.segments.length);
    const second = await task(titles, { cacheDir, previousIndex: first.task.job.folder });
    await startSearchIndexer(second.task);
    expect(second.asked).toEqual([]);
    expect((await readdir(second.task.job.folder, { recursive: true })).map(String).sort()).toEqual(
      (await readdir(first.task.job.folder, { recursive: true })).map(String).sort(),
    );
    // A new release changes the newest segment only: the indexer asks for it alone.
    const third = await task(["Quays", ...titles], { cacheDir, previousIndex: second.task.job.folder });
    await startSearchIndexer(third.task);
    expect(third.asked).toEqual([third.task.job.segments[0]!.id]);
  }, 60_000);

  it("fails with the build's reason when the build cannot give a segment's items", async () => {
    const { task: given } = await task(["Ferries"]);
    const failing: IndexerTask = {
      ...given,
      items: () => {
        throw new Error("articles/a.md changed while the build was reading it");
      },
    };
    await expect(startSearchIndexer(failing)).rejects.toThrow(
      "The search index could not be built: articles/a.md changed while the build was reading it",
    );
  }, 60_000);

  it("fails with the reason when the index cannot be written", async () => {
    const work = await tempDir("indexer-file");
    await writeFile(path.join(work, "not-a-folder"), "x");
    const { task: given } = await task(["Ferries"], { folder: path.join(work, "not-a-folder", "index") });
    await expect(startSearchIndexer(given)).rejects.toThrow(/^The search index could not be built: .*(ENOTDIR|EEXIST)/);
  }, 60_000);

  it("says it was stopped when a failed or overtaken build stops it while it indexes", async () => {
    const { task: given } = await task(["Ferries"]);
    await mkdir(given.job.folder, { recursive: true });
    await writeFile(path.join(given.job.folder, "half-written.pf_fragment"), "x");
    let stopping: Promise<void> | undefined;
    const stoppedWhileIndexing: IndexerTask = {
      ...given,
      items: (segment) => {
        stopping = stopSearchIndexers();
        return given.items(segment);
      },
    };
    await expect(startSearchIndexer(stoppedWhileIndexing)).rejects.toThrow("The search indexer stopped (SIGTERM)");
    await stopping;
    // Nothing half-written is left beside the output.
    await expect(readdir(given.job.folder)).rejects.toThrow("ENOENT");
  }, 60_000);

  it("never starts when its build is stopped while it still plans the index", async () => {
    const { task: given } = await task(["Ferries"]);
    let plan: (task: IndexerTask) => void = () => undefined;
    const starting = startSearchIndexer(new Promise<IndexerTask>((resolve) => (plan = resolve)));
    await stopSearchIndexers();
    plan(given);
    await expect(starting).rejects.toThrow("The search indexer stopped (SIGTERM)");
    await expect(readdir(given.job.folder)).rejects.toThrow("ENOENT");
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
