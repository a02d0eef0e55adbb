import { execFile } from "node:child_process";
import { cp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import config from "../../eleventy.config.ts";
import { tempDir } from "../helpers/fixture-site.ts";
import { activeContent } from "../helpers/html-checks.ts";
import { malformedXml, xmlFiles } from "../helpers/xml-checks.ts";

/** The bundled demo site, built exactly as `npm run build` configures it. */
let outDir: string;
let pages: Map<string, string>;

beforeAll(async () => {
  outDir = await tempDir("demo");
  await new Eleventy(".", outDir, { quietMode: true, config }).write();
  pages = new Map();
  for (const file of (await readdir(outDir, { recursive: true })).map(String)) {
    if (file.endsWith(".html") && !file.startsWith(`pagefind${path.sep}`))
      pages.set(file, await readFile(path.join(outDir, file), "utf8"));
  }
});

async function resolves(sitePath: string): Promise<boolean> {
  const clean = decodeURIComponent(sitePath.split(/[?#]/)[0]!);
  const file = path.join(outDir, clean.endsWith("/") ? `${clean}index.html` : clean);
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

describe("the demo site", () => {
  it("builds every page type", () => {
    for (const page of [
      "index.html",
      "404.html",
      "search/index.html",
      "partners/index.html",
      "categories/index.html",
      "regions/index.html",
      "companies/index.html",
      "sources/index.html",
      "tags/index.html",
      "news/index.html",
    ]) {
      expect(pages.has(page.split("/").join(path.sep)), page).toBe(true);
    }
    expect(
      [...pages.keys()].filter((p) => /^news[/\\]\d{4}[/\\]\d{2}[/\\][^/\\]+[/\\]index\.html$/.test(p)),
    ).toHaveLength(13);
  });

  it("has no internal href, src or srcset that does not resolve to a file", async () => {
    const broken: string[] = [];
    let checked = 0;
    for (const [file, html] of pages) {
      const urls = [
        ...[...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!),
        ...[...html.matchAll(/\ssrcset="([^"]*)"/g)].flatMap((m) =>
          m[1]!.split(",").map((candidate) => candidate.trim().split(/\s+/)[0]!),
        ),
      ];
      for (const url of urls) {
        if (!url.startsWith("/") || url.startsWith("//")) continue;
        checked++;
        if (!(await resolves(url))) broken.push(`${file}: ${url}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  it("passes `npm run check`, which fails on a tampered copy naming the page and the rule", async () => {
    const check = (site: string) =>
      promisify(execFile)(path.resolve("node_modules/.bin/tsx"), ["scripts/check.ts", "--site", site]).then(
        ({ stdout }) => ({ code: 0, out: stdout }),
        (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr }),
      );
    expect(await check(outDir)).toEqual({
      code: 0,
      out: "Audit passed: 13 article pages in " + outDir + "/ are compliant.\n",
    });
    const copy = await tempDir("demo-tampered");
    await cp(outDir, copy, { recursive: true });
    const file = path.join(copy, "news/2026/11/westlake-tea-cooperative-traceability/index.html");
    await writeFile(file, (await readFile(file, "utf8")).replace(/<aside class="disclaimer".*?<\/aside>/s, ""));
    const failed = await check(copy);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain(
      "/news/2026/11/westlake-tea-cooperative-traceability/: [disclaimer] expected the Xinhua-AsiaNet disclaimer naming Andaman Business Wire Directory exactly once, found it 0 times",
    );
  });

  it("validates as HTML", async () => {
    const validator = new HtmlValidate({
      extends: ["html-validate:recommended"],
      rules: {
        // Style preferences, not validity: lowercase `<!doctype html>` is standard HTML, and
        // long titles come from the wires' headlines.
        "doctype-style": "off",
        "no-trailing-whitespace": "off",
        "long-title": "off",
      },
    });
    const invalid: string[] = [];
    for (const [file, html] of pages) {
      const report = await validator.validateString(html, file);
      for (const message of report.results.flatMap((result) => result.messages))
        invalid.push(`${file}:${message.line}: ${message.message} (${message.ruleId})`);
    }
    expect(invalid).toEqual([]);
  });

  it("writes every XML file (feeds, sitemaps) well-formed for a strict parser", async () => {
    const files = await xmlFiles(outDir);
    for (const file of ["/feed.xml", "/rss.xml", "/sitemap.xml", "/news-sitemap.xml"]) expect(files).toContain(file);
    expect(await malformedXml(outDir)).toEqual([]);
  });

  it("has no inline script, inline style, event handler or javascript: URL anywhere (the CSP allows none)", () => {
    const offences = [...pages].flatMap(([file, html]) =>
      // The 404 page's search form and the search page's no-script note are ours.
      activeContent(html)
        .filter((o) => !/^<(form|input|button|noscript)$/i.test(o))
        .map((o) => `${file}: ${o}`),
    );
    expect(offences).toEqual([]);
  });

  it("keeps every article page's HTML plus CSS under 30 KB compressed", async () => {
    const cssFile = (await readdir(path.join(outDir, "assets"))).find((name) => name.endsWith(".css"))!;
    const css = await readFile(path.join(outDir, "assets", cssFile));
    const articles = [...pages].filter(([file]) => /^news[/\\]\d{4}[/\\]\d{2}[/\\][^/\\]+[/\\]index\.html$/.test(file));
    for (const [file, html] of articles) {
      const bytes = gzipSync(Buffer.concat([Buffer.from(html), css]), { level: 9 }).length;
      expect(bytes, file).toBeLessThan(30 * 1024);
    }
  });

  it("has no render-blocking script and no web fonts", () => {
    for (const [file, html] of pages) {
      const head = html.slice(0, html.indexOf("</head>"));
      for (const [tag] of head.matchAll(/<script\b[^>]*\ssrc=[^>]*>/g))
        expect(tag, file).toMatch(/\s(defer|async)[\s>]/);
      expect(html, file).not.toMatch(/fonts\.googleapis|\.woff2?\b/);
    }
  });

  it("never publishes the draft", () => {
    for (const [file, html] of pages) expect(html, file).not.toContain("Vision Partnership");
  });
});
