import { readdir, readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILT_IN_SECTIONS } from "../../src/lib/config/sections.ts";
import { validateSiteConfig } from "../../src/lib/config/site-config.ts";
import {
  auditSite,
  checkedSegments,
  formatFinding,
  readCheckedSegments,
  searchSegmentFindings,
  withdrawalDigest,
  withdrawnInSearchIndex,
  writeCheckedSegments,
} from "../../src/lib/compliance/audit.ts";
import { readArticleSources, type ArticleSource } from "../../src/lib/content/articles.ts";
import { withdrawArticle } from "../../scripts/lib/withdraw.ts";
import {
  company,
  article,
  buildFixture,
  fixturePartners,
  fixtureSite,
  smallPhoto,
  tempDir,
  writeFiles,
} from "../helpers/fixture-site.ts";
import { searchBuiltSite } from "../helpers/pagefind-query.ts";

/**
 * A takedown, end to end: `npm run withdraw` turns the release into a record, and the next build
 * answers its URL with a notice (410 through the hosts' rules) and shows it nowhere else.
 */
const TITLE = "Lotus Grid commissions the Quadrillium heliostat array";
const site = validateSiteConfig(fixtureSite);
let root: string;
let articlesDir: string;
let outDir: string;
let withdrawn: Awaited<ReturnType<typeof withdrawArticle>>;

const reading = () => ({
  articlesDir,
  displayRoot: root,
  timeZone: site.timeZone,
  partners: fixturePartners,
  sections: BUILT_IN_SECTIONS,
});

async function siteFiles(folder: string): Promise<Array<{ file: string; text: string }>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile() && !/\.(avif|webp|jpe?g|png|pf_\w+|wasm)$/.test(entry.name))
      .map(async (entry) => {
        const file = path.relative(folder, path.join(entry.parentPath, entry.name));
        return { file, text: await readFile(path.join(folder, file), "utf8") };
      }),
  );
}

beforeAll(async () => {
  root = await tempDir("withdrawal");
  articlesDir = path.join(root, "articles");
  await writeFiles(root, {
    "companies/lotus-grid.md": company({ name: "Lotus Grid" }),
    "articles/2023/10/heliostats.md": article(
      {
        title: TITLE,
        summary: "A summary only this release has.",
        guid: "prn-heliostat-1",
        companies: "[Lotus Grid]",
        categories: "[Energy]",
        images: "[{ src: mirror.jpg, alt: Mirrors in the desert }]",
      },
      "Quadrillium mirrors track the sun across the plain.",
    ),
    "articles/2023/10/mirror.jpg": await smallPhoto(200, 120, "#aa8800"),
    "articles/2023/10/storage.md": article({
      title: "Lotus Grid adds storage",
      date: "2023-10-23T09:00:00+08:00",
      companies: "[Lotus Grid]",
      categories: "[Energy]",
    }),
  });
  withdrawn = await withdrawArticle({
    ...reading(),
    target: "https://register.fixture.example/news/2023/10/heliostats/",
    reason: "Takedown request from the issuer",
    now: DateTime.fromISO("2023-10-30T10:00:00+07:00", { setZone: true }),
  });
  ({ outDir } = await buildFixture({ articlesDir, search: true, now: "2023-10-30T12:00:00+07:00" }));
});

describe("npm run withdraw", () => {
  it("keeps a record of the release in its file, without its text, and says what it changed and what comes next", async () => {
    expect(await readFile(path.join(articlesDir, "2023/10/heliostats.md"), "utf8")).toBe(
      [
        "---",
        `title: ${TITLE}`,
        "date: 2023-10-24T09:00:00+08:00",
        "dateline:",
        "  city: BEIJING",
        "  country: China",
        "partner: prnewswire",
        "guid: prn-heliostat-1",
        "withdrawn:",
        "  date: 2023-10-30T10:00:00+07:00",
        "  reason: Takedown request from the issuer",
        "---",
        "",
      ].join("\n"),
    );
    expect(withdrawn.file).toBe("articles/2023/10/heliostats.md");
    expect(withdrawn.changed).toEqual([
      "removed the release's text (8 words) and summary, companies, categories, images",
      "kept a record: title, date, dateline, partner, guid",
      'added withdrawn: { date: 2023-10-30T10:00:00+07:00, reason: "Takedown request from the issuer" }',
      "its photos are no longer used: mirror.jpg (delete them too if the request covers them)",
    ]);
    expect(withdrawn.nextBuild[0]).toMatch(/^\/news\/2023\/10\/heliostats\/ answers 410 Gone/);
    expect(withdrawn.nextBuild[1]).toBe(
      "removed from the home page, the archive, its partner's page and its 2 directory terms (Energy, Lotus Grid)",
    );
  });

  it("finds the article by file, guid or URL, and names what it cannot do", async () => {
    const now = DateTime.fromISO("2023-10-30T10:00:00+07:00", { setZone: true });
    const attempt = (target: string, reason = "Legal request") =>
      withdrawArticle({ ...reading(), target, reason, now }).then(
        () => "withdrawn",
        (error: Error) => error.message,
      );
    expect(await attempt("prn-heliostat-1")).toBe("articles/2023/10/heliostats.md is already withdrawn");
    expect(await attempt("/news/2023/10/no-such/")).toBe(
      "No article matches \"/news/2023/10/no-such/\": expected an article file, the wire's guid, or the article's URL",
    );
    expect(await attempt("articles/2023/10/storage.md", "  ")).toBe(
      '--reason: expected why it is withdrawn, such as "takedown request from the issuer"',
    );
  });
});

