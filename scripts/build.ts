/**
 * `npm run build`: a full production build that never leaves a half-written site.
 * Eleventy writes into a fresh staging folder beside the output; only when the whole build
 * has succeeded is the staging folder swapped in. On failure the previous output stays as
 * it was and the command exits non-zero.
 *
 * Options: `--output <dir>` (default `_site`), `--config <file>` (default `eleventy.config.ts`),
 * `--jobs <n>` (processes; default from the number of articles and cores, see `src/lib/build/build-plan.ts`).
 * `--allow-removed <url>` (repeatable, or `all`): let a URL the previous build published go without a redirect or a withdrawal.
 * `--verify`: build again without the page cache and replace the site only if both builds are
 * identical, file by file (the page cache: `src/lib/build/page-cache.ts`).
 * A large site is built by several Eleventy processes at once, each rendering the pages of one
 * shard into the same staging folder (see `src/lib/build/shard.ts`), each with a heap sized for its
 * share. Several shards start from one snapshot of the articles, read and validated once by a
 * process of its own while they start (`src/lib/content/article-snapshot.ts`). Those processes
 * are entry points of their own: `scripts/build/shard.ts` and `scripts/build/snapshot-articles.ts`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { rm, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { getHeapStatistics } from "node:v8";
import { ARTICLE_SNAPSHOT_VARIABLE } from "../src/lib/content/article-snapshot.ts";
import { swapIntoPlace, tidyAbandonedBuilds } from "../src/lib/build/atomic-output.ts";
import { PAGES_PER_PROCESS, planBuild, rendersInProcess } from "../src/lib/build/build-plan.ts";
import { heapChosenByUser } from "../src/lib/build/heap.ts";
import { SHARD_VARIABLE } from "../src/lib/build/shard.ts";
import { ARTICLES_READY, PHOTOS_READY, type ArticlesReadyMessage } from "../src/lib/build/shard-messages.ts";
import { sendIfConnected } from "../src/lib/core/ipc.ts";
import { differingFiles } from "../src/lib/build/compare-trees.ts";
import { PAGE_CACHE_VARIABLE, pageCacheEnabled } from "../src/lib/build/page-cache.ts";
import { buildCacheDir, countArticles } from "./lib/dateline-config.ts";
import { runEleventy } from "./lib/run-eleventy.ts";
import {
  ALLOW_REMOVED_VARIABLE,
  isRenderLimitError,
  PREVIOUS_OUTPUT_VARIABLE,
  RENDER_LIMIT_VARIABLE,
} from "../src/lib/build/process-role.ts";

// The build's other processes, each an entry point of its own.
const SHARD_SCRIPT = path.join(import.meta.dirname, "build", "shard.ts");
const SNAPSHOT_SCRIPT = path.join(import.meta.dirname, "build", "snapshot-articles.ts");

const { values } = parseArgs({
  options: {
    output: { type: "string", default: "_site" },
    config: { type: "string", default: "eleventy.config.ts" },
    jobs: { type: "string" },
    "allow-removed": { type: "string", multiple: true },
    verify: { type: "boolean", default: false },
  },
});

const output = path.resolve(values.output);
const staging = `${output}.staging-${process.pid}`;
// Every process of the build compares with the site it replaces: a URL it published may not
// vanish unless --allow-removed names it (src/lib/site/published-urls.ts).
process.env[PREVIOUS_OUTPUT_VARIABLE] = output;
process.env[ALLOW_REMOVED_VARIABLE] = (values["allow-removed"] ?? []).join(",");
const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64)) {
  console.error(`--jobs: expected a whole number of processes from 1 to 64, found ${JSON.stringify(values.jobs)}`);
  process.exit(1);
}

await tidyAbandonedBuilds(output);

const plan = planBuild(await countArticles(values.config), {
  cores: os.availableParallelism(),
  ...(jobs === undefined ? {} : { jobs }),
});
const userHeap = heapChosenByUser(process.execArgv, process.env.NODE_OPTIONS);

const shown = path.relative(process.cwd(), output) || ".";
let built = await buildInto(staging);
if (built && values.verify) built = await verify(staging);
if (built) {
  await swapIntoPlace(staging, output, { background: true });
  console.log(`Built ${shown}/`);
} else {
  await rm(staging, { recursive: true, force: true });
  console.error(`\nThe build failed; ${shown}/ was left as it was.`);
  process.exitCode = 1;
}

/** Builds the site into `folder` (one process, or shards); false when it failed (already said). */
async function buildInto(folder: string): Promise<boolean> {
  await rm(folder, { recursive: true, force: true });
  const inProcess = rendersInProcess(plan, {
    heapChosen: userHeap,
    heapLimitMb: getHeapStatistics().heap_size_limit / 1024 / 1024,
    // The number of processes the operator chose is kept.
    incremental: jobs === undefined && (await reusesPages()),
  });
  const attempt = inProcess ? await runInProcess(folder) : undefined;
  const ok = attempt ?? (await runShards(folder, plan.jobs, plan.parallel, userHeap ? undefined : plan.heapMb));
  // A shard stopped by its sibling's failure may leave its search index folder beside the
  // folder; every shard has exited by now. Quiet: this is the build's own cleaning up.
  if (!ok) await tidyAbandonedBuilds(folder, { say: () => undefined });
  return ok;
}

/**
 * Eleventy in this process; undefined when it stopped at its render limit (then the folder is
 * emptied, for the shards). A site planned in shards is built here only while it reuses most
 * pages: at most one process's share is rendered (`RENDER_LIMIT_VARIABLE`; the environment may
 * set a lower one).
 */
