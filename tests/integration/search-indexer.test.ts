import { execFileSync } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeIndexFiles } from "../../src/lib/search/search-index.ts";
import {
  startSearchIndexer,
  stopSearchIndexers,
  type IndexerTask,
  type SearchIndexJob,
} from "../../src/lib/search/search-indexer.ts";
import { planSearchIndex } from "../../src/lib/search/search-plan.ts";
import { tempDir } from "../helpers/fixture-site.ts";

/** The job and plan for the articles `titles` (newest first, two per segment), and the segments whose items the indexer asked for. */
async function indexing(
  titles: string[],
  options: { folder?: string; cacheDir?: string; previousIndex?: string } = {},
): Promise<{ job: SearchIndexJob; task: IndexerTask; asked: string[] }> {
  const work = await tempDir("indexer");
  const url = (title: string) => `/news/${title.toLowerCase().replace(/\W+/g, "-")}/`;
  const plan = planSearchIndex({
    items: titles,
    url,
    unrendered: (title) => ({
      url: url(title),
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
  const { cacheDir, previousIndex } = options;
  return {
    asked,
    job: {
      folder: options.folder ?? path.join(work, "index"),
      ...(cacheDir
        ? { cache: { dir: cacheDir, codeDigest: "code", ...(previousIndex ? { previousIndex } : {}) } }
        : {}),
    },
    task: {
      segments: plan.segments,
      items: (segment) => {
        asked.push(segment);
        return plan.items(segment);
      },
    },
  };
}

/** Whether a child of this process runs the indexer. */
function indexerRunning(): boolean {
  return execFileSync("ps", ["-eo", "ppid=,args="], { encoding: "utf8" })
    .split("\n")
    .some((line) => line.trim().startsWith(`${process.pid} `) && line.includes("search-indexer-process"));
}

describe("the search indexer process", () => {
  it("writes a Pagefind index of the planned articles into its folder, asking for the segment it indexes", async () => {
    const { job, task, asked } = await indexing(["Fictional Ferries adds a route"]);
    await startSearchIndexer(job, task);
    const files = await readdir(job.folder, { recursive: true });
    expect(files).toContain("pagefind-entry.json");
    expect(files.filter((file) => String(file).startsWith("fragment/"))).toHaveLength(1);
    expect(asked).toEqual([task.segments[0]!.id]);
  }, 60_000);

  it("starts before the plan is known, and indexes once it comes", async () => {
    const { job, task } = await indexing(["Ferries"]);
    let plan: (task: IndexerTask) => void = () => undefined;
    const done = startSearchIndexer(job, new Promise<IndexerTask>((resolve) => (plan = resolve)));
    expect(indexerRunning()).toBe(true);
    plan(task);
    await done;
    expect(await readdir(job.folder)).toContain("pagefind-entry.json");
  }, 60_000);

  it("runs with Pagefind at the lowest CPU priority in the background (a preview), at the normal one otherwise", async () => {
    const niceness = async (background: boolean) => {
      const { job, task } = await indexing(["Fictional Ferries adds a route", "Fictional Ferries adds a second route"]);
      const seen = { indexer: new Set<number>(), pagefind: new Set<number>() };
      let running = true;
      const done = startSearchIndexer(job, task, { background }).finally(() => (running = false));
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
    const first = await indexing(titles, { cacheDir });
    await startSearchIndexer(first.job, first.task);
    expect(first.asked).toHaveLength(first.task.segments.length);
    const second = await indexing(titles, { cacheDir, previousIndex: first.job.folder });
    await startSearchIndexer(second.job, second.task);
    expect(second.asked).toEqual([]);
    expect((await readdir(second.job.folder, { recursive: true })).map(String).sort()).toEqual(
      (await readdir(first.job.folder, { recursive: true })).map(String).sort(),
    );
    // A new release changes the newest segment only: the indexer asks for it alone.
    const third = await indexing(["Quays", ...titles], { cacheDir, previousIndex: second.job.folder });
    await startSearchIndexer(third.job, third.task);
    expect(third.asked).toEqual([third.task.segments[0]!.id]);
  }, 60_000);

  it("asks for a segment's items when the previous site's files of a segment it meant to reuse changed", async () => {
    const cacheDir = await tempDir("indexer-cache-damaged");
    const titles = ["Ferries", "Harbours", "Lighthouses"];
    const first = await indexing(titles, { cacheDir });
    await startSearchIndexer(first.job, first.task);
    const oldest = first.task.segments.at(-1)!;
    const [damaged] = (await readdir(path.join(first.job.folder, oldest.folder, "fragment"))).map(String);
    await writeFile(path.join(first.job.folder, oldest.folder, "fragment", damaged!), "damaged");
    const second = await indexing(titles, { cacheDir, previousIndex: first.job.folder });
    await startSearchIndexer(second.job, second.task);
    // Not handed over with the plan (its key was indexed), so asked for once the damage is found.
    expect(second.asked).toEqual([oldest.id]);
    expect(await readFile(path.join(second.job.folder, oldest.folder, "fragment", damaged!), "utf8")).not.toBe(
      "damaged",
    );
  }, 60_000);

  it("fails with the build's reason when the build cannot give a segment's items", async () => {
    const { job, task } = await indexing(["Ferries"]);
    const failing: IndexerTask = {
      ...task,
      items: () => {
        throw new Error("articles/a.md changed while the build was reading it");
      },
    };
    await expect(startSearchIndexer(job, failing)).rejects.toThrow(
      "The search index could not be built: articles/a.md changed while the build was reading it",
    );
  }, 60_000);

  it("fails with the build's reason, and stops, when the build cannot plan the index", async () => {
    const { job } = await indexing(["Ferries"]);
    await expect(startSearchIndexer(job, Promise.reject(new Error("two articles have the same URL")))).rejects.toThrow(
      "The search index could not be built: two articles have the same URL",
    );
    expect(indexerRunning()).toBe(false);
  }, 60_000);

  it("fails with the reason when the index cannot be written", async () => {
    const work = await tempDir("indexer-file");
    await writeFile(path.join(work, "not-a-folder"), "x");
    const { job, task } = await indexing(["Ferries"], { folder: path.join(work, "not-a-folder", "index") });
    await expect(startSearchIndexer(job, task)).rejects.toThrow(
      /^The search index could not be built: .*(ENOTDIR|EEXIST)/,
    );
  }, 60_000);

  it("says it was stopped when a failed or overtaken build stops it while it indexes", async () => {
    const { job, task } = await indexing(["Ferries"]);
    await mkdir(job.folder, { recursive: true });
    await writeFile(path.join(job.folder, "half-written.pf_fragment"), "x");
    let stopping: Promise<void> | undefined;
    const stoppedWhileIndexing: IndexerTask = {
      ...task,
      items: (segment) => {
        stopping = stopSearchIndexers();
        return task.items(segment);
      },
    };
    await expect(startSearchIndexer(job, stoppedWhileIndexing)).rejects.toThrow("The search indexer stopped (SIGTERM)");
    await stopping;
    // Nothing half-written is left beside the output.
    await expect(readdir(job.folder)).rejects.toThrow("ENOENT");
  }, 60_000);

  it("says it was stopped when its build is stopped before it has planned the index", async () => {
    const { job } = await indexing(["Ferries"]);
    const stopped = expect(startSearchIndexer(job, new Promise<IndexerTask>(() => undefined))).rejects.toThrow(
      "The search indexer stopped (SIGTERM)",
    );
    await stopSearchIndexers();
    await stopped;
    expect(indexerRunning()).toBe(false);
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
