import { existsSync } from "node:fs";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { configureDateline } from "../../eleventy.config.ts";
import { describe, expect, it } from "vitest";
import {
  article,
  buildFixture,
  fixturePartners,
  fixtureSite,
  smallPhoto,
  tempDir,
  writeFiles,
} from "../helpers/fixture-site.ts";

/** Builds a fixture site that must fail, and returns the error message the user sees. */
async function failingBuild(
  files: Record<string, string | Buffer>,
  options: Parameters<typeof buildFixture>[0] | object = {},
): Promise<string> {
  const root = await tempDir("bad");
  await writeFiles(root, files);
  const error = await buildFixture({ articlesDir: path.join(root, "articles"), ...options }).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error, "the build should have failed").toBeInstanceOf(Error);
  return (error as Error).message;
}

// Messages show paths from the project root; the fixture folders live elsewhere.
const shown = (message: string) => message.replace(/(?:\.\.\/)+[^\s`:]*?dateline-bad-\w+\//g, "");

describe("a build with bad input stops with a clear error", () => {
  it("names the file, the field, what was expected and what was found", async () => {
    const message = await failingBuild({ "articles/2023/10/bad.md": article({ date: "24/10/2023" }) });
    expect(shown(message)).toBe(
      "Cannot build: 1 article file has problems (1 problem):\n" +
        '  - articles/2023/10/bad.md: `date`: expected an ISO 8601 date-time with offset such as 2023-10-24T09:00:00+08:00, or a date such as 2023-10-24, found "24/10/2023"',
    );
  });

  it("reports all problems in all files in one run", async () => {
    const message = shown(
      await failingBuild({
        "articles/a.md": article({ partner: "reuters", draft: "yes" }),
        "articles/b.md": "---\ntitle: Lotus: a company\n---\n",
        "articles/good.md": article({}),
      }),
    );
    expect(message).toMatch(/^Cannot build: 2 article files have problems \(3 problems\):/);
    expect(message).toContain('articles/a.md: `draft`: expected true or false, found "yes"');
    expect(message).toContain(
      'articles/a.md: `partner`: expected the id of a configured partner (prnewswire, globenewswire), found "reuters"',
    );
    expect(message).toMatch(/articles\/b\.md: expected valid YAML front matter .* at line 2/);
  });

  it("refuses two articles that would write the same URL, naming both files", async () => {
    const message = shown(
      await failingBuild({
        "articles/2023/10/same-name.md": article({ title: "One" }),
        "articles/other/same-name.md": article({ title: "Two", date: "2023-10-01" }),
      }),
    );
    expect(message).toContain(
      "articles/other/same-name.md: expected a URL of its own (rename one of the files or change its date), found /news/2023/10/same-name/, which articles/2023/10/same-name.md also writes",
    );
  });

  it("refuses the same release filed twice, by guid or by partner and headline within 48 hours, naming both files", async () => {
    const message = shown(
      await failingBuild({
        "articles/2023/10/kiln.md": article({ title: "Ashgrove Tiles opens a kiln", guid: "prn-77" }),
        "articles/2023/10/kiln-again.md": article({ title: "A copy of the kiln release", guid: "prn-77" }),
        "articles/2023/10/mill.md": article({ title: "Quillmoor opens a mill", date: "2023-10-24T09:00:00+08:00" }),
        "articles/2023/10/mill-copy.md": article({
          title: "Quillmoor Opens a Mill",
          date: "2023-10-25T10:00:00+08:00",
        }),
      }),
    );
    expect(message).toContain(
      'articles/2023/10/kiln.md: `guid`: expected a guid no other article has (the same release filed twice? delete one file), found "prn-77", which articles/2023/10/kiln-again.md also has',
    );
    expect(message).toContain(
      "articles/2023/10/mill-copy.md: `title`: expected a release not already filed: articles/2023/10/mill.md has the same partner and headline 25 hours earlier",
    );
  });

  it("refuses two different terms that would share a directory page, naming both", async () => {
    const message = shown(
      await failingBuild({
        "articles/a.md": article({ tags: "[C++]" }),
        "articles/b.md": article({ tags: "[C]", date: "2023-10-25" }),
      }),
    );
    expect(message).toContain("Cannot build the directory: two terms would share one page (1 problem):");
    expect(message).toContain(
      '`tags`: expected terms with slugs of their own (rename one of them), found "C" here and "C++" in articles/a.md, which would both have the page /tags/c/',
    );
  });

  it("names the article and the photo when a photo is broken or missing", async () => {
    const message = shown(
      await failingBuild({
        "articles/a.md": article({
          images: "[{ src: page.jpg, alt: A }, { src: ok.jpg, alt: B }, { src: gone.jpg, alt: C }]",
        }),
        "articles/page.jpg": "<!doctype html><title>404</title>",
        "articles/ok.jpg": await smallPhoto(200, 100, "#654321"),
      }),
    );
    expect(message).toContain(
      'articles/a.md: `images[0].src`: expected a JPEG, PNG, WebP, AVIF, GIF or TIFF photo at "page.jpg", found a file that is not a readable image',
    );
    expect(message).toContain(
      'articles/a.md: `images[2].src`: expected an existing photo file beside the article at "gone.jpg", found no file at that path',
    );
    expect(message).not.toContain("images[1]");
  });

  it("refuses to publish when the audit fails: a body that repeats the disclaimer", async () => {
    const pasted =
      "The information provided in this article was created by Cision PR Newswire, our news partner. The author's opinions and the content shared on this page are their own and may not necessarily represent the perspectives of Fixture Trade Register.";
    const message = await failingBuild({ "articles/2023/10/pasted.md": article({}, `Release text.\n\n${pasted}`) });
    expect(message).toBe(
      "The syndication audit failed (1 finding):\n" +
        "  - /news/2023/10/pasted/: [disclaimer] expected the Cision PR Newswire disclaimer naming Fixture Trade Register exactly once, found it 2 times",
    );
  });

  it("refuses a site configuration with an unknown time zone", async () => {
    const message = await failingBuild(
      { "articles/a.md": article({}) },
      { site: { ...fixtureSite, timeZone: "Asia/Atlantis" } },
    );
    expect(message).toContain(
      'src/data/site.ts: `timeZone`: expected an IANA time zone such as "Asia/Bangkok" or "America/New_York", found "Asia/Atlantis"',
    );
  });

  it("refuses a site URL without a scheme", async () => {
    const message = await failingBuild(
      { "articles/a.md": article({}) },
      { site: { ...fixtureSite, url: "register.fixture.example" } },
    );
    expect(message).toContain("src/data/site.ts: `url`: expected an absolute URL starting with http:// or https://");
  });

  it("refuses a partner with an unknown indexing policy", async () => {
    const message = await failingBuild(
      { "articles/a.md": article({}) },
      {
        partners: [
          {
            id: "x",
            name: "X",
            datelineTag: "X",
            datelineTagStyle: "slashes",
            disclaimer: "{site}",
            originalLinkLabel: "L",
            indexing: "hide",
          },
        ],
      },
    );
    expect(message).toContain(
      'src/data/partners.ts: `[0].indexing`: expected one of "index", "noindex", "googlebot-news-noindex", "canonical-to-original", found "hide"',
    );
  });

  it("refuses a malformed DATELINE_NOW", async () => {
    const message = await failingBuild({ "articles/a.md": article({}) }, { now: "next tuesday" });
    expect(message).toBe(
      'DATELINE_NOW: expected an ISO 8601 date-time such as 2023-10-24T09:00:00+07:00, found "next tuesday"',
    );
  });

  it("stops before writing anything when a page would be written outside the output folder", async () => {
    const root = await tempDir("escape");
    await writeFiles(root, { "articles/a.md": article({}) });
    const outDir = path.join(root, "deep", "out");
    const marker = `dateline-escape-${path.basename(root)}`;
    const eleventy = new Eleventy(".", outDir, {
      quietMode: true,
      config(eleventyConfig: UserConfig) {
        configureDateline({
          site: fixtureSite,
          partners: fixturePartners,
          articlesDir: path.join(root, "articles"),
          search: false,
        })(eleventyConfig);
        // A stray template with a crafted permalink, as a careless plugin or theme could add.
        eleventyConfig.addTemplate("stray.11ty.js", {
          data: { permalink: `../../${marker}.html` },
          render: () => "escaped",
        });
      },
    });
    const error = await eleventy.write().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toBe(
      `Cannot build: a page would be written outside the output folder:\n  - ./stray.11ty.js would write "/../../${marker}.html": expected a path without \`.\` or \`..\` segments`,
    );
    expect(existsSync(path.join(root, `${marker}.html`))).toBe(false);
    // Only the static assets, copied in parallel, may be there: no page was written.
    expect(existsSync(path.join(outDir, "index.html"))).toBe(false);
    expect(existsSync(path.join(outDir, "news"))).toBe(false);
  });
});
