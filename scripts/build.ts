/**
 * `npm run build`: a full production build that never leaves a half-written site.
 * Eleventy writes into a fresh staging folder beside the output; only when the whole build
 * has succeeded is the staging folder swapped in. On failure the previous output stays as
 * it was and the command exits non-zero.
 *
 * Options: `--output <dir>` (default `_site`), `--config <file>` (default `eleventy.config.ts`).
 * A large site (see `src/lib/heap.ts`) is built in a child process whose heap is sized by
 * its number of articles, which keeps peak memory in proportion to the site.
 */
import { spawnSync } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import v8 from "node:v8";
import Eleventy from "@11ty/eleventy";
import { findMarkdownFiles } from "../src/lib/articles.ts";
import { swapIntoPlace } from "../src/lib/atomic-output.ts";
import { buildHeapLimitMb, heapChosenByUser } from "../src/lib/heap.ts";
import { closeSearchIndex } from "../src/lib/search-index.ts";

const { values } = parseArgs({
  options: {
    output: { type: "string", default: "_site" },
    config: { type: "string", default: "eleventy.config.ts" },
  },
});

const limit = heapChosenByUser(process.execArgv, process.env.NODE_OPTIONS) ? undefined : await heapLimitForConfig(values.config);
if (limit !== undefined && limit < v8.getHeapStatistics().heap_size_limit / 1024 / 1024) {
  const child = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${limit}`, ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(child.status ?? 1);
}

async function heapLimitForConfig(config: string): Promise<number | undefined> {
  const module = (await import(pathToFileURL(path.resolve(config)).href)) as { default?: { articlesDir?: unknown } };
  const articlesDir = module.default?.articlesDir;
  return typeof articlesDir === "string" ? buildHeapLimitMb((await findMarkdownFiles(articlesDir)).length) : undefined;
}

const output = path.resolve(values.output);
const staging = `${output}.staging-${process.pid}`;

try {
  await rm(staging, { recursive: true, force: true });
  const eleventy = new Eleventy(".", staging, { configPath: values.config, quietMode: true });
  await eleventy.write();
  await swapIntoPlace(staging, output);
  console.log(`Built ${path.relative(process.cwd(), output) || "."}/`);
} catch (error) {
  await closeSearchIndex();
  await rm(staging, { recursive: true, force: true });
  // Eleventy has already printed the error itself.
  if (!(error instanceof Error) || !("problems" in error)) console.error(error);
  console.error(`\nThe build failed; ${path.relative(process.cwd(), output)}/ was left as it was.`);
  process.exitCode = 1;
}
