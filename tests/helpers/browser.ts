import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

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
    // The machine has no network beyond localhost: keep Chromium from trying.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}