async function runInProcess(folder: string): Promise<boolean | undefined> {
  const limit = process.env[RENDER_LIMIT_VARIABLE] ?? (plan.jobs > 1 ? String(PAGES_PER_PROCESS) : undefined);
  if (limit !== undefined) process.env[RENDER_LIMIT_VARIABLE] = limit;
  try {
    return await runEleventy(folder, values.config);
  } catch (error) {
    if (!isRenderLimitError(error)) throw error;
    console.log(
      `[dateline] ${error instanceof Error ? error.message : String(error)}: building in ${plan.jobs} ${plan.jobs === 1 ? "process" : "processes"} of its own instead`,
    );
    await rm(folder, { recursive: true, force: true });
    return undefined;
  } finally {
    // Not for the shards, nor for --verify's clean build.
    delete process.env[RENDER_LIMIT_VARIABLE];
  }
}

/**
 * `--verify`: builds the same inputs again without the page cache and compares the two, file by
 * file. A difference is Dateline's bug, never the operator's: the site is not replaced, and the
 * message says how to build without the cache meanwhile.
 */
async function verify(incremental: string): Promise<boolean> {
  const clean = `${output}.verify-${process.pid}`;
  console.log("[dateline] --verify: building again without the page cache, to compare");
  process.env[PAGE_CACHE_VARIABLE] = "off";
  try {
    if (!(await buildInto(clean))) return false;
    const differing = await differingFiles(incremental, clean);
    if (differing.length === 0) {
      console.log("[dateline] --verify: the incremental build is identical to a clean build, file by file");
      return true;
    }
    const listed =
      differing.slice(0, 20).join(", ") + (differing.length > 20 ? `, and ${differing.length - 20} more` : "");
    console.error(
      `--verify: expected the incremental build identical to a clean build, found ${differing.length} ${differing.length === 1 ? "file" : "files"} differing: ${listed}. ` +
        `Please report it; build with ${PAGE_CACHE_VARIABLE}=off until it is fixed.`,
    );
    return false;
  } finally {
    delete process.env[PAGE_CACHE_VARIABLE];
    await rm(clean, { recursive: true, force: true });
  }
}

/** Whether this build can reuse pages: the page cache is on and there is a site to reuse them from. */
async function reusesPages(): Promise<boolean> {
  if (!pageCacheEnabled() || (await buildCacheDir(values.config)) === undefined) return false;
  return stat(output).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

interface ArticleSnapshotProcess {
  file: string;
  /** Whether the snapshot was written, once the process has ended. */
  written: Promise<boolean>;
  stop: () => void;
}

/** Starts the process that writes the article snapshot into `file`. */
function startArticleSnapshot(file: string): ArticleSnapshotProcess {
  const child = spawn(
    process.execPath,
    [...process.execArgv, SNAPSHOT_SCRIPT, "--output", file, "--config", values.config],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  const written = new Promise<boolean>((resolve) => {
    child.on("error", () => resolve(false));
    child.on("exit", (code) => resolve(code === 0));
  });
  return { file, written, stop: () => child.kill("SIGTERM") };
}

/**
 * One child process per shard, all into `folder`, at most `parallel` at a time. With more than
 * one shard, a process beside them reads the articles once into a snapshot, which they wait
 * for. Shard 0 starts first and tells the others when the photo cache is complete. The first
 * failure stops the rest: its message is the one shown.
 */
async function runShards(
  folder: string,
  count: number,
  parallel: number,
  heapMb: number | undefined,
): Promise<boolean> {
  // One process reads the files itself as fast as it would wait for a snapshot
  // (bench/results/design-measurements.md); several would each read them all.
  if (count === 1) return runShardProcesses(folder, count, parallel, heapMb, undefined);
  const snapshot = startArticleSnapshot(`${folder}.articles`);
  let built = false;
  try {
    built = await runShardProcesses(folder, count, parallel, heapMb, snapshot);
    return built;
  } finally {
    if (!built) snapshot.stop();
    await snapshot.written; // not removed while it is still being written
    await rm(snapshot.file, { force: true });
  }
}

function runShardProcesses(
  folder: string,
  count: number,
  parallel: number,
  heapMb: number | undefined,
  snapshot: ArticleSnapshotProcess | undefined,
): Promise<boolean> {
  const running = new Set<ChildProcess>();
  let photosReady = false;
  let failed = false;
  let next = 0;
  return new Promise((resolve) => {
    const startNext = () => {
      if (failed || next >= count) {
        if (running.size === 0) resolve(!failed);
        return;
      }
      const index = next++;
      const child = spawn(
        process.execPath,
        [
          ...process.execArgv,
          ...(heapMb ? [`--max-old-space-size=${heapMb}`] : []),
          SHARD_SCRIPT,
          "--staging",
          folder,
          "--config",
          values.config,
        ],
        {
          stdio: ["ignore", "inherit", "inherit", "ipc"],
          env: {
            ...process.env,
            [SHARD_VARIABLE]: count > 1 ? `${index}/${count}` : "",
            ...(snapshot ? { [ARTICLE_SNAPSHOT_VARIABLE]: snapshot.file } : {}),
          },
        },
      );
      running.add(child);
      void snapshot?.written.then((ok) => {
        sendIfConnected(child, { type: ARTICLES_READY, ok } satisfies ArticlesReadyMessage);
      });
      if (photosReady) sendIfConnected(child, PHOTOS_READY);
      child.on("message", (message) => {
        if (message !== PHOTOS_READY) return;
        photosReady = true;
        for (const other of running) if (other !== child) sendIfConnected(other, PHOTOS_READY);
      });
      child.on("exit", (code, signal) => {
        running.delete(child);
        if ((code !== 0 || signal) && !failed) {
          failed = true;
          for (const other of running) other.kill("SIGTERM");
        }
        startNext();
      });
    };
    for (let i = 0; i < Math.min(parallel, count); i++) startNext();
  });
}
