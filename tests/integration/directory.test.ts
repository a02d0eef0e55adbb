import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import type { Partner } from "../../src/lib/config/partners.ts";
import {
  article,
  buildFixture,
  company,
  fixturePartners,
  fixtureSite,
  smallPhoto,
  tempDir,
  writeFiles,
} from "../helpers/fixture-site.ts";
import { mergedBundles, searchBuiltSite } from "../helpers/pagefind-query.ts";

/**
 * One shared directory build: terms holding 1, 20, 21 and 41 articles (page size 20), partners
 * with each indexing policy, a pinned "now" for the news sitemap, and Pagefind on, its index in
 * segments of at most 10 articles (47 articles: five or more) so every search below runs across segments.
 */
const NOW = "2023-10-31T12:00:00+07:00";
const partners: Partner[] = [
  ...fixturePartners,
  { ...fixturePartners[0]!, id: "hidden-wire", name: "Hidden Wire", indexing: "noindex" },
  { ...fixturePartners[0]!, id: "quiet-wire", name: "Quiet Wire", indexing: "googlebot-news-noindex" },
  { ...fixturePartners[0]!, id: "origin-wire", name: "Origin Wire", indexing: "canonical-to-original" },
  { ...fixturePartners[0]!, id: "idle-wire", name: "Idle Wire", indexing: "index" },
];
let outDir: string;
const read = (sitePath: string) =>
  readFile(path.join(outDir, sitePath.endsWith("/") ? `${sitePath}index.html` : sitePath), "utf8");
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

beforeAll(async () => {
  const root = await tempDir("directory");
  const files: Record<string, string | Buffer> = {};
  // 41 "Bulk" articles, one per hour going back from Oct. 30; 21 of them are also "Medium", 20 "Twenty".
  for (let i = 0; i < 41; i++) {
    const date = new Date(Date.parse("2023-10-30T12:00:00+07:00") - i * 3_600_000).toISOString().replace(".000Z", "Z");
    const categories = ["Bulk", ...(i < 21 ? ["Medium"] : []), ...(i < 20 ? ["Twenty"] : [])];
    files[`articles/bulk/bulk-${String(i).padStart(2, "0")}.md`] = article({
      title: `Bulk release ${i}`,
      date,
      categories: `[${categories.join(", ")}]`,
    });
  }
  Object.assign(files, {
    "companies/lotus-grid-energy.md": company({ name: "Lotus Grid Energy" }),
    "articles/solar.md": article(
      {
        title: "Lotus Grid commissions heliostat array",
        summary: "A heliostat field for a fictional company.",
        date: "2023-10-31T09:00:00+07:00",
        categories: "[Energy, Énergie Verte]",
        tags: "[heliostat]",
        companies: "[Lotus Grid Energy]",
        regions: "[Asia]",
        source: "{ name: Xinhua Silk Road, title: Heliostats in the desert }",
        originalUrl: "https://wire.example/solar",
        guid: "prn-0001",
        images: "[{ src: solar.jpg, alt: Mirrors in a field }]",
      },
      "Lotus Grid Energy switched on a field of quadrillium heliostats. {{ not.a.template }}",
    ),
    "articles/solar.jpg": await smallPhoto(300, 200, "#d4ac0d"),
    "articles/hidden.md": article({
      title: "Hidden wire release",
      partner: "hidden-wire",
      date: "2023-10-31T08:00:00+07:00",
      categories: "[Single]",
    }),
    "articles/quiet.md": article({
      title: "Quiet wire release",
      partner: "quiet-wire",
      date: "2023-10-31T07:00:00+07:00",
    }),
    "articles/origin.md": article({
      title: "Origin wire release",
      partner: "origin-wire",
      date: "2023-10-31T06:00:00+07:00",
      originalUrl: "https://origin.example/release",
    }),
    "articles/origin-no-url.md": article({
      title: "Origin wire without URL",
      partner: "origin-wire",
      date: "2023-10-31T05:00:00+07:00",
    }),
    "articles/globe.md": article({
      title: "Globe release about ÉNERGIE verte",
      partner: "globenewswire",
      date: "2023-10-20T09:00:00+07:00",
      categories: "[energie verte]",
      dateline: "{ city: TORONTO, country: Canada }",
    }),
  });
  await writeFiles(root, files);
  ({ outDir } = await buildFixture({
    articlesDir: path.join(root, "articles"),
    site: { ...fixtureSite, pageSize: 20 },
    partners,
    now: NOW,
    search: true,
    searchSegmentSize: 10,
  }));
});

