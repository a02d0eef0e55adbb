import { spawn, type ChildProcess } from "node:child_process";
import { rm } from "node:fs/promises";
import os from "node:os";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Partner } from "../config/partners.ts";
import type { SiteConfig } from "../config/site-config.ts";
import { sendIfConnected } from "../core/ipc.ts";
import type { IndexedSegment } from "./search-index.ts";

/** What the indexer process needs to find the same published articles as the build. */
import type { PhotoSettings } from "../photos/photos.ts";

export interface SearchIndexJob {
  articlesDir: string;
  displayRoot: string;
  site: SiteConfig;
  partners: Partner[];
  /** ISO date-time of the build's "now" (embargoes). */
  now: string;
  includeUnpublished: boolean;
  /** Where the finished index is written. */
  folder: string;
  /** At most this many articles per search segment (`MAX_SEGMENT_ARTICLES`). */
  segmentSize: number;
  /**
   * Reuse of the previous build's segments (production builds): the cache folder, the previous
   * site's index folder, the key of everything besides the records that the index depends on,
   * and the digest of the code, under which the build keeps rendered bodies (`rendered-html.ts`).
   */
  cache?: { dir: string; previousIndex?: string; key: string; codeDigest: string };
  /** The build's article snapshot, to start from instead of the files (`src/lib/content/article-snapshot.ts`). */
  articleSnapshot?: string;
  /** How the build renders photos: the results' thumbnails link its renditions. */
  photos?: PhotoSettings;
}

/** The indexer's last message: what it wrote, or why it could not. */
export interface IndexerReport {
  segments?: IndexedSegment[];
  error?: string;
}

/** Each running indexer, with the promise of its exit and the folder it writes. */
const running = new Map<ChildProcess, { exited: Promise<void>; folder: string }>();
const ENTRY = fileURLToPath(new URL("./search-indexer-process.ts", import.meta.url));

/**
 * Builds the search index in a process of its own, from the article files, while Eleventy
 * renders. In Eleventy's process the index came last: Pagefind's replies wait for an event
 * loop that page rendering keeps busy, several times slower than alone (bench/results/design-measurements.md).
 * Resolves when the index is written into `job.folder`, with its segments and their keys. With `articleSnapshot`, the job waits
 * for it: the file the indexer may start from, or undefined to read the article files. In the
 * background (a preview), the indexer and Pagefind run at the lowest CPU priority, so that they
 * never slow down the rebuild of the page an editor is waiting for.
 */
export function startSearchIndexer(
  job: SearchIndexJob,
  articleSnapshot?: Promise<string | undefined>,
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
  let exited: () => void = () => undefined;
  running.set(child, { exited: new Promise<void>((resolve) => (exited = resolve)), folder: job.folder });
  return new Promise<IndexedSegment[]>((resolve, reject) => {
    let failure: string | undefined;
    let segments: IndexedSegment[] = [];
    child.on("message", (message: IndexerReport) => {
      failure = message.error;
      segments = message.segments ?? segments;
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
    // The process starts at once; it gets its job when the snapshot it may start from is written.
    Promise.resolve(articleSnapshot).then((file) => {
      // A child stopped meanwhile cannot take the job: its exit, not the failed send, says why.
      sendIfConnected(child, file === undefined ? job : { ...job, articleSnapshot: file });
    });
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
