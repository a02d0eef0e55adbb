import { DateTime } from "luxon";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { buildDirectory } from "../../src/lib/site/directory.ts";
import { atomFeed, itemHtml, itemId } from "../../src/lib/site/feeds.ts";
import { disallowedUrls } from "../../src/lib/content/html-policy.ts";
import { renderArticleBody } from "../../src/lib/content/markdown.ts";
import { serializeJsonLd } from "../../src/lib/site/json-ld.ts";
import { newsArticles, sitemapFiles } from "../../src/lib/site/sitemaps.ts";
import { validateSiteConfig } from "../../src/lib/config/site-config.ts";
import { fixturePartners, fixtureSite } from "../helpers/fixture-site.ts";
import { makeArticle, newestFirst } from "../helpers/article-objects.ts";

const site = validateSiteConfig(fixtureSite);
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

describe("serializeJsonLd", () => {
  it("cannot be closed early by text inside it, and stays valid JSON", () => {
    const data = { headline: "</script><script>alert(1)</script> & \u2028" };
    const text = serializeJsonLd(data);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(data);
  });
});

describe("sitemapFiles", () => {
  const articles = newestFirst(Array.from({ length: 5 }, (_, i) => makeArticle({ slug: `s${i}` })));
  const directory = buildDirectory(articles, {
    partners: fixturePartners,
    locale: "en",
    pageSize: 20,
    feedSize: 50,
    relatedCount: 5,
  });

  it("writes one sitemap while the URLs fit", () => {
    const files = sitemapFiles(site, articles, directory, 1000);
    expect(files.map((f) => f.url)).toEqual(["/sitemap.xml"]);
    expect(xml.parse(files[0]!.content).urlset.url.length).toBe(
      directory.homePages.length + directory.indexPages.length + directory.termPages.length + 5,
    );
  });

  it("splits into files of at most the limit behind a sitemap index", () => {
    const files = sitemapFiles(site, articles, directory, 4);
    const index = xml.parse(files[0]!.content).sitemapindex.sitemap;
    expect(files[0]!.url).toBe("/sitemap.xml");
    expect(index.map((s: { loc: string }) => s.loc)).toEqual(
      files.slice(1).map((f) => `https://register.fixture.example${f.url}`),
    );
    for (const file of files.slice(1)) {
      const urls = [xml.parse(file.content).urlset.url].flat();
      expect(urls.length).toBeLessThanOrEqual(4);
    }
  });
});

describe("newsArticles", () => {
  it("keeps articles from the 48 hours up to now, newest 1 000 at most", () => {
    const now = DateTime.fromISO("2023-10-31T12:00:00+07:00");
    const articles = newestFirst(
      Array.from({ length: 1200 }, (_, i) =>
        makeArticle({ slug: `n${i}`, date: now.minus({ minutes: i * 2 }).toISO()! }),
      ),
    );
    const future = makeArticle({ slug: "future", date: now.plus({ minutes: 1 }).toISO()! });
    const old = makeArticle({ slug: "old", date: now.minus({ hours: 48, minutes: 1 }).toISO()! });
    const chosen = newsArticles([future, ...articles, old], now);
    expect(chosen).toHaveLength(1000);
    expect(chosen[0]?.slug).toBe("n0");
    expect(chosen.some((a) => a.slug === "future" || a.slug === "old")).toBe(false);
  });
});

describe("feeds", () => {
  it("uses the wire's guid as the item id, or the absolute URL", () => {
    expect(itemId(site, makeArticle({ guid: "abc-1", slug: "x" }))).toEqual({ id: "abc-1", isPermaLink: false });
    expect(itemId(site, makeArticle({ slug: "y", date: "2023-10-10T00:00:00+07:00" }))).toEqual({
      id: "https://register.fixture.example/news/2023/10/y/",
      isPermaLink: true,
    });
  });

  it("escapes titles and keeps an empty feed valid and stable", async () => {
    const article = makeArticle({ title: 'A <b>"bold"</b> & brave title', guid: "https://wire.example/id/1" });
    const feed = xml.parse(
      await atomFeed(site, { url: "/feed.xml", title: "Latest", alternateUrl: "/", articles: [article] }),
    ).feed;
    expect(feed.entry.title).toBe('A <b>"bold"</b> & brave title');
    expect(feed.entry.id).toBe("https://wire.example/id/1");
    const empty = await atomFeed(site, { url: "/feed.xml", title: "Latest", alternateUrl: "/", articles: [] });
    expect(xml.parse(empty).feed.updated).toBe("1970-01-01T00:00:00Z");
    expect(await atomFeed(site, { url: "/feed.xml", title: "Latest", alternateUrl: "/", articles: [] })).toBe(empty);
  });

  it("makes a sanitized body's URLs absolute without bringing a hidden scheme back", async () => {
    const bodyHtml = renderArticleBody(
      '<a href="&#x2003;javascript:alert(1)">a</a> <a href="&#x2028;javascript:alert(2)">b</a> [c](/news/) <a href="#top">d</a>',
    );
    const html = await itemHtml(site, makeArticle({ slug: "hidden-scheme", bodyHtml }));
    expect(html).toContain('<a href="https://register.fixture.example/news/">c</a>');
    expect(html).toContain('<a href="https://register.fixture.example/news/2023/10/hidden-scheme/#top">d</a>');
    expect(html).not.toMatch(/javascript/i);
    expect(disallowedUrls(html)).toEqual([]);
  });

  it("refuses to write an item whose HTML holds a URL the policy refuses, naming the article", async () => {
    const article = makeArticle({ slug: "unsafe", bodyHtml: '<p><a href="\u2028javascript:alert(1)">x</a></p>' });
    await expect(itemHtml(site, article)).rejects.toThrow(
      'articles/unsafe.md: `body`: expected links and images the HTML policy allows in the feed item, found "javascript:alert(1)"',
    );
  });
});