describe("directory pages", () => {
  it("has an index and per-term pages for every taxonomy, with counts", async () => {
    const categories = await read("/categories/");
    expect(categories).toContain('<a href="/categories/bulk/">Bulk</a> <span class="count">(41)</span>');
    expect(categories).toContain('<a href="/categories/single/">Single</a> <span class="count">(1)</span>');
    for (const url of [
      "/partners/",
      "/partners/prnewswire/",
      "/sources/",
      "/sources/xinhua-silk-road/",
      "/regions/",
      "/regions/china/",
      "/regions/china/beijing/",
      "/regions/asia/",
      "/companies/",
      "/companies/lotus-grid-energy/",
      "/tags/",
      "/tags/heliostat/",
      "/news/",
      "/news/2023/",
      "/news/2023/10/",
    ]) {
      expect(await read(url), url).toContain("<h1>");
    }
  });

  it.each([
    ["single", 1, 0],
    ["twenty", 20, 0],
    ["medium", 21, 0],
    ["bulk", 41, 1],
  ])(
    "paginates a term of %s (%i articles) with %i numbered pages of 20, from the oldest",
    async (slug, count, numbered) => {
      // Newest first: the first page, then the numbered pages from the highest number down to 1.
      const urls = [
        `/categories/${slug}/`,
        ...Array.from({ length: numbered }, (_, i) => `/categories/${slug}/page/${numbered - i}/`),
      ];
      let seen = 0;
      for (const [index, url] of urls.entries()) {
        const html = await read(url);
        seen += (html.match(/<article class="article-card">/g) ?? []).length;
        expect(html.includes('rel="prev"'), url).toBe(index > 0);
        expect(html.includes('rel="next"'), url).toBe(index < urls.length - 1);
      }
      expect(seen).toBe(count);
      await expect(read(`/categories/${slug}/page/${numbered + 1}/`)).rejects.toThrow(/ENOENT/);
      if (numbered === 0) await expect(read(`/categories/${slug}/page/1/`)).rejects.toThrow(/ENOENT/);
    },
  );

  it("makes no page for a partner without articles", async () => {
    await expect(read("/partners/idle-wire/")).rejects.toThrow(/ENOENT/);
    expect(await read("/partners/")).not.toContain("Idle Wire");
  });

  it("merges terms that differ only in case or accents into one page, and one search filter value", async () => {
    const html = await read("/categories/energie-verte/");
    expect((html.match(/<article class="article-card">/g) ?? []).length).toBe(2);
    // One spelling each ("Énergie Verte", "energie verte"): the tie goes to the first in code-point order.
    expect(html).toContain("<h1>energie verte</h1>");
    const hits = await searchBuiltSite(outDir, null, { category: "energie verte" });
    expect(hits.map((hit) => hit.title).sort()).toEqual([
      "Globe release about ÉNERGIE verte",
      "Lotus Grid commissions heliostat array",
    ]);
    expect(await searchBuiltSite(outDir, null, { category: "Énergie Verte" })).toEqual([]);
  });

  it("puts breadcrumbs with BreadcrumbList JSON-LD on directory and article pages", async () => {
    const term = await read("/categories/bulk/page/1/");
    expect(term).toContain('<nav class="breadcrumbs" aria-label="Breadcrumb">');
    expect(term).toMatch(
      /<a href="\/">Home<\/a>.*<a href="\/categories\/">Categories<\/a>.*<a href="\/categories\/bulk\/">Bulk<\/a>.*<span aria-current="page">Page 1<\/span>/s,
    );
    const articlePage = await read("/news/2023/10/solar/");
    expect(articlePage).toMatch(
      /<a href="\/partners\/">Partners<\/a>.*<a href="\/partners\/prnewswire\/">Cision PR Newswire<\/a>.*<span aria-current="page">Lotus Grid commissions heliostat array<\/span>/s,
    );
  });

  it("shows related articles, never the article itself", async () => {
    const html = await read("/news/2023/10/bulk-00/");
    const related = html.match(/<section class="related".*?<\/section>/s)?.[0] ?? "";
    expect(related.match(/<li>/g)).toHaveLength(5);
    expect(related).not.toContain('href="/news/2023/10/bulk-00/"');
    expect(related).toContain('href="/news/2023/10/bulk-01/"');
    // Each with its date and partner (and its summary, when it has one).
    expect(related).toMatch(
      /<li><a href="\/news\/2023\/10\/bulk-01\/">Bulk release 1<\/a><p class="related__meta"><time datetime="2023-10-30T\d\d:00:00\+07:00">Oct\. 30, 2023<\/time> · Cision PR Newswire<\/p><\/li>/,
    );
  });

  it("has a helpful 404 page and a search page", async () => {
    const notFound = await read("/404.html");
    expect(notFound).toContain('<form class="search-form" action="/search/" method="get" role="search">');
    expect(notFound).toContain('<meta name="robots" content="noindex">');
    // Every section of the directory, as the navigation lists them (Sources and Tags were missing).
    const list = /<h2>Browse<\/h2>\s*<ul class="term-children">(.*?)<\/ul>/s.exec(notFound)?.[1] ?? "";
    expect([...list.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((match) => `${match[2]} ${match[1]}`)).toEqual([
      "Latest news /",
      "Partners /partners/",
      "Categories /categories/",
      "Regions /regions/",
      "Companies /companies/",
      "Sources /sources/",
      "Tags /tags/",
      "Archive /news/",
    ]);
    const search = await read("/search/");
    expect(search).toContain('<script src="/pagefind/pagefind-ui.js" defer></script>');
    // 47 articles in segments of at most 10: at least four merged into the first, each in the output.
    const merged =
      /<div id="search" class="search" data-merge-index="([^"]*)"><\/div>/.exec(search)?.[1]?.split(" ") ?? [];
    expect(merged.length).toBeGreaterThanOrEqual(4);
    for (const bundle of merged) {
      expect(bundle).toMatch(/^\/pagefind\/s-[0-9a-f]{16}\/$/);
      await expect(readFile(path.join(outDir, bundle, "pagefind-entry.json"), "utf8")).resolves.toContain("languages");
    }
  });
});

