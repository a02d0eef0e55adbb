/**
 * `npm run next-change [-- --articles <folder>]`: prints, as JSON, the next moment the built site
 * would change by itself (an embargo lifting, an article entering or leaving the news sitemap's
 * 48-hour window) and the changes after it, so that a scheduler can build exactly then:
 * `{"now": "…", "next": "2026-12-03T09:00:00+07:00" | null, "changes": [{ at, change, file, url }, …]}`.
 * "Now" is `DATELINE_NOW` or the clock.
 */
import { parseArgs } from "node:util";
import { formatIsoDateTime } from "../src/lib/core/dates.ts";
import { scheduledChanges } from "../src/lib/site/schedule.ts";
import { readSiteArticles } from "./lib/site-articles.ts";

try {
  const { values } = parseArgs({ options: { articles: { type: "string", default: "articles" } } });
  const { now, sources } = await readSiteArticles(values.articles, "The articles have problems");
  const changes = scheduledChanges(sources, now).slice(0, 50);
  console.log(JSON.stringify({ now: formatIsoDateTime(now), next: changes[0]?.at ?? null, changes }, null, 2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
