/**
 * `npm run build`: a full production build that never leaves a half-written site.
 * Eleventy writes into a fresh staging folder beside the output; only when the whole build
 * has succeeded is the staging folder swapped in. On failure the previous output stays as
 * it was and the command exits non-zero.
 *
 * Options: `--output <dir>` (default `_site`), `--config <file>` (default `eleventy.config.ts`).
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import Eleventy from "@11ty/eleventy";
import { swapIntoPlace } from "../src/lib/atomic-output.ts";
import { closeSearchIndex } from "../src/lib/search-index.ts";

const { values } = parseArgs({
  options: {
    output: { type: "string", default: "_site" },
    config: { type: "string", default: "eleventy.config.ts" },
  },
});

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
