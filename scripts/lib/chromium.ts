/** Debian's Chromium, which the browser tests and `npm run lighthouse` drive (never a downloaded browser). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The machine has no network beyond localhost: keep Chromium from trying, and from a GPU it lacks. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