describe("metadata and indexing policy", () => {
  const jsonLdBlocks = (html: string) =>
    [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!));

  it("parses every JSON-LD block on every page", async () => {
    const files = (await readdir(outDir, { recursive: true })).map(String).filter((f) => f.endsWith(".html"));
    let blocks = 0;
    for (const file of files) {
      for (const block of jsonLdBlocks(await readFile(path.join(outDir, file), "utf8"))) {
        expect(block["@context"], file).toBe("https://schema.org");
        blocks++;
      }
    }
    expect(blocks).toBeGreaterThan(files.length);
  });

  it("describes an article as a NewsArticle", async () => {
    const [news, crumbs] = jsonLdBlocks(await read("/news/2023/10/solar/"));
    expect(news).toMatchObject({
      "@type": "NewsArticle",
      headline: "Lotus Grid commissions heliostat array",
      datePublished: "2023-10-31T09:00:00+07:00",
      dateModified: "2023-10-31T09:00:00+07:00",
      dateline: "BEIJING, Oct. 31, 2023 /PRNewswire/ —",
      author: { "@type": "Organization", name: "Lotus Grid Energy" },
      publisher: { "@type": "Organization", name: "Fixture Trade Register", url: "https://register.fixture.example/" },
      isBasedOn: "https://wire.example/solar",
      mainEntityOfPage: "https://register.fixture.example/news/2023/10/solar/",
    });
    expect(news.image[0]).toMatch(/^https:\/\/register\.fixture\.example\/photos\/[\w-]+-300\.jpeg$/);
    expect(crumbs["@type"]).toBe("BreadcrumbList");
    expect(crumbs.itemListElement.map((item: { name: string }) => item.name)).toEqual([
      "Home",
      "Partners",
      "Cision PR Newswire",
      "Lotus Grid commissions heliostat array",
    ]);
  });

  it("has Open Graph and Twitter card tags and a canonical link", async () => {
    const html = await read("/news/2023/10/solar/");
    expect(html).toContain('<link rel="canonical" href="https://register.fixture.example/news/2023/10/solar/">');
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).toContain('<meta property="og:title" content="Lotus Grid commissions heliostat array">');
    expect(html).toMatch(
      /<meta property="og:image" content="https:\/\/register\.fixture\.example\/photos\/[\w-]+-300\.jpeg">/,
    );
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
  });

  it("applies each partner's indexing policy", async () => {
    const hidden = await read("/news/2023/10/hidden/");
    expect(hidden).toContain('<meta name="robots" content="noindex">');
    const quiet = await read("/news/2023/10/quiet/");
    expect(quiet).toContain('<meta name="googlebot-news" content="noindex">');
    expect(quiet).not.toContain('name="robots"');
    expect(await read("/news/2023/10/origin/")).toContain(
      '<link rel="canonical" href="https://origin.example/release">',
    );
    expect(await read("/news/2023/10/origin-no-url/")).toContain(
      '<link rel="canonical" href="https://register.fixture.example/news/2023/10/origin-no-url/">',
    );
    const indexed = await read("/news/2023/10/solar/");
    expect(indexed).not.toMatch(/name="(robots|googlebot-news)"/);
  });

  it("gives directory pages their own canonical and description", async () => {
    const html = await read("/categories/bulk/page/1/");
    expect(html).toContain('<link rel="canonical" href="https://register.fixture.example/categories/bulk/page/1/">');
    expect(html).toContain(
      '<meta name="description" content="Bulk, page 1: older releases, the pages numbered from the oldest.">',
    );
    expect(await read("/categories/bulk/")).toContain(
      '<meta name="description" content="41 releases filed under category Bulk.">',
    );
  });
});

