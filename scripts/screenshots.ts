/**
 * `npm run screenshots`: the pictures in the README. Serves the built `_site/` on 127.0.0.1 and
 * photographs the home page, an article and a company page at 375 and 1280 px wide with Debian's
 * Chromium, light colour scheme, into `scripts/screenshots/`. Run `npm run build` first.
 *
 * Options: `--site <dir>` (default `_site`), `--out <dir>` (default `scripts/screenshots`).
 */
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_FLAGS } from "./lib/chromium.ts";
import { serveSite } from "./lib/static-server.ts";
import { firstCompanyOf, requireSiteAndChromium } from "./lib/built-site.ts";

const { values } = parseArgs({
  options: {
    site: { type: "string", default: "_site" },
    out: { type: "string", default: path.join("scripts", "screenshots") },
  },
});
const siteDir = requireSiteAndChromium(values.site, "Screenshots need");

// The home page's lead release, and the company page of its issuer (or the first company).
const home = await readFile(path.join(siteDir, "index.html"), "utf8");
const article = /<article class="lead-story[^"]*">[\s\S]*?<h2><a href="([^"]+)"/.exec(home)?.[1];
const companies = await readFile(path.join(siteDir, "companies", "index.html"), "utf8");
const company =
  (article ? await firstCompanyOf(siteDir, article) : undefined) ??
  /<a href="(\/companies\/(?!by-)[^"]+\/)"/.exec(companies)?.[1];
if (!article || !company) {
  console.error("Could not find a lead article and a company page in the built site.");
  process.exit(1);
}
const pages: Array<[string, string]> = [
  ["home", "/"],
  ["article", article],
  ["company", company],
];

const out = path.resolve(values.out);
await mkdir(out, { recursive: true });
const server = await serveSite(siteDir);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
try {
  for (const width of [375, 1280]) {
    const context = await browser.newContext({
      viewport: { width, height: width < 600 ? 812 : 900 },
      deviceScaleFactor: 1,
      colorScheme: "light",
    });
    const page = await context.newPage();
    for (const [name, sitePath] of pages) {
      await page.goto(new URL(sitePath, server.url).href, { waitUntil: "networkidle" });
      const file = path.join(out, `${name}-${width}.png`);
      // The first screen and a little more: what a visitor sees before scrolling.
      await page.screenshot({ path: file, fullPage: false });
      console.log(`${path.relative(process.cwd(), file)}  ${sitePath}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
