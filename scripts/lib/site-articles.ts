import path from "node:path";
import partners from "../../src/data/partners.ts";
import site from "../../src/data/site.ts";
import { readArticleSources } from "../../src/lib/content/articles.ts";
import { resolveNow } from "../../src/lib/core/dates.ts";
import { formatProblem } from "../../src/lib/core/problems.ts";
import { validateSettings } from "../../src/lib/config/settings.ts";

/**
 * What the scripts that look at the site's articles start from: the settings, validated once,
 * "now" (`DATELINE_NOW` or the clock) and every article file read and validated. Articles with
 * problems stop the script with `heading` and the list.
 */
export async function readSiteArticles(articles: string, heading: string) {
  const { site: siteConfig, partners: partnerList } = validateSettings(site, partners);
  const now = resolveNow(process.env.DATELINE_NOW, siteConfig.timeZone);
  const { sources, problems } = await readArticleSources({
    articlesDir: path.resolve(articles),
    displayRoot: process.cwd(),
    timeZone: siteConfig.timeZone,
    partners: partnerList,
    sections: siteConfig.sections,
    now,
  });
  if (problems.length > 0)
    throw new Error(`${heading}:\n${problems.map((problem) => `  - ${formatProblem(problem)}`).join("\n")}`);
  return { siteConfig, partnerList, now, sources };
}