describe("the next build", () => {
  it("puts a notice at the URL: noindex, the date, none of the release's text", async () => {
    const notice = await readFile(path.join(outDir, "news/2023/10/heliostats/index.html"), "utf8");
    expect(notice).toContain('<meta name="robots" content="noindex">');
    expect(notice).toContain(
      'This release was withdrawn on <time datetime="2023-10-30T10:00:00+07:00">Oct. 30, 2023</time>',
    );
    expect(notice).not.toContain("Quadrillium");
  });

  it("writes the hosts' rules: 410 for Netlify, and an nginx include", async () => {
    expect(await readFile(path.join(outDir, "_redirects"), "utf8")).toContain(
      "/news/2023/10/heliostats/ /news/2023/10/heliostats/index.html 410!\n/news/2023/10/heliostats /news/2023/10/heliostats/index.html 410!\n",
    );
    expect(await readFile(path.join(outDir, "_dateline/nginx-rules.conf"), "utf8")).toContain(
      "location = /news/2023/10/heliostats/ { error_page 410 @withdrawn_news_2023_10_heliostats; return 410; }",
    );
  });

  it("leaves no trace of it in any page, feed, sitemap, related box or the search index", async () => {
    const traces = (await siteFiles(outDir)).filter(
      ({ file, text }) =>
        !file.startsWith("_") &&
        file !== "news/2023/10/heliostats/index.html" &&
        (text.includes("Quadrillium") || text.includes("heliostats") || text.includes("prn-heliostat-1")),
    );
    expect(traces.map(({ file }) => file)).toEqual([]);
    expect(await searchBuiltSite(outDir, "quadrillium")).toEqual([]);
    const storage = await readFile(path.join(outDir, "news/2023/10/storage/index.html"), "utf8");
    expect(storage).toContain("Lotus Grid adds storage");
    expect(storage).not.toContain("Lotus Grid commissions");
    expect(await readdir(path.join(outDir, "photos")).catch(() => [])).toEqual([]);
  });
});

describe("the syndication audit", () => {
  it("fails a build that still shows any text of a withdrawn release", async () => {
    const { sources } = await readArticleSources({ ...reading(), now: DateTime.now() });
    const rendered = new Map(
      (await siteFiles(outDir))
        .filter(({ file }) => !file.startsWith("pagefind/"))
        .map(({ file, text }) => [file, text]),
    );
    expect(
      await auditSite({ siteDir: outDir, site, partners: fixturePartners, sources, now: DateTime.now(), rendered }),
    ).toEqual([]);
    const leak = `<p>${TITLE}</p>`;
    rendered.set("index.html", (rendered.get("index.html") ?? "").replace("</main>", `${leak}</main>`));
    rendered.set(
      "feed.xml",
      (rendered.get("feed.xml") ?? "").replace("</feed>", `<entry><id>prn-heliostat-1</id></entry></feed>`),
    );
    rendered.set("news/2023/10/heliostats/index.html", `<h1>${TITLE}</h1>`);
    const findings = await auditSite({
      siteDir: outDir,
      site,
      partners: fixturePartners,
      sources,
      now: DateTime.now(),
      rendered,
    });
    expect(findings.map(formatFinding)).toEqual([
      "/news/2023/10/heliostats/: [withdrawn] expected the withdrawal notice of articles/2023/10/heliostats.md, found another page",
      "/index.html: [withdrawn] expected no text of withdrawn articles/2023/10/heliostats.md, found its headline",
      "/news/2023/10/heliostats/index.html: [withdrawn] expected no text of withdrawn articles/2023/10/heliostats.md, found its headline",
      "/feed.xml: [withdrawn] expected no trace of withdrawn articles/2023/10/heliostats.md, found its guid prn-heliostat-1",
    ]);
  });
});

describe("a withdrawn record that still holds text", () => {
  it("stops the build, naming the file", async () => {
    const bad = await tempDir("withdrawn-text");
    await writeFiles(bad, {
      "articles/kept.md": article(
        { withdrawn: "{ date: 2023-10-30, reason: Kill notice }" },
        "Text that should be gone.",
      ),
      "articles/undated.md": article({ withdrawn: "{ date: soon, reason: Kill notice }" }, ""),
    });
    const error = await buildFixture({ articlesDir: path.join(bad, "articles") }).catch((e: Error) => e);
    expect(String(error)).toContain(
      "articles/kept.md: `withdrawn`: expected no release text in a withdrawn article's file (npm run withdraw removes it), found 25 characters of body text",
    );
    expect(String(error)).toContain("articles/undated.md: `withdrawn.date`: expected an ISO 8601 date-time");
  });
});

