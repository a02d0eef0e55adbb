import { DateTime } from "luxon";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { buildDirectory } from "../../../src/lib/site/directory.ts";
import { newsArticles, sitemapFiles } from "../../../src/lib/site/sitemaps.ts";
import { validateSiteConfig } from "../../../src/lib/config/site-config.ts";
import { fixturePartners, fixtureSite } from "../../helpers/fixture-site.ts";
import { makeArticle, newestFirst } from "../../helpers/article-objects.ts";
import { BUILT_IN_SECTIONS } from "../../../src/lib/config/sections.ts";

const site = validateSiteConfig(fixtureSite);

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

describe("sitemapFiles", () => {
  const articles = newestFirst(Array.from({ length: 5 }, (_, i) => makeArticle({ slug: `s${i}` })));
  const directory = buildDirectory(articles, {
    partners: fixturePartners,
    sections: BUILT_IN_SECTIONS,
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
