import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureDateline } from "../../eleventy.config.ts";
import partners from "../../src/data/partners.ts";
import site from "../../src/data/site.ts";
import { browserAvailable, launchChromium } from "../helpers/browser.ts";
import { tempDir } from "../helpers/fixture-site.ts";
import { serveSite } from "../../scripts/lib/static-server.ts";

const enabled = browserAvailable();
const axeSource = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
export const SCREENSHOTS = path.resolve("test-results", "screenshots");

const ARTICLE = "/news/2026/10/harbourline-freight-reports-record-third-quarter/";
/** One page of each type of the demo site (built with 5 articles a page, so lists paginate). */
const PAGE_TYPES: Record<string, string> = {
  home: "/",
  "home, page 1 (the oldest)": "/page/1/",
  "article with several photos": ARTICLE,
  "article without photos": "/news/2026/11/merlion-health-launches-rural-telemedicine-platform/",
  "partners index": "/partners/",
  partner: "/partners/prnewswire/",
  "categories index": "/categories/",
  category: "/categories/technology/",
  "regions index": "/regions/",
  country: "/regions/china/",
  city: "/regions/china/beijing/",
  "companies index (A–Z)": "/companies/",
  company: "/companies/lotus-grid-energy/",
  "sources index": "/sources/",
  source: "/sources/xinhua-silk-road/",
  "tags index": "/tags/",
  tag: "/tags/solar/",
  archive: "/news/",
  year: "/news/2026/",
  month: "/news/2026/11/",
  search: "/search/",
  "not found": "/no/such/page/",
};

