/**
 * What the scripts that look at a built site in Chromium (`lighthouse`, `screenshots`) check
 * first, and how they find a release's company page in it.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { CHROMIUM } from "./chromium.ts";

/** Stops the script with a message unless `site` holds a built site and Chromium is installed. */
export function requireSiteAndChromium(site: string, needs: string): string {
  const siteDir = path.resolve(site);
  if (!existsSync(path.join(siteDir, "index.html"))) {
    console.error(`No built site in ${site}/: run npm run build first.`);
    process.exit(1);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`${needs} Chromium at ${CHROMIUM} (apt-get install -y chromium), or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  return siteDir;
}

/** The page of the first company an article page lists, or undefined. */
export async function firstCompanyOf(siteDir: string, articlePath: string): Promise<string | undefined> {
  const html = await readFile(path.join(siteDir, articlePath, "index.html"), "utf8");
  return /<dt>Companies<\/dt><dd><ul><li><a href="([^"]+)"/.exec(html)?.[1];
}