describe("sitemaps and robots.txt", () => {
  it("lists indexable articles and directory pages, and leaves out noindex and canonical-elsewhere pages", async () => {
    const urls = asList(xml.parse(await read("/sitemap.xml")).urlset.url).map((u: { loc: string }) => u.loc);
    expect(urls).toContain("https://register.fixture.example/news/2023/10/solar/");
    expect(urls).toContain("https://register.fixture.example/news/2023/10/quiet/");
    expect(urls).toContain("https://register.fixture.example/news/2023/10/origin-no-url/");
    expect(urls).toContain("https://register.fixture.example/categories/bulk/page/1/");
    expect(urls).not.toContain("https://register.fixture.example/news/2023/10/hidden/");
    expect(urls).not.toContain("https://register.fixture.example/news/2023/10/origin/");
    expect(new Set(urls).size).toBe(urls.length);
  });

  it("holds only the last 48 hours in the news sitemap, without news-noindex partners", async () => {
    const parsed = xml.parse(await read("/news-sitemap.xml"));
    const items = asList(parsed.urlset.url);
    const urls = items.map((u: { loc: string }) => u.loc.replace("https://register.fixture.example", ""));
    // Now is Oct. 31 12:00; the bulk articles go back one per hour from Oct. 30 12:00.
    expect(urls).toContain("/news/2023/10/solar/");
    expect(urls).toContain("/news/2023/10/bulk-00/");
    expect(urls).toContain("/news/2023/10/bulk-24/"); // Oct. 29 12:00: exactly 48 hours
    expect(urls).not.toContain("/news/2023/10/bulk-25/");
    expect(urls).not.toContain("/news/2023/10/globe/");
    expect(urls).not.toContain("/news/2023/10/quiet/");
    expect(urls).not.toContain("/news/2023/10/hidden/");
    expect(items[0]["news:news"]).toEqual({
      "news:publication": { "news:name": "Fixture Trade Register", "news:language": "en" },
      "news:publication_date": "2023-10-31T09:00:00+07:00",
      "news:title": "Lotus Grid commissions heliostat array",
    });
  });

  it("names both sitemaps in robots.txt", async () => {
    expect(await read("/robots.txt")).toBe(
      "User-agent: *\nAllow: /\n\nSitemap: https://register.fixture.example/sitemap.xml\nSitemap: https://register.fixture.example/news-sitemap.xml\n",
    );
  });
});

