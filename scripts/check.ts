/**
 * `npm run check [-- --site <dir>]`: the syndication compliance audit of a built site (default
 * `_site`) against the article files. `npm run build` runs the same audit before it publishes;
 * run this to re-check a deployed copy. "Now" is `DATELINE_NOW` or the clock.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import partners from "../src/data/partners.ts";
import site from "../src/data/site.ts";
import { readArticleSources } from "../src/lib/content/articles.ts";
import { AuditError, auditSite } from "../src/lib/compliance/audit.ts";
import { resolveNow } from "../src/lib/core/dates.ts";
import { formatProblem } from "../src/lib/core/problems.ts";
import { validateSettings } from "../src/lib/config/settings.ts";

try {
  const { values } = parseArgs({
    options: { site: { type: "string", default: "_site" }, articles: { type: "string", default: "articles" } },
  });
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
    throw new Error(
      `Cannot audit: the articles have problems:\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`,
    );
  const findings = await auditSite({
    siteDir: path.resolve(values.site),
    site: siteConfig,
    partners: partnerList,
    sources,
    now,
  });
  if (findings.length > 0) throw new AuditError(findings);
  console.log(
    `Audit passed: ${sources.filter((s) => s.status === "published").length} article pages in ${values.site}/ are compliant.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
