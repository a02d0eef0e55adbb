/**
 * `npm run lighthouse`: Lighthouse (mobile emulation, Debian's Chromium) on the home page, an
 * article and a company page of the built `_site/`, served on 127.0.0.1 with the deploy headers.
 * Each page is measured `--runs` times (default 3) and scored by the median of each category,
 * so that one run on a busy machine decides nothing. Writes the median run's HTML and JSON
 * reports and a summary to `reports/lighthouse/`, and fails when a median is below its target:
 * accessibility, best practices and SEO 1.0, performance 0.95.
 *
 * Options: `--site <dir>` (default `_site`), `--pages /path/,/other/` (default: home, the newest
 * article with a photo, its company), `--runs <n>`, `--out <dir>` (default `reports/lighthouse`).
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { serveSite } from "./lib/static-server.ts";
import { firstCompanyOf, requireSiteAndChromium } from "./lib/built-site.ts";
import { CHROMIUM, CHROMIUM_FLAGS } from "./lib/chromium.ts";

const TARGETS: Record<string, number> = { performance: 0.95, accessibility: 1, "best-practices": 1, seo: 1 };

const { values } = parseArgs({
  options: {
    site: { type: "string", default: "_site" },
    pages: { type: "string" },
    runs: { type: "string", default: "3" },
    out: { type: "string", default: path.join("reports", "lighthouse") },
  },
});
const siteDir = requireSiteAndChromium(values.site, "Lighthouse needs");

async function defaultPages(): Promise<string[]> {
  const home = await readFile(path.join(siteDir, "index.html"), "utf8");
  // The newest article with a lead photo: the heavier case for speed.
  const article =
    /<div class="article-card__photo">.*?<h2><a href="(\/news\/[^"]+)">/s.exec(home)?.[1] ??
    /<h2><a href="(\/news\/[^"]+)">/.exec(home)?.[1];
  const company = article ? await firstCompanyOf(siteDir, article) : undefined;
  return ["/", ...(article ? [article] : []), ...(company ? [company] : [])];
}

const runs = Math.max(1, Number(values.runs) || 1);
/** The middle value (the lower middle of an even count). */
const median = (scores: number[]) => [...scores].sort((a, b) => a - b)[Math.floor((scores.length - 1) / 2)] ?? 0;

const pages = values.pages ? values.pages.split(",") : await defaultPages();
const outDir = path.resolve(values.out);
await mkdir(outDir, { recursive: true });
const server = await serveSite(siteDir);
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ["--headless=new", ...CHROMIUM_FLAGS],
});
const rows: string[] = [];
let failed = false;
try {
  for (const sitePath of pages) {
    const results: NonNullable<Awaited<ReturnType<typeof lighthouse>>>[] = [];
    for (let run = 0; run < runs; run++) {
      const result = await lighthouse(`${server.url}${sitePath}`, {
        port: chrome.port,
        output: ["html", "json"],
        logLevel: "error",
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${sitePath}`);
      results.push(result);
    }
    const medians = Object.fromEntries(
      Object.keys(TARGETS).map((id) => [id, median(results.map((result) => result.lhr.categories[id]?.score ?? 0))]),
    );
    // The report kept is the run whose performance is the median's.
    const kept =
      results.find((result) => (result.lhr.categories.performance?.score ?? 0) === medians.performance) ?? results[0]!;
    const name = sitePath.replace(/^\/|\/$/g, "").replace(/[^a-z0-9]+/gi, "-") || "home";
    const [html, json] = kept.report as string[];
    await writeFile(path.join(outDir, `${name}.html`), html ?? "");
    await writeFile(path.join(outDir, `${name}.json`), json ?? "");
    const scores = Object.entries(TARGETS).map(([id, target]) => {
      const score = medians[id] ?? 0;
      if (score < target) failed = true;
      const each =
        runs > 1 ? ` [${results.map((result) => (result.lhr.categories[id]?.score ?? 0).toFixed(2)).join(", ")}]` : "";
      return `${id} ${score.toFixed(2)}${score < target ? ` (below ${target})` : ""}${id === "performance" ? each : ""}`;
    });
    const failing = Object.values(kept.lhr.audits)
      .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === "binary")
      .map((audit) => audit.id);
    rows.push(`| ${sitePath} | ${scores.join(" · ")} | ${failing.join(", ") || "none"} |`);
    console.log(`${sitePath}: ${scores.join(", ")}`);
  }
} finally {
  await chrome.kill();
  await server.close();
}
const summary = `# Lighthouse (mobile emulation)\n\nMedian of ${runs} ${runs === 1 ? "run" : "runs"} per page (performance: each run in brackets). Targets: ${Object.entries(
  TARGETS,
)
  .map(([k, v]) => `${k} ≥ ${v}`)
  .join(", ")}.\n\n| page | scores | failing binary audits |\n| --- | --- | --- |\n${rows.join("\n")}\n`;
await writeFile(path.join(outDir, "summary.md"), summary);
console.log(`Reports in ${path.relative(process.cwd(), outDir)}/`);
if (failed) process.exitCode = 1;