describe("feeds", () => {
  it("parses every feed in the build back, each item with a title, an absolute link, an id and the disclaimer", async () => {
    const files = (await readdir(outDir, { recursive: true }))
      .map(String)
      .filter((f) => /(^|[/\\])feed\.xml$|^rss\.xml$|^feed\.json$/.test(f));
    // Site Atom, RSS and JSON; 5 partners with articles; 6 categories (the two "énergie verte"
    // spellings are one); 1 company.
    expect(files.length).toBe(3 + 5 + 6 + 1);
    for (const file of files) {
      const text = await readFile(path.join(outDir, file), "utf8");
      const items = file.endsWith(".json")
        ? JSON.parse(text).items.map((i: Record<string, string>) => ({
            title: i.title,
            link: i.url,
            id: i.id,
            content: i.content_html,
          }))
        : file === "rss.xml"
          ? asList(xml.parse(text).rss.channel.item).map((i: Record<string, Record<string, string>>) => ({
              title: i.title,
              link: i.link,
              id: i.guid!["#text"],
              content: i.description,
            }))
          : asList(xml.parse(text).feed.entry).map((e: Record<string, Record<string, string>>) => ({
              title: e.title,
              link: e.link!["@href"],
              id: e.id,
              content: e.content!["#text"],
            }));
      expect(items.length, file).toBeGreaterThan(0);
      for (const item of items) {
        expect(item.title, file).toBeTruthy();
        expect(item.link, file).toMatch(/^https:\/\/register\.fixture\.example\/news\//);
        expect(item.id, file).toBeTruthy();
        expect(item.content, file).toMatch(/our news partner|republishes this release/);
      }
    }
  });

  it("parses the site's Atom feed back, with stable ids and the disclaimer in each item", async () => {
    const feed = xml.parse(await read("/feed.xml")).feed;
    expect(feed.title).toBe("Latest news | Fixture Trade Register");
    const entries = asList(feed.entry);
    expect(entries).toHaveLength(47);
    const solar = entries[0];
    expect(solar.id).toBe("urn:dateline:guid:prn-0001");
    expect(solar.link["@href"]).toBe("https://register.fixture.example/news/2023/10/solar/");
    expect(solar.content["#text"]).toContain("created by Cision PR Newswire, our news partner");
    expect(solar.content["#text"]).toMatch(/src="https:\/\/register\.fixture\.example\/photos\//);
    expect(solar.content["#text"]).toContain("{{ not.a.template }}");
    expect(entries[1].id).toBe("https://register.fixture.example/news/2023/10/hidden/");
  });

  it("parses RSS and JSON Feed back", async () => {
    const rss = xml.parse(await read("/rss.xml")).rss.channel;
    const item = asList(rss.item)[0];
    expect(item.guid).toEqual({ "#text": "prn-0001", "@isPermaLink": "false" });
    expect(item.pubDate).toBe("Tue, 31 Oct 2023 09:00:00 +0700");
    const json = JSON.parse(await read("/feed.json"));
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.items[0]).toMatchObject({
      id: "prn-0001",
      url: "https://register.fixture.example/news/2023/10/solar/",
      external_url: "https://wire.example/solar",
    });
  });

  it("has an Atom feed per partner and per category, linked from the matching page", async () => {
    const partnerFeed = xml.parse(await read("/partners/globenewswire/feed.xml")).feed;
    expect(asList(partnerFeed.entry).map((e: { title: string }) => e.title)).toEqual([
      "Globe release about ÉNERGIE verte",
    ]);
    expect(asList(partnerFeed.entry)[0].content["#text"]).toContain("republishes this release from GlobeNewswire");
    const categoryFeed = xml.parse(await read("/categories/bulk/feed.xml")).feed;
    expect(asList(categoryFeed.entry)).toHaveLength(41);
    expect(await read("/categories/bulk/")).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Bulk | Fixture Trade Register" href="/categories/bulk/feed.xml">',
    );
    expect(await read("/news/2023/10/solar/")).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Fixture Trade Register: latest news (Atom)" href="/feed.xml">',
    );
  });
});

