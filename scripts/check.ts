/**
 * `npm run check [-- --site <dir>]`: the syndication compliance audit of a built site (default
 * `_site`) against the article files. `npm run build` runs the same audit before it publishes;
 * run this to re-check a deployed copy. "Now" is `DATELINE_NOW` or the clock.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { AuditError, auditSite } from "../src/lib/compliance/audit.ts";
import { readSiteArticles } from "./lib/site-articles.ts";

try {
  const { values } = parseArgs({
    options: { site: { type: "string", default: "_site" }, articles: { type: "string", default: "articles" } },
  });
  const { siteConfig, partnerList, now, sources } = await readSiteArticles(
    values.articles,
    "Cannot audit: the articles have problems",
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
