import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

import { CHROMIUM, CHROMIUM_FLAGS } from "../../scripts/lib/chromium.ts";

export { CHROMIUM };

/**
 * Browser tests drive Debian's Chromium, never a downloaded browser. Without it they skip,
 * loudly, on a developer's machine; under CI a missing Chromium is a failure.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI)
    throw new Error(`Browser tests need Chromium at ${CHROMIUM} under CI (apt-get install -y chromium).`);
  console.warn(
    `\n*** SKIPPING BROWSER TESTS: no Chromium at ${CHROMIUM}. Install it: apt-get install -y chromium ***\n`,
  );
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
  });
}

/**
 * Types `query` into Pagefind's search UI and waits until its results show at least `groups`
 * filter groups. The UI takes its filter groups from the first search's result, and on a busy
 * machine that search can run before every filter is loaded; the next search has them all, so
 * the query is typed again until they show (a visitor's next keystroke does the same).
 */
export async function searchShowingFilters(
  page: Page,
  query: string,
  groups: number,
  timeoutMs = 30_000,
): Promise<void> {
  const input = page.locator(".pagefind-ui__search-input");
  const names = page.locator(".pagefind-ui__filter-name");
  const deadline = Date.now() + timeoutMs;
  while (true) {
    await input.fill(query);
    const waitUntil = Math.min(Date.now() + 5_000, deadline);
    while (Date.now() < waitUntil && (await names.count()) < groups) await page.waitForTimeout(100);
    if ((await names.count()) >= groups) return;
    if (Date.now() >= deadline)
      throw new Error(`Searching ${JSON.stringify(query)} showed ${await names.count()} filter groups, not ${groups}`);
    await input.fill("");
  }
}
