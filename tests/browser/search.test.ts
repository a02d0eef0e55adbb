import Eleventy from "@11ty/eleventy";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import config from "../../eleventy.config.ts";
import { browserAvailable, launchChromium, searchShowingFilters } from "../helpers/browser.ts";
import { tempDir } from "../helpers/fixture-site.ts";
import { serveSite } from "../../scripts/lib/static-server.ts";

const enabled = browserAvailable();

describe.runIf(enabled)("search in a real browser (demo site)", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSite>>;
  const problems: string[] = [];

  beforeAll(async () => {
    const outDir = await tempDir("browser");
    await new Eleventy(".", outDir, { quietMode: true, config }).write();
    server = await serveSite(outDir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string): Promise<{ page: Page; headers: Record<string, string> }> {
    const page = await browser.newPage();
    page.on("console", (message) => message.type() === "error" && problems.push(`${path}: ${message.text()}`));
    page.on("pageerror", (error) => problems.push(`${path}: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`${path}: failed ${request.url()}`));
    const response = await page.goto(`${server.url}${path}`);
    return { page, headers: response?.headers() ?? {} };
  }

  const resultTitles = (page: Page) => page.locator(".pagefind-ui__result-link").allTextContents();

  it("shows the expected article for a typed query, and a filter narrows the results", async () => {
    const { page, headers } = await open("/search/");
    // Everything here runs under the deploy headers' strict CSP (no inline script or style).
    expect(headers["content-security-policy"]).toContain("script-src 'self' 'wasm-unsafe-eval'; style-src 'self';");
    await searchShowingFilters(page, "solar", 4);
    await expect
      .poll(() => resultTitles(page), { timeout: 10_000 })
      .toEqual([
        "Lotus Grid Energy Commissions 120 MW Rooftop Solar Cluster Across Industrial Parks",
        "Coral Coast Water's Solar-Powered Desalination Plant Reaches Full Capacity",
      ]);
    await page.locator(".pagefind-ui__filter-name", { hasText: "Partner" }).click();
    await page.locator("label", { hasText: "GlobeNewswire" }).click();
    await expect
      .poll(() => resultTitles(page), { timeout: 10_000 })
      .toEqual(["Coral Coast Water's Solar-Powered Desalination Plant Reaches Full Capacity"]);
    await page.close();
  });

  it("shows each result's date, partner and thumbnail, with an excerpt from the text rather than the captions", async () => {
    const { page } = await open("/search/");
    await searchShowingFilters(page, "solar", 4);
    const result = page.locator(".pagefind-ui__result", {
      hasText: "Lotus Grid Energy Commissions 120 MW Rooftop Solar Cluster",
    });
    await expect.poll(() => result.count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => result.locator(".pagefind-ui__result-tag").allTextContents(), { timeout: 10_000 })
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining("Oct. 6, 2026"),
          expect.stringContaining("Cision PR Newswire"),
        ]),
      );
    const thumbnail = result.locator("img.pagefind-ui__result-image");
    expect(await thumbnail.getAttribute("src")).toMatch(/^\/photos\/[\w-]+-480\.jpeg$/);
    await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
    const excerpt = (await result.locator(".pagefind-ui__result-excerpt").textContent()) ?? "";
    expect(excerpt).not.toContain("Panels on one of the 340 factory roofs");
    expect(excerpt.toLowerCase()).toContain("solar");
    await page.close();
  });

  it("narrows the results with each filter: partner, category, region and year", async () => {
    const { page } = await open("/search/");
    // Pagefind shows results five at a time; its message has the total.
    const total = async () =>
      Number(/(\d+) results? for/.exec((await page.locator(".pagefind-ui__message").textContent()) ?? "")?.[1] ?? NaN);
    await searchShowingFilters(page, "the", 4);
    await expect.poll(total, { timeout: 10_000 }).toBeGreaterThan(5);
    const everything = await total();
    for (const [filter, value, expected] of [
      ["Partner", "GlobeNewswire", 4],
      ["Category", "Manufacturing", 3],
      ["Region", "Singapore", 2],
      ["Year", "2025", 1],
    ] as const) {
      await page.locator(".pagefind-ui__filter-name", { hasText: filter }).click();
      const option = page.locator("label", { hasText: new RegExp(`^\\s*${value}`) }).first();
      await option.click();
      await expect.poll(total, { timeout: 10_000, message: filter }).toBe(expected);
      expect(expected).toBeLessThan(everything);
      await option.click(); // and clear it again
      await expect.poll(total, { timeout: 10_000 }).toBe(everything);
    }
    await page.close();
  });

  it("runs the query from the 404 page's search form", async () => {
    const { page } = await open("/no/such/page/");
    await page.locator("#q").fill("mung beans");
    await page.locator(".search-form button").click();
    await expect
      .poll(() => resultTitles(page), { timeout: 10_000 })
      .toEqual(["Saigon River Foods Opens Plant-Based Protein Factory Using Local Mung Beans"]);
    await page.close();
  });

  it("logs no console errors and fails no requests", () => {
    // The 404 page itself answers 404 on purpose; Chromium logs that as a console error.
    expect(
      problems.filter(
        (p) => !p.startsWith("/no/such/page/: Failed to load resource: the server responded with a status of 404"),
      ),
    ).toEqual([]);
  });
});
