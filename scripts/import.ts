/**
 * `npm run import -- [<file | URL | -> …] [--partner <id> [--relabel]] [--title "…"] [--include kw] [--exclude kw] [--dry-run]`
 * With no input, every feed `src/data/import.ts` gives a `url` for.
 * Turns wire feeds and pasted releases into article files (with their photos) in `articles/`,
 * for an editor to review and commit. Exit code 1 when any item failed or conflicted.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import importSettings from "../src/data/import.ts";
import partners from "../src/data/partners.ts";
import site from "../src/data/site.ts";
import { validateImportConfig } from "../src/lib/import/import-config.ts";
import { importReleases, OUTCOMES, type ItemReport } from "../src/lib/import/run.ts";
import { validateSettings } from "../src/lib/config/settings.ts";

const usage =
  "Usage: npm run import -- [<file | URL | -> …] [--partner <id> [--relabel]] [--title <headline>] [--include <keyword>] [--exclude <keyword>] [--dry-run] [--articles <folder>] [--companies <folder>]";

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      partner: { type: "string" },
      relabel: { type: "boolean" },
      title: { type: "string" },
      include: { type: "string", multiple: true },
      exclude: { type: "string", multiple: true },
      "dry-run": { type: "boolean" },
      articles: { type: "string" },
      companies: { type: "string" },
    },
  });
  const { site: siteConfig, partners: partnerList } = validateSettings(site, partners);
  const config = validateImportConfig(
    importSettings,
    partnerList.map((partner) => partner.id),
    siteConfig.sections,
  );
  if (values.partner && !partnerList.some((partner) => partner.id === values.partner)) {
    throw new Error(
      `--partner: expected one of ${partnerList.map((partner) => partner.id).join(", ")}, found ${JSON.stringify(values.partner)}`,
    );
  }
  // No input: every feed src/data/import.ts gives a `url` for (a scheduled job's run).
  const inputs = positionals.length > 0 ? positionals : config.feeds.flatMap((feed) => (feed.url ? [feed.url] : []));
  if (inputs.length === 0)
    throw new Error(
      `Give at least one input: a file, an http(s) URL, or - for standard input; or give feeds a \`url\` in src/data/import.ts to import them all with no argument.\n${usage}`,
    );
  if (positionals.length === 0) process.stderr.write(`Importing the ${inputs.length} configured feed(s)\n`);
  const dryRun = values["dry-run"] === true;
  const verbs: Record<string, string> = dryRun
    ? {
        new: "would create",
        updated: "would update",
        unchanged: "unchanged",
        withdrawn: "would withdraw",
        withheld: "would withhold",
        conflict: "CONFLICT",
        skipped: "skipped",
        failed: "FAILED",
      }
    : {
        new: "new",
        updated: "updated",
        unchanged: "unchanged",
        withdrawn: "WITHDRAWN",
        withheld: "WITHHELD",
        conflict: "CONFLICT",
        skipped: "skipped",
        failed: "FAILED",
      };
  const describe = (item: ItemReport): string =>
    `${verbs[item.outcome]?.padEnd(12)} ${item.file ?? item.origin}${item.reason ? ` — ${item.reason}` : ""}`;

  const summary = await importReleases({
    inputs,
    articlesDir: path.resolve(values.articles ?? "articles"),
    companiesDir: path.resolve(values.companies ?? "src/data/companies"),
    displayRoot: process.cwd(),
    site: siteConfig,
    partners: partnerList,
    config,
    ...(values.partner ? { partner: values.partner } : {}),
    ...(values.relabel ? { relabel: true } : {}),
    ...(values.title !== undefined ? { title: values.title } : {}),
    include: values.include ?? [],
    exclude: values.exclude ?? [],
    dryRun,
    onItem: (item, index) => {
      process.stderr.write(`[${index}] ${describe(item)}\n`);
      for (const note of item.notes) process.stderr.write(`      · ${note}\n`);
    },
  });

  const counts = OUTCOMES.map(
    (outcome) => `${summary.counts[outcome]} ${outcome === "conflict" ? "conflicts" : outcome}`,
  ).join(", ");
  console.log(`${dryRun ? "Dry run (nothing written): " : ""}${counts}.`);
  const problems = summary.items.filter((item) => item.outcome === "failed" || item.outcome === "conflict");
  for (const item of problems) console.log(`  ${describe(item)}`);
  if (!dryRun && (summary.counts.new > 0 || summary.counts.updated > 0)) {
    console.log("Review the new and updated files (git diff), then commit them.");
  }
  if (!dryRun && (summary.counts.withdrawn > 0 || summary.counts.withheld > 0)) {
    console.log(
      "The wire withdrew or withheld releases: commit, build and deploy now; their pages stay up until you do.",
    );
  }
  if (problems.length > 0) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
