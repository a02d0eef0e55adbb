import { readFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { validateSiteConfig, type SiteConfigInput } from "../../src/lib/config/site-config.ts";
import { validateImportConfig } from "../../src/lib/import/import-config.ts";
import { importReleases } from "../../src/lib/import/run.ts";
import { createArticleFile } from "../../scripts/lib/new-article.ts";
import { article, buildFixture, fixturePartners, fixtureSite, tempDir, writeFiles } from "../helpers/fixture-site.ts";
import { searchBuiltSite } from "../helpers/pagefind-query.ts";

/**
 * A section added by configuration alone: the site below declares "industries" in its settings
 * and nothing else changes. The schema, the directory, the layouts, search, page metadata,
 * feeds, the importer and the `new` template must all know it.
 */
const site: SiteConfigInput = {
  ...fixtureSite,
  sections: [
    {
      key: "industries",
      title: "Industries",
      singular: "Industry",
      description: "Releases by industry.",
      feeds: true,
      relatedRank: 1,
      searchFilter: "industry",
      meta: "section",
      importMapping: true,
    },
  ],
};
const sections = validateSiteConfig(site).sections;

let outDir: string;
let read: (sitePath: string) => Promise<string>;

beforeAll(async () => {
  const root = await tempDir("added-section");
  await writeFiles(root, {
    "articles/grid.md": article({
      title: "Lotus Grid commissions a heliostat array",
      date: "2023-10-24T09:00:00+08:00",
      categories: "[Energy]",
      industries: "[Utilities, Solar Power]",
    }),
    "articles/meters.md": article({
      title: "Quillmoor Meters ships smart meters",
      date: "2023-10-20T09:00:00+08:00",
      industries: "[utilities]",
    }),
    "articles/tea.md": article({ title: "Westlake Tea opens a shop", date: "2023-10-22T09:00:00+08:00" }),
  });
  ({ outDir, read } = await buildFixture({ articlesDir: path.join(root, "articles"), site, search: true }));
});

describe("a section added in the site configuration", () => {
  it("has an index page and a page per term, spellings merged, newest first", async () => {
    const index = await read("/industries/");
    expect(index).toContain("<h1>Industries</h1>");
    expect(index).toContain("Releases by industry.");
    expect(index).toMatch(/href="\/industries\/utilities\/"[^>]*>Utilities/);
    const utilities = await read("/industries/utilities/");
    expect(utilities.indexOf("Lotus Grid")).toBeGreaterThan(0);
    expect(utilities.indexOf("Lotus Grid")).toBeLessThan(utilities.indexOf("Quillmoor Meters"));
    expect(utilities).not.toContain("Westlake Tea");
  });

  it("is in the navigation of every page and in the 404 page's browse list", async () => {
    for (const page of ["/", "/news/2023/10/tea/", "/categories/", "/search/"])
      expect(await read(page)).toMatch(/<nav[^>]*>[\s\S]*href="\/industries\/"[^>]*>Industries<[\s\S]*<\/nav>/);
    expect(await read("/404.html")).toContain('<a href="/industries/">Industries</a>');
  });

  it("lists an article's industries at its foot and relates articles that share one", async () => {
    const page = await read("/news/2023/10/grid/");
    expect(page).toMatch(/Industries[\s\S]*href="\/industries\/utilities\/"[^>]*>Utilities</);
    expect(page).toMatch(/href="\/industries\/solar-power\/"[^>]*>Solar Power</);
    const related = page.slice(page.indexOf("Related"));
    expect(related).toContain("Quillmoor Meters");
  });

  it("names the industries in page metadata, feeds and the sitemap, and gives each term a feed", async () => {
    const page = await read("/news/2023/10/grid/");
    expect(page).toContain('<meta property="article:section" content="Utilities">');
    expect(page).toMatch(/"articleSection":\["Energy","Utilities","Solar Power"\]/);
    const atom = await read("/feed.xml");
    expect(atom).toContain('<category term="Solar Power"/>');
    expect(await read("/industries/utilities/feed.xml")).toContain("Quillmoor Meters ships smart meters");
    const sitemap = await read("/sitemap.xml");
    expect(sitemap).toContain("/industries/utilities/</loc>");
  });

  it("is a search filter, and the search page says so", async () => {
    expect(await read("/search/")).toContain("narrow the results by partner, category, region, industry and year");
    const hits = await searchBuiltSite(outDir, null, { industry: "Utilities" });
    expect(hits.map((hit) => hit.url).sort()).toEqual(["/news/2023/10/grid/", "/news/2023/10/meters/"]);
  });

  it("is a front-matter field of the schema: a misspelt one is named with the right spelling", async () => {
    const root = await tempDir("added-section-typo");
    await writeFiles(root, { "articles/typo.md": article({ industrie: "[Utilities]" }) });
    const error = await buildFixture({ articlesDir: path.join(root, "articles"), site }).catch((e: Error) => e);
    expect(String(error)).toContain("`industrie`: expected a known field (did you mean `industries`?)");
  });

  it("is filled by the importer from the keywords its mapping names", async () => {
    const root = await tempDir("added-section-import");
    const articlesDir = path.join(root, "articles");
    const feed = path.join(root, "feed.xml");
    await writeFiles(root, {
      "feed.xml": `<?xml version="1.0"?><rss version="2.0"><channel><title>PR Newswire</title>
<item><title>Lotus Grid Adds Storage</title><guid>lg-1</guid><pubDate>Tue, 03 Nov 2026 09:00:00 +0800</pubDate>
<category>Power Generation</category><category>Batteries</category>
<description><![CDATA[<p>HONG KONG, Nov. 3, 2026 /PRNewswire/ -- Lotus Grid Ltd. added storage.</p>]]></description>
</item></channel></rss>`,
    });
    const config = validateImportConfig(
      { industries: { Utilities: ["Power Generation"] } },
      fixturePartners.map((partner) => partner.id),
      sections,
    );
    const summary = await importReleases({
      inputs: [feed],
      articlesDir,
      companiesDir: path.join(path.dirname(articlesDir), "companies"),
      displayRoot: root,
      site: { timeZone: "Asia/Bangkok", sections, language: "en" },
      partners: fixturePartners,
      config,
    });
    expect(summary.items.map((item) => item.outcome)).toEqual(["new"]);
    const written = await readFile(path.join(root, summary.items[0]!.file!), "utf8");
    const data = parse(written.split("---")[1]!) as Record<string, unknown>;
    expect(data.industries).toEqual(["Utilities"]);
    expect(data.tags).toEqual(["batteries"]);
  });

  it("gets an empty list in a new article's front matter", async () => {
    const articlesDir = path.join(await tempDir("added-section-new"), "articles");
    const file = await createArticleFile({
      title: "Lotus Grid hires",
      partner: "prnewswire",
      articlesDir,
      now: DateTime.fromISO("2026-11-03T09:00:00+07:00", { setZone: true }),
      partners: fixturePartners,
      sections,
    });
    expect(await readFile(file, "utf8")).toContain("industries: []");
  });
});
