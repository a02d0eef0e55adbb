/**
 * One shard of `npm run build` (or the whole site): Eleventy into a staging folder the build
 * script owns. Started by `scripts/build.ts` with the shard in `DATELINE_SHARD`; not for people.
 *
 * Usage: `tsx scripts/build/shard.ts --staging <dir> --config <file>`; exits 0 when it built.
 */
import { parseArgs } from "node:util";
import { runEleventy } from "../lib/run-eleventy.ts";

const { values } = parseArgs({
  options: { staging: { type: "string" }, config: { type: "string", default: "eleventy.config.ts" } },
});
if (values.staging === undefined) {
  console.error("--staging: expected the folder to build into, found nothing");
  process.exit(1);
}
process.exit((await runEleventy(values.staging, values.config)) ? 0 : 1);
