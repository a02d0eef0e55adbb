import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { atomFeed, itemHtml, itemId } from "../../../src/lib/site/feeds.ts";
import { disallowedUrls } from "../../../src/lib/content/html-policy.ts";
import { renderArticleBody } from "../../../src/lib/content/markdown.ts";
import { validateSiteConfig } from "../../../src/lib/config/site-config.ts";
import { fixtureSite } from "../../helpers/fixture-site.ts";
import { makeArticle } from "../../helpers/article-objects.ts";

const site = validateSiteConfig(fixtureSite);

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

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

  it("takes an item from the store when it has one, and asks the store once per article for every feed", async () => {
    const kept = makeArticle({ slug: "kept", bodyHtml: "<p>Body.</p>" });
    const fresh = makeArticle({ slug: "fresh", bodyHtml: "<p>Fresh body.</p>" });
    const asked: string[] = [];
    const store = async (article: typeof kept, render: () => Promise<string>) => {
      asked.push(article.slug);
      return article === kept ? "<p>Kept item.</p>" : render();
    };
    const feed = { url: "/feed.xml", title: "Latest", alternateUrl: "/", articles: [kept, fresh] };
    const entries = xml.parse(await atomFeed(site, feed, store)).feed.entry;
    await atomFeed(site, { ...feed, url: "/partners/x/feed.xml" }, store);
    expect(entries[0].content["#text"]).toBe("<p>Kept item.</p>");
    expect(entries[1].content["#text"]).toContain("<p>Fresh body.</p>");
    expect(entries[1].content["#text"]).toContain(
      "may not necessarily represent the perspectives of Fixture Trade Register",
    );
    expect(asked).toEqual(["kept", "fresh"]);
  });
});