describe("search", () => {
  it("is built in segments that the search page merges; a merged segment holds only its data", async () => {
    const bundles = await mergedBundles(outDir);
    expect(bundles).toHaveLength(4);
    const folders = bundles.map((bundle) => bundle.replace(/^\/pagefind\//, "").replace(/\/$/, ""));
    const first = (await readdir(path.join(outDir, "pagefind"))).sort();
    expect(first).toEqual(
      expect.arrayContaining([
        "pagefind.js",
        "pagefind-ui.js",
        "pagefind-entry.json",
        "wasm.en.pagefind",
        "fragment",
        "index",
        "filter",
        "dateline",
        ...folders,
      ]),
    );
    for (const folder of folders)
      expect((await readdir(path.join(outDir, "pagefind", folder))).sort()).toEqual([
        "filter",
        "fragment",
        "index",
        "pagefind-entry.json",
        expect.stringMatching(/^pagefind\.en_\w+\.pf_meta$/),
      ]);
    // 47 articles in segments of at most 10, cut from the oldest end: the newest holds the 7 left.
    const pages = async (folder: string) =>
      JSON.parse(await readFile(path.join(outDir, "pagefind", folder, "pagefind-entry.json"), "utf8")).languages.en
        .page_count;
    expect([await pages("."), ...(await Promise.all(folders.map(pages)))]).toEqual([7, 10, 10, 10, 10]);
  });

  it("finds every matching article across the segments, each once", async () => {
    const hits = await searchBuiltSite(outDir, "bulk");
    expect(hits).toHaveLength(41);
    expect(new Set(hits.map((h) => h.url)).size).toBe(41);
  });

  it("finds a known article by a word in its body", async () => {
    const hits = await searchBuiltSite(outDir, "quadrillium");
    expect(hits.map((h) => h.url)).toEqual(["/news/2023/10/solar/"]);
    expect(hits[0]?.filters).toMatchObject({
      partner: ["Cision PR Newswire"],
      category: ["Energy", "energie verte"],
      region: ["China"],
      year: ["2023"],
    });
  });

  it("narrows results with a filter", async () => {
    const all = await searchBuiltSite(outDir, "release");
    const globe = await searchBuiltSite(outDir, "release", { partner: "GlobeNewswire" });
    expect(all.length).toBeGreaterThan(1);
    expect(globe.map((h) => h.url)).toEqual(["/news/2023/10/globe/"]);
    expect((await searchBuiltSite(outDir, null, { region: "Canada" })).map((h) => h.url)).toEqual([
      "/news/2023/10/globe/",
    ]);
  });

  it("indexes articles only, not navigation, footers or disclaimers", async () => {
    expect(await searchBuiltSite(outDir, "perspectives")).toEqual([]);
    expect(await searchBuiltSite(outDir, "republishes")).toEqual([]);
    const hits = await searchBuiltSite(outDir, "bulk");
    expect(hits.every((h) => h.url.startsWith("/news/2023/"))).toBe(true);
  });
});
