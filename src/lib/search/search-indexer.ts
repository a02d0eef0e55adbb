import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sendIfConnected } from "../core/ipc.ts";
import { readSearchCache } from "./search-segment-cache.ts";
import type { IndexedSegment, SegmentItem, SegmentPlan } from "./search-index.ts";

/** What the indexer process is asked to write, known when the build starts. */
export interface SearchIndexJob {
  /** Where the finished index is written. */
  folder: string;
  /**
   * Reuse of the previous build's segments (production builds): the cache folder, the previous
   * site's index folder, and the digest of the code, under which the build keeps rendered bodies
   * (`rendered-html.ts`).
   */
  cache?: { dir: string; previousIndex?: string; codeDigest: string };
}

/** The build's plan of the index (`search-plan.ts`): its segments, and the items of each, asked for when indexed. */
export interface IndexerTask {
  segments: SegmentPlan[];
  items: (segment: string) => SegmentItem[];
}

/**
 * What the build sends the indexer: its job, then the segments once planned with, in a file each,
 * the items of those the last build did not index, then the items of any other it asks for.
 */
export type IndexerRequest =
  | { job: SearchIndexJob }
  | { segments: SegmentPlan[]; handed: string[] }
  | { segment: string; file: string }
  | { segment: string; items: SegmentItem[] };

/** What the indexer sends: the segment whose items it wants; last, what it wrote, or why it could not. */
export interface IndexerReport {
  want?: string;
  segments?: IndexedSegment[];
  error?: string;
}

/** Each running indexer, with the promise of its exit and the folder it writes. */
const running = new Map<ChildProcess, { exited: Promise<void>; folder: string }>();
const ENTRY = fileURLToPath(new URL("./search-indexer-process.ts", import.meta.url));

/**
 * Builds the search index in a process of its own, while Eleventy renders. In Eleventy's process
 * the index came last: Pagefind's replies wait for an event loop that page rendering keeps busy,
 * several times slower than alone (bench/results/design-measurements.md). The process starts at
 * once, so that it has loaded its code and read the search cache by the time the build has
 * planned the index from its articles (`planned`); resolves with the segments written into
 * `job.folder` and their keys. In the background (a preview), the indexer and Pagefind run at the
 * lowest CPU priority, so that they never slow down the rebuild of the page an editor is waiting
 * for.
 */
export function startSearchIndexer(
  job: SearchIndexJob,
  planned: IndexerTask | Promise<IndexerTask>,
  { background = false } = {},
): Promise<IndexedSegment[]> {
  // The entry is TypeScript: the child loads it with tsx, whatever loaded this module.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href;
  const child = spawn(process.execPath, ["--import", tsx, ENTRY], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  if (background && child.pid !== undefined) {
    try {
      os.setPriority(child.pid, os.constants.priority.PRIORITY_LOW); // Pagefind, which it starts, inherits it
    } catch {
      // Already gone (its exit is reported below), or a system that refuses: it runs as it is.
    }
  }
  // Until its plan is known it keeps nothing alive: a build that failed before planning (its
  // error thrown) can end, and the indexer with it (it exits when its parent is gone).
  const hold = (held: boolean) => {
    for (const handle of [child, child.channel]) {
      if (held) handle?.ref();
      else handle?.unref();
    }
  };
  hold(false);
  // What the last build indexed (its segments' keys): those segments are the indexer's to reuse,
  // if the site it replaces is there (a build into a new folder, its cache warm, reuses none).
  const { previousIndex } = job.cache ?? {};
  const indexed =
    job.cache && previousIndex && existsSync(previousIndex)
      ? readSearchCache(job.cache.dir)
      : Promise.resolve(undefined);
  let itemsFolder: string | undefined;
  let exited: () => void = () => {
    if (itemsFolder) rmSync(itemsFolder, { recursive: true, force: true });
  };
  running.set(child, {
    exited: new Promise<void>((resolve) => {
      const tidy = exited;
      exited = () => {
        tidy();
        resolve();
      };
    }),
    folder: job.folder,
  });
  return new Promise<IndexedSegment[]>((resolve, reject) => {
    let failure: string | undefined;
    let segments: IndexedSegment[] = [];
    let items: IndexerTask["items"] = () => [];
    // The build could not plan, or make a segment's items (an article file changed meanwhile): nothing to index from.
    const fail = (error: unknown) => {
      failure = `The search index could not be built: ${error instanceof Error ? error.message : String(error)}`;
      child.kill("SIGTERM");
    };
    Promise.all([planned, indexed])
      .then(([task, known]) => {
        items = task.items;
        hold(true);
        // The items of the segments to index are handed over now, before the build renders: a
        // request waits for the build's event loop, which rendering keeps busy to its end. In
        // files, one segment's at a time, so that no more than one is held in memory. A preview
        // has rendered already: it answers segment by segment, and serves the edited page meanwhile.
        const handed = background
          ? []
          : task.segments.filter((segment) => known?.manifest.get(segment.id)?.key !== segment.key);
        // A child stopped meanwhile cannot take them: its exit, not the failed send, says why.
        sendIfConnected(child, {
          segments: task.segments,
          handed: handed.map((segment) => segment.id),
        } satisfies IndexerRequest);
        for (const segment of handed) {
          if (!child.connected) break;
          itemsFolder ??= mkdtempSync(path.join(os.tmpdir(), "dateline-search-items-"));
          const file = path.join(itemsFolder, `${segment.id}.json`);
          writeFileSync(file, JSON.stringify(task.items(segment.id)));
          sendIfConnected(child, { segment: segment.id, file } satisfies IndexerRequest);
        }
      })
      .catch(fail);
    child.on("message", (message: IndexerReport) => {
      if (message.want === undefined) {
        failure = message.error;
        segments = message.segments ?? segments;
        return;
      }
      let answer: IndexerRequest;
      try {
        answer = { segment: message.want, items: items(message.want) };
      } catch (error) {
        fail(error);
        return;
      }
      sendIfConnected(child, answer);
    });
    child.on("error", (error) => {
      running.delete(child);
      exited();
      reject(new Error(`The search indexer could not start: ${error.message}`));
    });
    child.on("exit", (code, signal) => {
      running.delete(child);
      exited();
      if (code === 0) resolve(segments);
      else reject(new Error(failure ?? `The search indexer stopped (${signal ?? `exit code ${code}`})`));
    });
    sendIfConnected(child, { job } satisfies IndexerRequest);
  });
}

/**
 * Stops every indexer still running (a failed or overtaken build) and removes what it had
 * written, so no half-written index is left beside the output.
 */
export async function stopSearchIndexers(): Promise<void> {
  const stopping = [...running.values()];
  for (const child of running.keys()) child.kill("SIGTERM");
  await Promise.all(
    stopping.map(async ({ exited, folder }) => {
      await exited;
      await rm(folder, { recursive: true, force: true });
    }),
  );
}
