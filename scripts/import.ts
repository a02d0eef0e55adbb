/**
 * `npm run import -- <file | URL | -> [more inputs…] [--partner <id>] [--include kw] [--exclude kw] [--dry-run]`
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
  "Usage: npm run import -- <file | URL | -> [more inputs] [--partner <id>] [--include <keyword>] [--exclude <keyword>] [--dry-run] [--articles <folder>]";

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      partner: { type: "string" },
      include: { type: "string", multiple: true },
      exclude: { type: "string", multiple: true },
      "dry-run": { type: "boolean" },
      articles: { type: "string" },
    },
  });
  if (positionals.length === 0)
    throw new Error(`Give at least one input: a file, an http(s) URL, or - for standard input.\n${usage}`);
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
  const dryRun = values["dry-run"] === true;
  const verbs: Record<string, string> = dryRun
    ? {
        new: "would create",
        updated: "would update",
        unchanged: "unchanged",
        conflict: "CONFLICT",
        skipped: "skipped",
        failed: "FAILED",
      }
    : {
        new: "new",
        updated: "updated",
        unchanged: "unchanged",
        conflict: "CONFLICT",
        skipped: "skipped",
        failed: "FAILED",
      };
  const describe = (item: ItemReport): string =>
    `${verbs[item.outcome]?.padEnd(12)} ${item.file ?? item.origin}${item.reason ? ` — ${item.reason}` : ""}`;

  const summary = await importReleases({
    inputs: positionals,
    articlesDir: path.resolve(values.articles ?? "articles"),
    displayRoot: process.cwd(),
    site: siteConfig,
    partners: partnerList,
    config,
    ...(values.partner ? { partner: values.partner } : {}),
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
  if (problems.length > 0) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
