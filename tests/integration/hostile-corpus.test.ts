import { readdir, readFile, symlink } from "node:fs/promises";
import path from "node:path";
import { decodeHTML } from "entities";
import { beforeAll, describe, expect, it } from "vitest";
import { renderArticleBody } from "../../src/lib/content/markdown.ts";
import { disallowedUrls } from "../../src/lib/content/html-policy.ts";
import { article, buildFixture, smallPhoto, tempDir, writeFiles } from "../helpers/fixture-site.ts";
import { activeContent, articleBody } from "../helpers/html-checks.ts";
import { feedItemsHtml, malformedXml, xmlFiles } from "../helpers/xml-checks.ts";
import { caseUrl, ERROR_CASES, SAFE_CASES, safeCaseFiles, SLOW_MARKDOWN } from "../helpers/hostile-corpus.ts";

describe("a corpus of hostile and broken inputs", () => {
  it("holds at least 40 cases", () => {
    expect(SAFE_CASES.length + SLOW_MARKDOWN.length + ERROR_CASES.length).toBeGreaterThanOrEqual(40);
  });

  it("has a checker that does see active content (so the checks below can fail)", () => {
    expect(activeContent('<p><img src=x onerror="alert(1)"></p>')).toEqual([
      'onerror in <img src=x onerror="alert(1)">',
    ]);
    expect(activeContent("<script>alert(1)</script>")).toEqual(["<script>"]);
    expect(activeContent('<a href="javascript:alert(1)">x</a>')).toEqual(['href="javascript:alert(1)']);
    expect(activeContent('<p style="color:red">x</p><iframe src="/x">')).toEqual([
      'style in <p style="color:red">',
      "<iframe",
    ]);
    expect(
      activeContent('<meta content="&lt;img src=x onerror=alert(1)&gt;"><script type="application/ld+json">'),
    ).toEqual([]);
  });

  describe("ending in safe output", () => {
    let outDir: string;
    beforeAll(async () => {
      const root = await tempDir("hostile");
      await writeFiles(root, await safeCaseFiles());
      ({ outDir } = await buildFixture({ articlesDir: path.join(root, "articles"), now: "2024-01-02T00:00:00+07:00" }));
    });

    it.each(SAFE_CASES.map((item) => [item.name, item] as const))("%s", async (_name, item) => {
      const html = await readFile(path.join(outDir, caseUrl(item), "index.html"), "utf8");
      const offences = activeContent(html);
      expect(offences).toEqual([]);
      expect(disallowedUrls(html)).toEqual([]);
      expect(html).not.toContain('window.__pwned=1"');
      // Nothing in the body may carry an id or a name (DOM clobbering).
      expect(articleBody(html)).not.toMatch(/\s(id|name)=/);
      for (const text of item.shows ?? [])
        expect(html.includes(text) || decodeHTML(html).includes(text), text).toBe(true);
      for (const text of item.hides ?? []) expect(html).not.toContain(text);
    });

    it("writes every feed item inert, with no URL the HTML policy refuses", async () => {
      const feeds = (await readdir(outDir, { recursive: true }))
        .map(String)
        .filter((file) => /(^|\/)(feed\.xml|rss\.xml|feed\.json)$/.test(file.split(path.sep).join("/")));
      expect(feeds.length).toBeGreaterThanOrEqual(6);
      let items = 0;
      for (const feed of feeds) {
        for (const html of feedItemsHtml(feed, await readFile(path.join(outDir, feed), "utf8"))) {
          items++;
          expect(activeContent(html), feed).toEqual([]);
          expect(disallowedUrls(html), feed).toEqual([]);
          expect(html, feed).not.toMatch(/(href|src)="[^"]*javascript:|http:\/\/cdn\.x\.invalid/);
        }
      }
      expect(items).toBeGreaterThan(SAFE_CASES.length);
    });

    it("writes every XML file well-formed for a strict parser", async () => {
      expect((await xmlFiles(outDir)).length).toBeGreaterThanOrEqual(6);
      expect(await malformedXml(outDir)).toEqual([]);
    });

    it("keeps directory and home pages inert too", async () => {
      for (const sitePath of [
        "/index.html",
        "/companies/index.html",
        "/tags/index.html",
        "/feed.xml",
        // The profile with markup in every field, its feed and the company index by industry and country.
        "/companies/xss-company/index.html",
        "/companies/xss-company/feed.xml",
        "/companies/by-industry/index.html",
        "/companies/by-country/index.html",
      ]) {
        const text = await readFile(path.join(outDir, sitePath), "utf8");
        if (sitePath.endsWith(".html")) expect(activeContent(text), sitePath).toEqual([]);
        expect(text, sitePath).not.toMatch(/<img src=x onerror|<svg onload|<b onclick|<\/script><script>/);
      }
      const profile = await readFile(path.join(outDir, "/companies/xss-company/index.html"), "utf8");
      // Markup in the profile is shown as text; its description lost its script and its javascript: link.
      expect(profile).toContain("&lt;b onclick=window.__pwned=1&gt;Press&lt;/b&gt;");
      expect(profile).toContain('<div class="company-description"><p>About us ');
    });
  });

  describe("ending in a clear error", () => {
    it.each(ERROR_CASES.map((item) => [item.name, item] as const))("%s", async (_name, item) => {
      const root = await tempDir("hostile-error");
      await writeFiles(path.join(root, "articles"), item.files);
      for (const [link, target] of Object.entries(item.outsideLinks ?? {})) {
        const outside = await tempDir("outside");
        await writeFiles(outside, { [target]: target.endsWith(".md") ? article() : await smallPhoto(40, 30) });
        await symlink(path.join(outside, target), path.join(root, "articles", link));
      }
      const error = await buildFixture({ articlesDir: path.join(root, "articles"), search: false }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(item.error);
    });
  });

  describe("Markdown that makes parsers slow renders in well under a second", () => {
    it.each(SLOW_MARKDOWN.map((item) => [item.name, item.body] as const))("%s", (_name, body) => {
      const started = performance.now();
      const html = renderArticleBody(body);
      // A guard against catastrophic backtracking (minutes), not a performance target.
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(activeContent(html)).toEqual([]);
    });
  });
});
