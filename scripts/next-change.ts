/**
 * `npm run next-change [-- --articles <folder>]`: prints, as JSON, the next moment the built site
 * would change by itself (an embargo lifting, an article entering or leaving the news sitemap's
 * 48-hour window) and the changes after it, so that a scheduler can build exactly then:
 * `{"now": "…", "next": "2026-12-03T09:00:00+07:00" | null, "changes": [{ at, change, file, url }, …]}`.
 * "Now" is `DATELINE_NOW` or the clock.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import partners from "../src/data/partners.ts";
import site from "../src/data/site.ts";
import { readArticleSources } from "../src/lib/content/articles.ts";
import { formatIsoDateTime, resolveNow } from "../src/lib/core/dates.ts";
import { formatProblem } from "../src/lib/core/problems.ts";
import { validateSettings } from "../src/lib/config/settings.ts";
import { scheduledChanges } from "../src/lib/site/schedule.ts";

try {
  const { values } = parseArgs({ options: { articles: { type: "string", default: "articles" } } });
  const { site: siteConfig, partners: partnerList } = validateSettings(site, partners);
  const now = resolveNow(process.env.DATELINE_NOW, siteConfig.timeZone);
  const { sources, problems } = await readArticleSources({
    articlesDir: path.resolve(values.articles),
    displayRoot: process.cwd(),
    timeZone: siteConfig.timeZone,
    partners: partnerList,
    sections: siteConfig.sections,
    now,
  });
  if (problems.length > 0)
    throw new Error(`The articles have problems:\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`);
  const changes = scheduledChanges(sources, now).slice(0, 50);
  console.log(JSON.stringify({ now: formatIsoDateTime(now), next: changes[0]?.at ?? null, changes }, null, 2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
