/**
 * `npm run withdraw -- <file | guid | URL> --reason "…"`: takes a release down (a takedown
 * request, a wire's kill), keeping a small record in its file, and says what it changed and
 * what the next build removes. Build and deploy next.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import partners from "../src/data/partners.ts";
import site from "../src/data/site.ts";
import { validateSettings } from "../src/lib/config/settings.ts";
import { withdrawArticle } from "./lib/withdraw.ts";

const usage = 'Usage: npm run withdraw -- <article file | guid | URL> --reason "why" [--articles <folder>]';

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { reason: { type: "string" }, articles: { type: "string" } },
  });
  if (positionals.length !== 1) throw new Error(`Give one article: its file, the wire's guid or its URL.\n${usage}`);
  if (!values.reason) throw new Error(`Give the reason with --reason "…".\n${usage}`);
  const { site: siteConfig, partners: partnerList } = validateSettings(site, partners);
  const result = await withdrawArticle({
    target: positionals[0] as string,
    reason: values.reason,
    articlesDir: path.resolve(values.articles ?? "articles"),
    displayRoot: process.cwd(),
    timeZone: siteConfig.timeZone,
    partners: partnerList,
    sections: siteConfig.sections,
    now: DateTime.now().setZone(siteConfig.timeZone),
  });
  console.log(`Withdrew ${result.file} (${result.url}):`);
  for (const line of result.changed) console.log(`  - ${line}`);
  console.log("The next build:");
  for (const line of result.nextBuild) console.log(`  - ${line}`);
  console.log("Commit the file, then build and deploy now: the URL stays up until you do.");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
