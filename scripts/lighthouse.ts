/**
 * `npm run lighthouse`: Lighthouse (mobile emulation, Debian's Chromium) on an article page and a
 * directory page of the built `_site/`, served on 127.0.0.1 with the deploy headers. Writes
 * HTML and JSON reports and a summary to `reports/lighthouse/`, and fails when a score is below
 * its target: accessibility, best practices and SEO 1.0, performance 0.95.
 *
 * Options: `--site <dir>` (default `_site`), `--pages /path/,/other/` (default: the newest
 * article with a photo and the categories index), `--out <dir>` (default `reports/lighthouse`).
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { serveSite } from "./lib/static-server.ts";
import { CHROMIUM, CHROMIUM_FLAGS } from "./lib/chromium.ts";

const TARGETS: Record<string, number> = { performance: 0.95, accessibility: 1, "best-practices": 1, seo: 1 };

const { values } = parseArgs({
  options: {
    site: { type: "string", default: "_site" },
    pages: { type: "string" },
    out: { type: "string", default: path.join("reports", "lighthouse") },
  },
});
const siteDir = path.resolve(values.site);
if (!existsSync(path.join(siteDir, "index.html"))) {
  console.error(`No built site in ${values.site}/: run npm run build first.`);
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`Lighthouse needs Chromium at ${CHROMIUM} (apt-get install -y chromium), or set CHROMIUM_PATH.`);
  process.exit(1);
}

async function defaultPages(): Promise<string[]> {
  const home = await readFile(path.join(siteDir, "index.html"), "utf8");
  // The newest article with a lead photo: the heavier case for speed.
  const article =
    /<div class="article-card__photo">.*?<h2><a href="(\/news\/[^"]+)">/s.exec(home)?.[1] ??
    /<h2><a href="(\/news\/[^"]+)">/.exec(home)?.[1];
  return [...(article ? [article] : []), "/categories/"];
}

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
    const result = await lighthouse(`${server.url}${sitePath}`, {
      port: chrome.port,
      output: ["html", "json"],
      logLevel: "error",
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${sitePath}`);
    const name = sitePath.replace(/^\/|\/$/g, "").replace(/[^a-z0-9]+/gi, "-") || "home";
    const [html, json] = result.report as string[];
    await writeFile(path.join(outDir, `${name}.html`), html ?? "");
    await writeFile(path.join(outDir, `${name}.json`), json ?? "");
    const scores = Object.entries(TARGETS).map(([id, target]) => {
      const score = result.lhr.categories[id]?.score ?? 0;
      if (score < target) failed = true;
      return `${id} ${score.toFixed(2)}${score < target ? ` (below ${target})` : ""}`;
    });
    const failing = Object.values(result.lhr.audits)
      .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === "binary")
      .map((audit) => audit.id);
    rows.push(`| ${sitePath} | ${scores.join(" · ")} | ${failing.join(", ") || "none"} |`);
    console.log(`${sitePath}: ${scores.join(", ")}`);
  }
} finally {
  await chrome.kill();
  await server.close();
}
const summary = `# Lighthouse (mobile emulation)\n\nTargets: ${Object.entries(TARGETS)
  .map(([k, v]) => `${k} ≥ ${v}`)
  .join(", ")}.\n\n| page | scores | failing binary audits |\n| --- | --- | --- |\n${rows.join("\n")}\n`;
await writeFile(path.join(outDir, "summary.md"), summary);
console.log(`Reports in ${path.relative(process.cwd(), outDir)}/`);
if (failed) process.exitCode = 1;
