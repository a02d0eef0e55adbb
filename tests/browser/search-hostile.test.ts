import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchChromium, searchShowingFilters } from "../helpers/browser.ts";
import { article, buildFixture, fixturePartners, tempDir, writeFiles } from "../helpers/fixture-site.ts";
import { serveSite } from "../../scripts/lib/static-server.ts";

const enabled = browserAvailable();

const PWN = "window.__pwned=1";
/** Values that a UI writing them with `innerHTML` would run or use to clobber the DOM. */
const HOSTILE = {
  category: `<img src=x onerror=${PWN}>`,
  clobber: "<img name=createElement>",
  country: `<svg onload=${PWN}>`,
  title: `<img src=x onerror=${PWN}> Harbour cranes`,
  partner: `<b onmouseover=${PWN}>Tidewater Wire</b>`,
  plain: `AT&T "Ports" & <Harbours>`,
};

/**
 * The search page with hostile values in every field that reaches Pagefind (filters, metadata,
 * content), opened WITHOUT the deploy CSP: whatever Pagefind's UI does with a value, it must
 * stay text. Every filter is opened so that its labels are drawn.
 */
describe.runIf(enabled)("the search page with hostile values, in Chromium", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSite>>;

  beforeAll(async () => {
    const root = await tempDir("search-hostile");
    await writeFiles(root, {
      "articles/one.md": article(
        {
          title: JSON.stringify(HOSTILE.title),
          summary: JSON.stringify(`Summary ${HOSTILE.category}`),
          categories: JSON.stringify([HOSTILE.category, HOSTILE.clobber, HOSTILE.plain]),
          dateline: `{ city: BEIJING, country: ${JSON.stringify(HOSTILE.country)} }`,
        },
        `Harbour text &lt;img src=x onerror=${PWN}&gt; and \\<script>${PWN}\\</script> after.`,
      ),
      "articles/two.md": article(
        {
          title: "Harbour second",
          partner: "tidewater",
          categories: "[Shipping]",
          dateline: "{ city: OSLO, country: Norway }",
        },
        "Harbour body.",
      ),
    });
    const partners = [
      ...fixturePartners,
      { ...fixturePartners[0]!, id: "tidewater", name: HOSTILE.partner, datelineTag: "Tidewater" },
    ];
    const { outDir } = await buildFixture({
      articlesDir: path.join(root, "articles"),
      partners,
      search: true,
      now: "2024-01-02T00:00:00+07:00",
    });
    server = await serveSite(outDir, { deployHeaders: false });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned !== undefined);

  it("shows every hostile value as text, runs none of them and lets none clobber the page", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("dialog", async (dialog) => {
      problems.push(`a ${dialog.type()} dialog opened`);
      await dialog.dismiss();
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(`${server.url}/search/?q=harbour`);
    await expect.poll(() => page.locator(".pagefind-ui__result-link").count(), { timeout: 10_000 }).toBe(2);
    if ((await page.locator(".pagefind-ui__filter-name").count()) < 4) await searchShowingFilters(page, "harbour", 4);
    for (const name of await page.locator(".pagefind-ui__filter-name").all()) await name.click();
    await page.mouse.move(300, 300);
    await page.mouse.move(500, 700);

    const labels = (await page.locator(".pagefind-ui__filter-label").allTextContents()).map((text) => text.trim());
    for (const value of [HOSTILE.category, HOSTILE.clobber, HOSTILE.country, HOSTILE.partner, HOSTILE.plain]) {
      expect(
        labels.some((label) => label.startsWith(value)),
        `${value} in ${JSON.stringify(labels)}`,
      ).toBe(true);
    }
    expect(await page.locator(".pagefind-ui__result-link").allTextContents()).toContain(HOSTILE.title);
    const excerpts = (await page.locator(".pagefind-ui__result-excerpt").allTextContents()).join("\n");
    expect(excerpts).toContain(`<img src=x onerror=${PWN}>`);
    // Nothing injected: no element from a value, no script run, the DOM's own functions intact.
    expect(await page.locator("#search img, #search svg:not(.pagefind-ui__search-clear svg), #search b").count()).toBe(
      0,
    );
    expect(await page.evaluate(() => String(document.createElement).includes("[native code]"))).toBe(true);
    expect(await pwned(page)).toBe(false);
    // Choosing a hostile filter still narrows the results (the value goes back to the index intact).
    await page.locator(".pagefind-ui__filter-label", { hasText: HOSTILE.plain }).first().click();
    await expect.poll(() => page.locator(".pagefind-ui__result-link").count(), { timeout: 10_000 }).toBe(1);
    await page.close();
    expect(problems).toEqual([]);
  });
});
