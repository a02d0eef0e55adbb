import { cp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { readArticleSources, type ArticleSource } from "../../src/lib/content/articles.ts";
import { auditSite, formatFinding } from "../../src/lib/compliance/audit.ts";
import { validateSiteConfig } from "../../src/lib/config/site-config.ts";
import {
  article,
  buildFixture,
  fixturePartners,
  fixtureSite,
  smallPhoto,
  tempDir,
  writeFiles,
} from "../helpers/fixture-site.ts";
import { BUILT_IN_SECTIONS } from "../../src/lib/config/sections.ts";

/** A compliant fixture build; each test breaks one rule in a copy of it. */
const NOW = "2023-10-25T12:00:00+07:00";
const site = validateSiteConfig(fixtureSite);
const PAGE = "/news/2023/10/compliant/";
let builtDir: string;
let sources: ArticleSource[];

beforeAll(async () => {
  const root = await tempDir("audit");
  await writeFiles(root, {
    "articles/compliant.md": article({
      title: "A compliant release",
      source: "{ name: Xinhua Silk Road, title: The original headline }",
      originalUrl: "https://wire.example/original?a=1&b=2",
      images: "[{ src: a.jpg, alt: First photo, caption: First caption }, { src: b.jpg, alt: Second photo }]",
    }),
    "articles/a.jpg": await smallPhoto(200, 100, "#113355"),
    "articles/b.jpg": await smallPhoto(200, 100, "#553311"),
    "articles/globe.md": article({
      title: "A globe release",
      partner: "globenewswire",
      date: "2023-10-23T09:00:00+07:00",
    }),
    // Characters the layouts escape: the audit must compare decoded text, not escaped strings.
    "articles/escapes.md": article({
      title: `'Quotes " and <tags> & ampersands'`,
      date: "2023-10-24T11:00:00+08:00",
      dateline: "{ city: 'C:\\TEMP', country: 'A&B \"Land\"' }",
      source: "{ name: 'Acme\\Wire & <Sons>', title: 'O''Brien \\ \"Co\"' }",
      originalUrl: "'https://wire.example/a\\b?x=1&y=<2>'",
    }),
    "articles/draft.md": article({ title: "A draft", draft: "true", guid: "draft-guid-1" }),
    "articles/embargoed.md": article({ title: "Embargoed", embargo: "2023-10-26T00:00:00+07:00" }),
  });
  ({ outDir: builtDir } = await buildFixture({ articlesDir: path.join(root, "articles"), now: NOW }));
  ({ sources } = await readArticleSources({
    articlesDir: path.join(root, "articles"),
    displayRoot: root,
    timeZone: site.timeZone,
    partners: fixturePartners,
    sections: BUILT_IN_SECTIONS,
    now: DateTime.fromISO(NOW),
  }));
});

/** Copies the build, applies `tamper` to it, and returns the audit's findings as text. */
async function auditAfter(tamper: (dir: string) => Promise<void>, now = NOW): Promise<string[]> {
  const dir = await tempDir("tampered");
  await cp(builtDir, dir, { recursive: true });
  await tamper(dir);
  return (await auditSite({ siteDir: dir, site, partners: fixturePartners, sources, now: DateTime.fromISO(now) })).map(
    formatFinding,
  );
}
const edit = (sitePath: string, change: (html: string) => string) => async (dir: string) => {
  const file = path.join(dir, sitePath);
  await writeFile(file, change(await readFile(file, "utf8")));
};
const page = (sitePath: string) => `${sitePath}index.html`;
const PRN = "The information provided in this article was created by Cision PR Newswire, our news partner.";

describe("the syndication audit", () => {
  it("passes a compliant build", async () => {
    expect(await auditAfter(async () => {})).toEqual([]);
  });

  it("fails when a published article's page is missing", async () => {
    expect(await auditAfter((dir) => rm(path.join(dir, page("/news/2023/10/globe/"))))).toEqual([
      "/news/2023/10/globe/: [published-page] expected the page of articles/globe.md, found no file",
    ]);
  });

  it("fails when the disclaimer is missing", async () => {
    expect(await auditAfter(edit(page(PAGE), (html) => html.replace(PRN, "")))).toEqual([
      `${PAGE}: [disclaimer] expected the Cision PR Newswire disclaimer naming Fixture Trade Register exactly once, found it 0 times`,
    ]);
  });

  it("fails when the disclaimer appears twice", async () => {
    const findings = await auditAfter(
      edit(page(PAGE), (html) => html.replace(/(<aside class="disclaimer".*?<\/aside>)/s, "$1$1")),
    );
    expect(findings).toEqual([
      `${PAGE}: [disclaimer] expected the Cision PR Newswire disclaimer naming Fixture Trade Register exactly once, found it 2 times`,
    ]);
  });

  it("fails when the disclaimer names another site", async () => {
    const findings = await auditAfter(
      edit(page(PAGE), (html) =>
        html.replace("perspectives of Fixture Trade Register.", "perspectives of Some Other Site."),
      ),
    );
    expect(findings).toEqual([
      `${PAGE}: [disclaimer] expected the Cision PR Newswire disclaimer naming Fixture Trade Register exactly once, found it 0 times`,
    ]);
  });

  it("fails when another partner's disclaimer is on the page", async () => {
    const other =
      "Fixture Trade Register republishes this release from GlobeNewswire without changes and takes no responsibility for it.";
    expect(await auditAfter(edit(page(PAGE), (html) => html.replace("</main>", `<p>${other}</p></main>`)))).toEqual([
      `${PAGE}: [disclaimer] expected only the Cision PR Newswire disclaimer, found the GlobeNewswire one too`,
    ]);
  });

  it("fails when the source line is missing", async () => {
    expect(await auditAfter(edit(page(PAGE), (html) => html.replace(/<p class="source">.*?<\/p>/s, "")))).toEqual([
      `${PAGE}: [source-line] expected "Source: Xinhua Silk Road…", found no such line`,
    ]);
  });

  it("fails when the original link is missing or points elsewhere", async () => {
    expect(
      await auditAfter(edit(page(PAGE), (html) => html.replace(/<p class="original-link">.*?<\/p>/s, ""))),
    ).toEqual([`${PAGE}: [original-link] expected a link to https://wire.example/original?a=1&b=2, found none`]);
    expect(
      await auditAfter(
        edit(page(PAGE), (html) =>
          html.replace('href="https://wire.example/original?a=1&amp;b=2"', 'href="https://elsewhere.example/"'),
        ),
      ),
    ).toEqual([
      `${PAGE}: [original-link] expected a link to https://wire.example/original?a=1&b=2, found https://elsewhere.example/`,
    ]);
  });

  it("fails when the dateline is missing or wrong", async () => {
    expect(
      await auditAfter(
        edit(page(PAGE), (html) =>
          html.replaceAll("BEIJING, Oct. 24, 2023 /PRNewswire/ —", "BEIJING, Oct. 25, 2023 /PRNewswire/ —"),
        ),
      ),
    ).toEqual([
      `${PAGE}: [dateline] expected "BEIJING, Oct. 24, 2023 /PRNewswire/ —", found "BEIJING, Oct. 25, 2023 /PRNewswire/ —"`,
    ]);
  });

  it("fails when a photo has neither caption nor alt text, or a photo is missing", async () => {
    expect(await auditAfter(edit(page(PAGE), (html) => html.replace('alt="Second photo"', 'alt=""')))).toEqual([
      `${PAGE}: [photo-text] expected a caption or alt text on photo 2, found neither`,
    ]);
    expect(
      await auditAfter(edit(page(PAGE), (html) => html.replace(/<section class="gallery".*?<\/section>/s, ""))),
    ).toEqual([`${PAGE}: [photo-text] expected 2 photos with their captions, found 1`]);
  });

  it("fails when a draft or embargoed article has a page", async () => {
    const findings = await auditAfter(async (dir) => {
      await writeFiles(dir, {
        [page("/news/2023/10/draft/")]: "<h1>A draft</h1>",
        [page("/news/2023/10/embargoed/")]: "<h1>Embargoed</h1>",
      });
    });
    expect(findings).toEqual([
      "/news/2023/10/draft/: [unpublished-leak] expected no page for draft articles/draft.md, found one",
      "/news/2023/10/embargoed/: [unpublished-leak] expected no page for embargoed articles/embargoed.md, found one",
    ]);
  });

  it("fails when a draft is in a sitemap or a feed", async () => {
    const url = "https://register.fixture.example/news/2023/10/draft/";
    const findings = await auditAfter(async (dir) => {
      await edit("sitemap.xml", (xml) => xml.replace("</urlset>", `<url><loc>${url}</loc></url></urlset>`))(dir);
      await edit("feed.json", (json) =>
        json.replace('"items": [', `"items": [{"id": "draft-guid-1", "url": "${url}"},`),
      )(dir);
      await edit("rss.xml", (xml) =>
        xml.replace("</channel>", `<item><guid isPermaLink="false">draft-guid-1</guid></item></channel>`),
      )(dir);
    });
    expect(findings).toEqual([
      `/feed.json: [unpublished-leak] expected no trace of draft articles/draft.md, found ${url}`,
      `/rss.xml: [unpublished-leak] expected no trace of draft articles/draft.md, found ${url}`,
      `/sitemap.xml: [unpublished-leak] expected no trace of draft articles/draft.md, found ${url}`,
    ]);
  });

  it("fails when the news sitemap holds an article older than 48 hours", async () => {
    // Three days later, the build's news sitemap is stale.
    expect(await auditAfter(async () => {}, "2023-10-28T12:00:00+07:00")).toEqual([
      "/news-sitemap.xml: [news-sitemap-window] expected publication dates in the 48 hours before 2023-10-28T12:00:00+07:00, found 2023-10-24T10:00:00+07:00",
      "/news-sitemap.xml: [news-sitemap-window] expected publication dates in the 48 hours before 2023-10-28T12:00:00+07:00, found 2023-10-24T08:00:00+07:00",
    ]);
  });

  it("fails when the news sitemap holds more than 1 000 URLs", async () => {
    const entry =
      "<url><loc>https://register.fixture.example/x/</loc><news:news><news:publication_date>2023-10-25T10:00:00+07:00</news:publication_date></news:news></url>";
    const findings = await auditAfter(
      edit("news-sitemap.xml", (xml) => xml.replace("</urlset>", `${entry.repeat(1000)}</urlset>`)),
    );
    expect(findings).toEqual(["/news-sitemap.xml: [news-sitemap-size] expected at most 1000 URLs, found 1002"]);
  });
});
