import { readdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { article, buildFixture, company, readPage, smallPhoto, tempDir, writeFiles } from "../helpers/fixture-site.ts";

/** One shared build of a small fixture site; the assertions below all read its output. */
let outDir: string;
let articlesDir: string;
let page: string;
let globePage: string;

const LEAD = "articles/2023/10/harbour-crane.md";

beforeAll(async () => {
  const root = await tempDir("site");
  articlesDir = path.join(root, "articles");
  await writeFiles(root, {
    "companies/harbour-crane-co.md": company({ name: '"Harbour Crane Co."' }),
    [LEAD]: article(
      {
        title: `'Harbour <script>alert("t")</script> Crane & Co. opens {{ site.name }} terminal'`,
        summary: '"Summary with <b>tags</b> & ampersands"',
        guid: "012345",
        source:
          '{ name: Xinhua Silk Road, title: "Original <i>headline</i>", url: "https://silkroad.example/a?b=1&c=2" }',
        originalUrl: "https://wire.example/releases/harbour?x=1&y=2",
        images: `
  - src: lead.jpg
    alt: 'A crane "lifting" a container'
    caption: Cranes at <dawn>.
    credit: Harbour Crane Co.
  - src: photos/second.jpg
    alt: The second photo
    caption: Second caption.
  - src: third.png
    alt: The third photo`,
        categories: "[Logistics, Ports]",
        companies: "[Harbour Crane Co.]",
      },
      [
        "First paragraph with {{ site.name }} and {% if true %}a tag{% endif %} and {{ 7 * 7 }}.",
        "",
        '<script>window.hacked = 1</script><img src="https://x.example/a.jpg" onerror="alert(1)"> <a href="JaVaScRiPt:alert(1)">click</a>',
        "",
        "Second paragraph with a [link](https://example.com/more).",
      ].join("\n"),
    ),
    "articles/2023/10/lead.jpg": await smallPhoto(1000, 625, "#1a5276"),
    "articles/2023/10/photos/second.jpg": await smallPhoto(320, 200, "#7d3c98"),
    "articles/2023/10/third.png": await sharp({
      create: { width: 320, height: 240, channels: 4, background: "#117a65" },
    })
      .png()
      .toBuffer(),
    "articles/2023/10/globe-release.md": article({
      title: "Globe release",
      partner: "globenewswire",
      date: "2023-10-23T20:00:00-04:00",
      dateline: "{ city: NEW YORK, country: United States }",
    }),
    "articles/2023/09/older.md": article({
      title: "Older release",
      date: "2023-09-30",
      dateline: '{ city: "XI\'AN, China" }',
    }),
    "articles/2023/10/draft.md": article({ title: "Secret draft", draft: "true" }),
    "articles/2023/10/embargoed.md": article({ title: "Embargoed release", embargo: "2023-11-01T09:00:00+07:00" }),
  });
  ({ outDir } = await buildFixture({ articlesDir, now: "2023-10-30T12:00:00+07:00" }));
  page = await readPage(outDir, "/news/2023/10/harbour-crane/");
  globePage = await readPage(outDir, "/news/2023/10/globe-release/");
});

const count = (html: string, needle: string) => html.split(needle).length - 1;

describe("the article page", () => {
  it("prints the dateline from the fields in AP style, dated in the release's own offset as the wire printed it", () => {
    // Run into the first paragraph, as the wires print it.
    expect(page).toContain('<p><span class="dateline">BEIJING, Oct. 24, 2023 /PRNewswire/ —</span> First paragraph');
    // 20:00 in New York on Oct. 23 is 07:00 on Oct. 24 in Bangkok: the wire printed Oct. 23,
    // and the page's other dates stay in the site's zone.
    expect(globePage).toContain('<span class="dateline">NEW YORK, Oct. 23, 2023 (GLOBE NEWSWIRE) —</span>');
    expect(globePage).toContain('<time datetime="2023-10-24T07:00:00+07:00">Oct. 24, 2023, 7 a.m. GMT+7</time>');
  });

  it("puts dates in <time datetime> in the site's zone", () => {
    expect(page).toContain('<time datetime="2023-10-24T08:00:00+07:00">Oct. 24, 2023, 8 a.m. GMT+7</time>');
  });

  it("escapes the title, summary and every text field", () => {
    expect(page).toContain(
      "<h1>Harbour &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; Crane &amp; Co. opens {{ site.name }} terminal</h1>",
    );
    expect(page).toContain(
      "<title>Harbour &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; Crane &amp; Co. opens {{ site.name }} terminal | Fixture Trade Register</title>",
    );
    expect(page).toContain('<p class="summary">Summary with &lt;b&gt;tags&lt;/b&gt; &amp; ampersands</p>');
    // The only script elements are JSON-LD data blocks, whose JSON escapes `<`.
    expect(page.match(/<script[^>]*>/g)).toEqual([
      '<script type="application/ld+json">',
      '<script type="application/ld+json">',
    ]);
    expect(page).not.toContain("</script>alert");
  });

  it("shows template tags in the body literally", () => {
    expect(page).toContain(
      "—</span> First paragraph with {{ site.name }} and {% if true %}a tag{% endif %} and {{ 7 * 7 }}.</p>",
    );
    expect(page).not.toContain("Fixture Trade Register and");
  });

  it("sanitizes the body", () => {
    expect(page).not.toMatch(/hacked|onerror|javascript:/i);
    expect(page).toContain('<img src="https://x.example/a.jpg" />');
    expect(page).toContain('<a href="https://example.com/more" rel="nofollow noopener noreferrer">link</a>');
  });

  it("draws every photo as a figure with a picture of AVIF, WebP and JPEG renditions", () => {
    expect(count(page, "<figure")).toBe(3);
    const lead = page.match(/<figure class="photo photo--lead">.*?<\/figure>/s)?.[0] ?? "";
    expect(lead).toMatch(
      /<source type="image\/avif" srcset="\/photos\/[\w-]+-480\.avif 480w, \/photos\/[\w-]+-800\.avif 800w" sizes="[^"]+">/,
    );
    expect(lead).toMatch(
      /<source type="image\/webp" srcset="\/photos\/[\w-]+-480\.webp 480w, \/photos\/[\w-]+-800\.webp 800w"/,
    );
    expect(lead).toMatch(
      /<img src="\/photos\/[\w-]+-800\.jpeg" srcset="\/photos\/[\w-]+-480\.jpeg 480w, \/photos\/[\w-]+-800\.jpeg 800w" sizes="[^"]+" alt="A crane &quot;lifting&quot; a container" width="800" height="500" loading="eager" fetchpriority="high" decoding="async">/,
    );
  });

  it("loads the lead photo eagerly and the others lazily", () => {
    expect(count(page, 'loading="eager" fetchpriority="high"')).toBe(1);
    expect(count(page, 'loading="lazy"')).toBe(2);
  });

  it("captions photos with caption and credit, and none when there is nothing to say", () => {
    expect(page).toContain(
      '<figcaption><span class="caption">Cranes at &lt;dawn&gt;.</span> <span class="credit">Harbour Crane Co.</span></figcaption>',
    );
    expect(page).toContain('<figcaption><span class="caption">Second caption.</span></figcaption>');
    expect(count(page, "<figcaption>")).toBe(2);
  });

  it("keeps a PNG fallback for a PNG photo", () => {
    expect(page).toMatch(/<img src="\/photos\/[\w-]+-320\.png"/);
  });

  it("copies every rendition a page refers to into the output, and nothing else", async () => {
    const referenced = new Set([...page.matchAll(/\/photos\/([\w-]+\.\w+)/g)].map((m) => m[1]));
    const written = new Set(await readdir(path.join(outDir, "photos")));
    expect(referenced.size).toBe(2 * 3 + 3 + 3);
    expect(written).toEqual(referenced);
  });

  it("prints the source line with the original publisher and headline", () => {
    expect(page).toContain(
      '<p class="source">Source: <a href="https://silkroad.example/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">Xinhua Silk Road</a>: Original &lt;i&gt;headline&lt;/i&gt;</p>',
    );
    expect(globePage).not.toContain('class="source"');
  });

  it("prints the original link with the partner's label", () => {
    expect(page).toContain(
      '<p class="original-link">View original content: <a href="https://wire.example/releases/harbour?x=1&amp;y=2" rel="nofollow noopener noreferrer">https://wire.example/releases/harbour?x=1&amp;y=2</a></p>',
    );
    expect(globePage).not.toContain('class="original-link"');
  });

  it("carries its own partner's disclaimer exactly once, with the site's name", () => {
    const prn =
      "The information provided in this article was created by Cision PR Newswire, our news partner. The author&#39;s opinions and the content shared on this page are their own and may not necessarily represent the perspectives of Fixture Trade Register.";
    const globe =
      "Fixture Trade Register republishes this release from GlobeNewswire without changes and takes no responsibility for it.";
    expect(count(page, prn)).toBe(1);
    expect(page).not.toContain(globe);
    expect(count(globePage, globe)).toBe(1);
    expect(globePage).not.toContain("created by Cision PR Newswire");
    expect(globePage).toMatch(
      /<img src="\/assets\/logo\.[0-9a-f]{10}\.svg" alt="GlobeNewswire" width="96" height="24">/,
    );
  });

  it("links categories and companies to their directory pages", () => {
    expect(page).toContain(
      '<dt>Categories</dt><dd><ul><li><a href="/categories/logistics/">Logistics</a></li><li><a href="/categories/ports/">Ports</a></li></ul></dd>',
    );
    expect(page).toContain(
      '<dt>Companies</dt><dd><ul><li><a href="/companies/harbour-crane-co/">Harbour Crane Co.</a></li></ul></dd>',
    );
  });

  it("has a canonical URL and the site's language", () => {
    expect(page).toContain(
      '<link rel="canonical" href="https://register.fixture.example/news/2023/10/harbour-crane/">',
    );
    expect(page).toContain('<html lang="en">');
  });

  it("reads a bare date in the site's zone", async () => {
    const older = await readPage(outDir, "/news/2023/09/older/");
    expect(older).toContain('<time datetime="2023-09-30T00:00:00+07:00">');
    expect(older).toContain('<span class="dateline">XI&#39;AN, China, Sept. 30, 2023 /PRNewswire/ —</span>');
  });
});

