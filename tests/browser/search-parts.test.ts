import Eleventy from "@11ty/eleventy";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureDateline } from "../../eleventy.config.ts";
import partners from "../../src/data/partners.ts";
import site from "../../src/data/site.ts";
import { browserAvailable, launchChromium, searchShowingFilters } from "../helpers/browser.ts";
import { tempDir } from "../helpers/fixture-site.ts";
import { mergedBundles } from "../helpers/pagefind-query.ts";
import { serveSite } from "../../scripts/lib/static-server.ts";

const enabled = browserAvailable();

/** The demo's 13 published articles in search segments of at most 5: the page merges two into the first. */
describe.runIf(enabled)("search over an index in segments, in a real browser", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSite>>;
  let outDir: string;
  const problems: string[] = [];
  const requested: string[] = [];
  let segments: string[] = [];

  beforeAll(async () => {
    outDir = await tempDir("browser-parts");
    await new Eleventy(".", outDir, {
      quietMode: true,
      config: configureDateline({ site, partners, searchSegmentSize: 5 }),
    }).write();
    segments = await mergedBundles(outDir);
    server = await serveSite(outDir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(): Promise<Page> {
    const page = await browser.newPage();
    page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("requestfailed", (request) => problems.push(`failed ${request.url()}`));
    page.on("request", (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${server.url}/search/`);
    return page;
  }
  const total = async (page: Page) =>
    Number(/(\d+) results? for/.exec((await page.locator(".pagefind-ui__message").textContent()) ?? "")?.[1] ?? NaN);

  it("lists the segments on the search page", async () => {
    expect(segments).toHaveLength(2);
    for (const segment of segments) expect(segment).toMatch(/^\/pagefind\/s-[0-9a-f]{16}\/$/);
  });

  it("finds articles from every segment, with the partner filter counting across segments", async () => {
    const page = await open();
    // Every published demo release has the word "the": all 13, so all three segments answered.
    await searchShowingFilters(page, "the", 4);
    await expect.poll(() => total(page), { timeout: 10_000 }).toBe(13);
    await page.locator(".pagefind-ui__filter-name", { hasText: "Partner" }).click();
    await page.locator("label", { hasText: "GlobeNewswire" }).click();
    await expect.poll(() => total(page), { timeout: 10_000 }).toBe(4);
    // Each segment's data came from its own folder; Pagefind's code and WebAssembly only once.
    for (const segment of segments) expect(requested).toContain(`${segment}pagefind-entry.json`);
    expect(requested.filter((url) => url.endsWith(".pagefind") && url.startsWith("/pagefind/s-"))).toEqual([]);
    // The search page's module over Pagefind's.
    expect(requested).toContain("/pagefind/dateline/pagefind.js");
    await page.close();
  });

  it("finds only the article that has the searched words: segments without them do not answer with shorter words", async () => {
    const page = await open();
    await page.locator(".pagefind-ui__search-input").fill("mung beans");
    // Pagefind's own merge also lists releases holding only "be" or "m…" words, from the segments
    // that lack "mung" and "beans" (src/lib/search/browser/segmented-pagefind.js).
    await expect
      .poll(async () => page.locator(".pagefind-ui__result-link").allTextContents(), { timeout: 10_000 })
      .toEqual(["Saigon River Foods Opens Plant-Based Protein Factory Using Local Mung Beans"]);
    await expect.poll(() => total(page), { timeout: 10_000 }).toBe(1);
    await page.close();
  });

  it("logs no console errors and fails no requests", () => {
    expect(problems).toEqual([]);
  });
});
