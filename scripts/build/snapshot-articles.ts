/**
 * Reads and validates the articles once for every process of a sharded `npm run build`, into
 * a snapshot file (`src/lib/content/article-snapshot.ts`). Started by `scripts/build.ts`; not
 * for people. A failure here is not the build's: the shards then read the files themselves and
 * report what is wrong with them.
 *
 * Usage: `tsx scripts/build/snapshot-articles.ts --output <file> --config <file>`; exits 0 when written.
 */
import { parseArgs } from "node:util";
import { snapshotArticles } from "../../src/lib/content/article-snapshot.ts";
import { UserError } from "../../src/lib/core/problems.ts";
import { PersistentArticleCache } from "../../src/lib/content/article-cache.ts";
import { articleReading, buildCacheDir } from "../lib/dateline-config.ts";

const { values } = parseArgs({
  options: { output: { type: "string" }, config: { type: "string", default: "eleventy.config.ts" } },
});
const file = values.output;
if (file === undefined) {
  console.error("--output: expected the snapshot file to write, found nothing");
  process.exit(1);
}
const written = await (async () => {
  const reading = await articleReading(values.config);
  const cacheDir = await buildCacheDir(values.config);
  return snapshotArticles(file, reading, cacheDir ? await PersistentArticleCache.open(cacheDir, reading) : undefined);
})().then(
  () => true,
  (error: unknown) => {
    if (!(error instanceof UserError)) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(
        `[dateline] The article snapshot was not made (each process reads the articles itself): ${message}`,
      );
    }
    return false;
  },
);
process.exit(written ? 0 : 1);