describe("publication", () => {
  it("builds no draft and no article under embargo", async () => {
    const files = (await readdir(path.join(outDir, "news"), { recursive: true })).map(String);
    // Article pages are year/month/slug/index.html; the rest are archive pages.
    expect(
      files
        .map((f) => f.split(path.sep).join("/"))
        .filter((f) => /^\d{4}\/\d{2}\/[^/]+\/index\.html$/.test(f))
        .sort(),
    ).toEqual(["2023/09/older/index.html", "2023/10/globe-release/index.html", "2023/10/harbour-crane/index.html"]);
    const home = await readPage(outDir, "/");
    expect(home).not.toMatch(/Secret draft|Embargoed release/);
  });

  it("publishes an embargoed article once its time has come", async () => {
    const later = await buildFixture({ articlesDir, now: "2023-11-01T09:00:00+07:00" });
    expect(await later.read("/news/2023/10/embargoed/")).toContain("<h1>Embargoed release</h1>");
    await expect(later.read("/news/2023/10/draft/")).rejects.toThrow(/ENOENT/);
  });
});

describe("the home page", () => {
  it("lists the latest articles, newest first, on the first page until there are two pages' worth", async () => {
    // Two a page here: three releases are the first page's (it holds 2 to 3), with no numbered page yet.
    const first = await readPage(outDir, "/");
    const titles = (html: string) => [...html.matchAll(/<h2><a href="([^"]+)">/g)].map((m) => m[1]);
    expect(titles(first)).toEqual([
      "/news/2023/10/harbour-crane/",
      "/news/2023/10/globe-release/",
      "/news/2023/09/older/",
    ]);
    expect(first).not.toContain('rel="next"');
    expect(first).not.toContain('rel="prev"');
    await expect(readPage(outDir, "/page/1/")).rejects.toThrow(/ENOENT/);
    // A card shows its date once, with the partner; the dateline is the article page's.
    expect(first).toContain(
      '<p class="article-card__meta"><time datetime="2023-10-24T08:00:00+07:00">Oct. 24, 2023</time> · Cision PR Newswire</p>',
    );
    expect(first).not.toContain('class="dateline"');
  });

  it("links only to pages that exist", async () => {
    const home = await readPage(outDir, "/");
    for (const [, href] of home.matchAll(/href="(\/[^"]*)"/g)) {
      const file = href!.endsWith("/") ? `${href}index.html` : href!;
      await expect(readPage(outDir, file), href).resolves.toBeTruthy();
    }
  });
});
