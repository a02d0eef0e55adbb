import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchChromium, searchShowingFilters } from "../helpers/browser.ts";
import { buildFixture, tempDir, writeFiles } from "../helpers/fixture-site.ts";
import { caseUrl, SAFE_CASES, safeCaseFiles } from "../helpers/hostile-corpus.ts";
import { serveSite } from "../../scripts/lib/static-server.ts";

const enabled = browserAvailable();

/**
 * The XSS corpus in a real browser. The site is served WITHOUT the deploy CSP, so this checks
 * that the output itself is inert, not that the CSP blocks it.
 */
describe.runIf(enabled)("the hostile corpus in Chromium", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSite>>;

  beforeAll(async () => {
    const root = await tempDir("hostile-browser");
    await writeFiles(root, await safeCaseFiles());
    const { outDir } = await buildFixture({
      articlesDir: path.join(root, "articles"),
      now: "2024-01-02T00:00:00+07:00",
    });
    // Every page of the build: articles, lists, indexes, search, 404.
    pages = (await readdir(outDir, { recursive: true }))
      .map(String)
      .filter((file) => file.endsWith(".html") && !file.startsWith(`pagefind${path.sep}`))
      .map((file) => `/${file.split(path.sep).join("/")}`.replace(/index\.html$/, ""))
      .sort();
    server = await serveSite(outDir, { deployHeaders: false });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  let pages: string[] = [];

  it("opens every page: no dialog opens, no injected script runs, no console error from our pages", async () => {
    for (const item of SAFE_CASES) expect(pages).toContain(caseUrl(item));
    expect(pages.length).toBeGreaterThan(SAFE_CASES.length + 20);
    const page = await browser.newPage();
    const problems: string[] = [];
    let current = "";
    page.on("dialog", async (dialog) => {
      problems.push(`${current}: a ${dialog.type()} dialog opened: ${dialog.message()}`);
      await dialog.dismiss();
    });
    page.on("pageerror", (error) => problems.push(`${current}: ${error.message}`));
    page.on("console", (message) => {
      // Payload images point at an unresolvable host on purpose; that failure is not ours.
      if (message.type() === "error" && !message.location().url.includes("x.invalid"))
        problems.push(`${current}: console: ${message.text()}`);
    });
    // Control: the detector does see a payload that runs.
    await page.setContent("<script>window.__pwned=1</script>");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(1);

    for (const sitePath of pages) {
      current = sitePath;
      const response = await page.goto(`${server.url}${sitePath}`, { waitUntil: "load" });
      expect(response?.status(), sitePath).toBe(200);
      // Hover over the page: some payloads wait for the pointer.
      await page.mouse.move(200, 300);
      await page.mouse.move(400, 600);
      if (await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned !== undefined))
        problems.push(`${sitePath}: an injected script ran`);
    }
    await page.close();
    expect(problems).toEqual([]);
  });

  it("opens /search/ with queries that show every filter: every hostile value stays text", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("dialog", async (dialog) => {
      problems.push(`a ${dialog.type()} dialog opened: ${dialog.message()}`);
      await dialog.dismiss();
    });
    page.on("pageerror", (error) => problems.push(error.message));
    // Every case's title starts with "Case"; the others find the filter-bearing cases directly.
    for (const query of ["case", "markup", "filterable", "backslashes"]) {
      await page.goto(`${server.url}/search/?q=${query}`);
      await expect
        .poll(() => page.locator(".pagefind-ui__result-link").count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
      // Partner, category, region and year (typed again if the first search drew fewer).
      if ((await page.locator(".pagefind-ui__filter-name").count()) < 4) await searchShowingFilters(page, query, 4);
      const names = await page.locator(".pagefind-ui__filter-name").all();
      for (const name of names) await name.click();
      await page.mouse.move(300, 300);
      await page.mouse.move(500, 700);
      const labels = (await page.locator(".pagefind-ui__filter-label").allTextContents()).join("\n");
      if (query === "markup") expect(labels).toContain("<img src=x onerror=window.__pwned=1>");
      // No element from the index but a result's thumbnail, and that only from our photos.
      expect(
        await page
          .locator(
            "#search img:not(.pagefind-ui__result-image), #search svg:not(.pagefind-ui__search-clear svg), #search script",
          )
          .count(),
        query,
      ).toBe(0);
      for (const source of await page
        .locator("#search img.pagefind-ui__result-image")
        .evaluateAll((images) => images.map((image) => image.getAttribute("src"))))
        expect(source, query).toMatch(/^\/photos\/[\w-]+\.(?:jpeg|png)$/);
      expect(await page.evaluate(() => String(document.createElement).includes("[native code]")), query).toBe(true);
      if (await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned !== undefined))
        problems.push(`/search/?q=${query}: an injected script ran`);
    }
    await page.close();
    expect(problems).toEqual([]);
  });
});