describe("the syndication audit of the search index", () => {
  it("finds a search record of a withdrawn release, by its address or its headline, in any part", async () => {
    const { sources } = await readArticleSources({ ...reading(), now: DateTime.now() });
    const gone = sources.filter((source) => source.status === "withdrawn");
    expect(await withdrawnInSearchIndex(path.join(outDir, "pagefind"), gone)).toEqual([]);
    const index = await tempDir("leaky-index");
    const fragment = (record: object) => gzipSync(Buffer.from(`pagefind_dcd${JSON.stringify(record)}`));
    await writeFiles(index, {
      "fragment/en_1.pf_fragment": fragment({ url: "/news/2023/10/heliostats/", content: "x", meta: {} }),
      "part-2/fragment/en_2.pf_fragment": fragment({ url: "/elsewhere/", content: `Quoted: ${TITLE}.`, meta: {} }),
      "fragment/en_3.pf_fragment": fragment({
        url: "/news/2023/10/storage/",
        content: "Lotus Grid adds storage",
        meta: {},
      }),
    });
    expect((await withdrawnInSearchIndex(index, gone)).map(formatFinding).sort()).toEqual([
      "/pagefind/fragment/en_1.pf_fragment: [withdrawn] expected no search record of withdrawn articles/2023/10/heliostats.md, found one",
      "/pagefind/part-2/fragment/en_2.pf_fragment: [withdrawn] expected no search record of withdrawn articles/2023/10/heliostats.md, found one",
    ]);
  });

  it("reads a segment again only for withdrawals an earlier passing audit did not check it for", async () => {
    const { sources } = await readArticleSources({ ...reading(), now: DateTime.now() });
    const gone = sources.filter((source) => source.status === "withdrawn");
    const index = await tempDir("checked-index");
    const quoting = gzipSync(
      Buffer.from(`pagefind_dcd${JSON.stringify({ url: "/x/", content: `Quoted: ${TITLE}.`, meta: {} })}`),
    );
    await writeFiles(index, { "fragment/en_1.pf_fragment": quoting, "s-aa/fragment/en_2.pf_fragment": quoting });
    const segments = [
      { folder: "", key: "newest-key" },
      { folder: "s-aa/", key: "old-key" },
    ];
    const found = async (checked: Map<string, Set<string>>) =>
      (await withdrawnInSearchIndex(index, gone, { segments, checked })).map((finding) => finding.page).sort();
    // Nothing checked before: both segments are read.
    expect(await found(new Map())).toEqual([
      "/pagefind/fragment/en_1.pf_fragment",
      "/pagefind/s-aa/fragment/en_2.pf_fragment",
    ]);
    // The old segment's key was checked for this withdrawal: only the newest is read.
    const digest = withdrawalDigest(gone[0] as ArticleSource);
    expect(await found(new Map([["old-key", new Set([digest])]]))).toEqual(["/pagefind/fragment/en_1.pf_fragment"]);
    // Checked for another withdrawal only: read again for this one.
    expect(await found(new Map([["old-key", new Set(["another"])]]))).toHaveLength(2);

    const cache = await tempDir("checked-cache");
    const checked = checkedSegments(segments, gone);
    expect([...checked.keys()]).toEqual(["newest-key", "old-key"]);
    await writeCheckedSegments(cache, checked);
    expect(await readCheckedSegments(cache)).toEqual(checked);
    await writeFiles(cache, { "search-audit.json": "{ not json" });
    expect(await readCheckedSegments(cache)).toEqual(new Map());
  });

  it("finds a segment the search page merges that the index lacks, and one it leaves out", async () => {
    const searchPage = await readFile(path.join(outDir, "search/index.html"), "utf8");
    expect(await searchSegmentFindings(searchPage, path.join(outDir, "pagefind"))).toEqual([]);
    const index = await tempDir("mismatched-index");
    await writeFiles(index, {
      "pagefind-entry.json": "{}",
      "s-00aa/pagefind-entry.json": "{}",
      "s-11bb/pagefind-entry.json": "{}",
    });
    const page = '<div id="search" data-merge-index="/pagefind/s-00aa/ /pagefind/s-22cc/"></div>';
    expect((await searchSegmentFindings(page, index)).map(formatFinding)).toEqual([
      "/search/: [search-segments] expected the search index to hold the segment /pagefind/s-22cc/ that the search page merges, found no such folder",
      "/pagefind/s-11bb/: [search-segments] expected the search page to merge this segment of the search index, found it left out",
    ]);
  });
});