describe.runIf(enabled)("visitors in a real browser (demo site)", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSite>>;

  beforeAll(async () => {
    const outDir = await tempDir("visitor");
    const config = configureDateline({ site: { ...site, pageSize: 5 }, partners });
    await new Eleventy(".", outDir, { quietMode: true, config }).write();
    server = await serveSite(outDir);
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(
    sitePath: string,
    options: BrowserContextOptions = {},
  ): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      const notFoundPage = sitePath === PAGE_TYPES["not found"] && message.text().includes("404 (Not Found)");
      if (message.type() === "error" && !notFoundPage) problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`error: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
    page.on("response", (response) => {
      if (response.status() >= 400 && response.url() !== `${server.url}${PAGE_TYPES["not found"]}`)
        problems.push(`${response.status()}: ${response.url()}`);
    });
    await page.goto(`${server.url}${sitePath}`, { waitUntil: "load" });
    return { page, problems };
  }

  let axePage: Page | undefined;

  async function axeViolations(page: Page): Promise<string[]> {
    // evaluate() runs outside the page's CSP, so axe needs no inline-script exception.
    await page.evaluate(await axeSource);
    const result = await page.evaluate(() =>
      (
        window as unknown as {
          axe: {
            run: (o: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }>;
          };
        }
      ).axe.run({
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      }),
    );
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }

  it.each(Object.entries(PAGE_TYPES))(
    "%s: axe finds no violations, in light and dark mode",
    async (_type, sitePath) => {
      // One page for every axe run: a fresh browser context and a fresh compile of axe-core
      // for each page and scheme cost three times what loading the page and checking it do.
      axePage ??= await browser.newPage();
      for (const colorScheme of ["light", "dark"] as const) {
        await axePage.emulateMedia({ colorScheme });
        await axePage.goto(`${server.url}${sitePath}`, { waitUntil: "load" });
        if (sitePath === "/search/") await axePage.waitForSelector(".pagefind-ui__search-input");
        expect(
          await axePage.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches),
          `${sitePath} (${colorScheme})`,
        ).toBe(colorScheme === "dark");
        expect(await axeViolations(axePage), `${sitePath} (${colorScheme})`).toEqual([]);
      }
    },
  );

  it("loads every page type with no console error and no failed request", async () => {
    // One page visits them all (a new browser context for each cost most of the time), with its
    // problems filed under the page being visited.
    const all: string[] = [];
    const context = await browser.newContext();
    const page = await context.newPage();
    let current = "";
    const notFoundPage = () => current === PAGE_TYPES["not found"];
    page.on("console", (message) => {
      if (message.type() === "error" && !(notFoundPage() && message.text().includes("404 (Not Found)")))
        all.push(`${current}: console: ${message.text()}`);
    });
    page.on("pageerror", (error) => all.push(`${current}: error: ${error.message}`));
    page.on("requestfailed", (request) => all.push(`${current}: failed: ${request.url()}`));
    page.on("response", (response) => {
      if (response.status() >= 400 && response.url() !== `${server.url}${PAGE_TYPES["not found"]}`)
        all.push(`${current}: ${response.status()}: ${response.url()}`);
    });
    for (const sitePath of Object.values(PAGE_TYPES)) {
      current = sitePath;
      await page.goto(`${server.url}${sitePath}`, { waitUntil: "load" });
      // Every image requested and settled (lazy ones too), rather than waiting for half a second
      // of network silence on each page; the search page's script fetches its index on its own.
      await page.evaluate(() =>
        Promise.all(
          Array.from(document.images).map((image) => {
            image.loading = "eager";
            return image.complete ? undefined : new Promise((settled) => (image.onload = image.onerror = settled));
          }),
        ),
      );
      if (sitePath === "/search/") await page.waitForLoadState("networkidle");
    }
    await context.close();
    expect(all).toEqual([]);
  });

  it("picks a small photo rendition on a phone and a larger one on a desktop; the lead photo is eager", async () => {
    const chosen: Record<number, string> = {};
    for (const width of [375, 1280]) {
      const { page } = await open(ARTICLE, { viewport: { width, height: 900 } });
      const lead = page.locator(".photo--lead img");
      await expect
        .poll(() => lead.evaluate((img: HTMLImageElement) => img.complete && img.currentSrc !== ""))
        .toBe(true);
      chosen[width] = await lead.evaluate((img: HTMLImageElement) => img.currentSrc);
      expect(await lead.getAttribute("loading")).toBe("eager");
      expect(await lead.getAttribute("fetchpriority")).toBe("high");
      await page.context().close();
    }
    expect(chosen[375]).toMatch(/-480\.avif$/);
    expect(chosen[1280]).toMatch(/-800\.avif$/);
  });

  it("shifts no layout while photos load (cumulative layout shift is 0)", async () => {
    for (const sitePath of ["/", ARTICLE]) {
      const { page } = await open(sitePath, { viewport: { width: 375, height: 700 } });
      await page.evaluate(() => {
        (window as unknown as { cls: number }).cls = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Array<
            PerformanceEntry & { value: number; hadRecentInput: boolean }
          >) {
            if (!entry.hadRecentInput) (window as unknown as { cls: number }).cls += entry.value;
          }
        }).observe({ type: "layout-shift", buffered: true });
      });
      for (let y = 0; y < 6000; y += 600) await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => (window as unknown as { cls: number }).cls), sitePath).toBe(0);
      await page.context().close();
    }
  });

  /** Tabs through the page and describes each focused element, with whether focus is visible. */
  async function tabThrough(
    page: Page,
    steps: number,
  ): Promise<Array<{ text: string; href: string | null; visible: boolean; tag: string }>> {
    const seen = [];
    for (let i = 0; i < steps; i++) {
      await page.keyboard.press("Tab");
      // Past the last link, focus leaves the page.
      if (await page.evaluate(() => document.activeElement === document.body)) break;
      seen.push(
        await page.evaluate(() => {
          const element = document.activeElement as HTMLElement;
          const style = getComputedStyle(element);
          const visible = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
          return {
            text: (element.textContent ?? "").trim().slice(0, 60),
            href: element.getAttribute("href"),
            visible,
            tag: element.tagName,
          };
        }),
      );
    }
    return seen;
  }

  it("reaches the article links and the pagination with the keyboard, with focus visible", async () => {
    const { page } = await open("/");
    const stops = await tabThrough(page, 30);
    expect(stops[0]?.text).toBe("Skip to content");
    expect(stops.some((s) => s.href?.startsWith("/news/2026/"))).toBe(true);
    expect(stops.some((s) => s.href === "/page/1/")).toBe(true);
    expect(stops.filter((s) => !s.visible)).toEqual([]);
    await page.context().close();
  });

  it("reaches the search box with the keyboard", async () => {
    const { page } = await open("/search/");
    await page.waitForSelector(".pagefind-ui__search-input");
    const stops = await tabThrough(page, 15);
    expect(stops.some((s) => s.tag === "INPUT")).toBe(true);
    await page.context().close();
  });

  it("prints an article without navigation, with link targets written out", async () => {
    const { page } = await open(ARTICLE);
    await page.emulateMedia({ media: "print" });
    for (const selector of [".site-nav", ".breadcrumbs", ".site-footer", ".related"]) {
      const display = await page
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).display)
        .catch(() => "none");
      expect(display, selector).toBe("none");
    }
    const after = await page.locator(".original-link a").evaluate((a) => getComputedStyle(a, "::after").content);
    expect(after).toContain("https://www.globenewswire.example/");
    await page.pdf({ path: path.join(SCREENSHOTS, "article-print.pdf") });
    await page.context().close();
  });

  it("reflows at 320 CSS pixels (a 1280 px window at 400% zoom) without horizontal scrolling", async () => {
    for (const sitePath of ["/", ARTICLE, "/companies/", "/search/"]) {
      const { page } = await open(sitePath, { viewport: { width: 320, height: 640 } });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, sitePath).toBeLessThanOrEqual(0);
      await page.context().close();
    }
  });

  it("lays out home, article and company pages at 320, 375 and 1280 px without horizontal scrolling", async () => {
    for (const width of [320, 375, 1280]) {
      for (const sitePath of ["/", ARTICLE, "/companies/lotus-grid-energy/"]) {
        const { page } = await open(sitePath, { viewport: { width, height: 800 } });
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${sitePath} at ${width} px`).toBeLessThanOrEqual(0);
        await page.context().close();
      }
    }
  });

  /** Where the navigation's links are: one line when they share their top. */
  const navigationLine = (page: Page) =>
    page.locator(".site-nav ul").evaluate((list) => ({
      tops: [...new Set([...list.querySelectorAll("a")].map((link) => Math.round(link.getBoundingClientRect().top)))],
      scrolls: list.scrollWidth > list.clientWidth,
      height: list.getBoundingClientRect().height,
    }));

  it("keeps the navigation on one line: all of it at 1280 px, a line that scrolls on a phone, without JavaScript", async () => {
    const desktop = await open("/", { viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
    expect(await navigationLine(desktop.page)).toMatchObject({ tops: [expect.any(Number)], scrolls: false });
    // The header's search box is there on a desktop.
    expect(await desktop.page.locator(".site-search input").isVisible()).toBe(true);
    await desktop.page.context().close();

    const phone = await open("/", { viewport: { width: 375, height: 800 }, javaScriptEnabled: false });
    const line = await navigationLine(phone.page);
    expect(line.tops).toHaveLength(1);
    expect(line.scrolls).toBe(true);
    expect(line.height).toBeLessThan(60);
    // Every link is still reachable: the last one scrolls into view.
    const last = phone.page.locator(".site-nav a").last();
    await last.scrollIntoViewIfNeeded();
    expect(await last.isVisible()).toBe(true);
    // On a phone the search box gives way to the navigation's Search link.
    expect(await phone.page.locator(".site-search").isVisible()).toBe(false);
    await phone.page.context().close();
  });

  it("uses a desktop's width: the lead beside its photo, the article's text at a reading measure with related releases beside it", async () => {
    const { page } = await open("/", { viewport: { width: 1280, height: 900 } });
    const box = (selector: string) => page.locator(selector).first().boundingBox();
    const photo = await box(".lead-story .photo");
    const lead = await box(".lead-story__text");
    expect(lead!.x).toBeGreaterThan(photo!.x + photo!.width - 1);
    const latest = await box(".home-latest");
    const blocks = await box(".home-blocks");
    expect(blocks!.x).toBeGreaterThan(latest!.x + latest!.width - 1);
    await page.goto(`${server.url}${ARTICLE}`);
    const text = await box(".article-body");
    const related = await box(".related");
    expect(text!.width).toBeLessThanOrEqual(44 * 16 + 1);
    expect(related!.x).toBeGreaterThan(text!.x + text!.width - 1);
    await page.context().close();
  });

  it("saves screenshots of the home and an article page at 375 and 1280 px", async () => {
    for (const [name, sitePath] of [
      ["home", "/"],
      ["article", ARTICLE],
    ] as const) {
      for (const width of [375, 1280]) {
        const { page } = await open(sitePath, { viewport: { width, height: 900 } });
        await page.evaluate(async () => {
          for (const img of Array.from(document.images)) img.loading = "eager";
          await Promise.all(Array.from(document.images).map((img) => img.decode().catch(() => undefined)));
        });
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
        await page.context().close();
      }
    }
  });
});
