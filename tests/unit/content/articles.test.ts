import { realpath, symlink } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  articleDateline,
  articleUrl,
  loadArticles,
  type LoadArticlesOptions,
  type PhotoProcessor,
} from "../../../src/lib/content/articles.ts";
import { PhotoError } from "../../../src/lib/photos/photos.ts";
import { ProblemsError } from "../../../src/lib/core/problems.ts";
import { article, fixturePartners, tempDir, writeFiles } from "../../helpers/fixture-site.ts";
import { BUILT_IN_SECTIONS } from "../../../src/lib/config/sections.ts";

const stubPhoto: PhotoProcessor = async (file) => ({
  metadata: {
    jpeg: [{ url: `/photos/${path.basename(file)}`, width: 800, height: 400, sourceType: "image/jpeg", srcset: "" }],
  },
  files: [path.basename(file)],
});

/** How the tests load the articles of a site written under `root`. */
const loadOptions = (root: string): LoadArticlesOptions => ({
  articlesDir: path.join(root, "articles"),
  displayRoot: root,
  timeZone: "Asia/Bangkok",
  partners: fixturePartners,
  sections: BUILT_IN_SECTIONS,
  now: DateTime.fromISO("2023-11-01T00:00:00+07:00"),
  includeUnpublished: false,
  processPhoto: stubPhoto,
});

async function load(files: Record<string, string>, options: Partial<LoadArticlesOptions> = {}) {
  const root = await tempDir("load");
  await writeFiles(root, files);
  return loadArticles({ ...loadOptions(root), ...options });
}

async function problemsOf(files: Record<string, string>): Promise<string> {
  try {
    await load(files);
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemsError);
    return (error as Error).message;
  }
  throw new Error("expected the load to fail");
}

describe("loadArticles", () => {
  it("builds the URL from the date in the site's zone and the file name", async () => {
    const { articles } = await load({
      // 23:30 in Los Angeles on Oct. 31 is Nov. 1 in Bangkok.
      "articles/anywhere/Late Night Release.md": article({ date: "2023-10-31T23:30:00-07:00" }),
    });
    expect(articles[0]?.url).toBe("/news/2023/11/late-night-release/");
    expect(articles[0]?.file).toBe("articles/anywhere/Late Night Release.md");
  });

  it("sorts newest first and resolves the partner", async () => {
    const { articles } = await load({
      "articles/a.md": article({ title: "Older", date: "2023-10-01" }),
      "articles/b.md": article({ title: "Newer", date: "2023-10-02", partner: "globenewswire" }),
    });
    expect(articles.map((a) => a.title)).toEqual(["Newer", "Older"]);
    expect(articles[0]?.partner.name).toBe("GlobeNewswire");
    expect(articleDateline(articles[0]!)).toBe("BEIJING, Oct. 2, 2023 (GLOBE NEWSWIRE) —");
  });

  it("leaves out drafts and embargoed articles in production, keeps them in preview", async () => {
    const files = {
      "articles/live.md": article({ title: "Live", embargo: "2023-10-31T23:59:00+07:00" }),
      "articles/draft.md": article({ title: "Draft", draft: "true" }),
      "articles/embargoed.md": article({ title: "Embargoed", embargo: "2023-11-01T00:01:00+07:00" }),
    };
    expect((await load(files)).articles.map((a) => a.title)).toEqual(["Live"]);
    const preview = await load(files, { includeUnpublished: true });
    expect(preview.articles.map((a) => `${a.title}:${a.status}`).sort()).toEqual([
      "Draft:draft",
      "Embargoed:embargoed",
      "Live:published",
    ]);
  });

  it("renders the body sanitized and the photos as figures, lead first", async () => {
    const { articles, photoFiles } = await load({
      "articles/a.md": article(
        { images: '[{ src: one.jpg, alt: One }, { src: two.jpg, alt: Two, caption: "Second" }]' },
        "Hello {{ x }} <script>alert(1)</script>",
      ),
    });
    const [first] = articles;
    expect(first?.bodyHtml).toBe("<p>Hello {{ x }} </p>\n");
    expect(first?.photos.map((p) => p.src)).toEqual(["one.jpg", "two.jpg"]);
    expect(first?.photos[0]?.html).toContain('loading="eager"');
    expect(first?.photos[1]?.html).toContain('<span class="caption">Second</span>');
    expect([...photoFiles].sort()).toEqual(["one.jpg", "two.jpg"]);
  });

  it("reports every problem in every file in one error", async () => {
    const message = await problemsOf({
      "articles/a.md": article({ title: "", partner: "nope" }),
      "articles/b.md": "no front matter",
      "articles/c.md": article({ tittle: "x" }),
      "articles/ok.md": article({}),
    });
    expect(message).toBe(
      "Cannot build: 3 article files have problems (4 problems):\n" +
        '  - articles/a.md: `partner`: expected the id of a configured partner (prnewswire, globenewswire), found "nope"\n' +
        "  - articles/a.md: `title`: expected the headline as text, found nothing\n" +
        '  - articles/b.md: expected front matter between two `---` lines at the very top of the file, found "no front matter"\n' +
        "  - articles/c.md: `tittle`: expected a known field (did you mean `title`?), found an unknown field",
    );
  });

  it("refuses two articles that would write the same URL, naming both files", async () => {
    const message = await problemsOf({
      "articles/2023/10/harbour-news.md": article({ date: "2023-10-24" }),
      "articles/archive/Harbour News.md": article({ date: "2023-10-02" }),
    });
    expect(message).toContain(
      "articles/archive/Harbour News.md: expected a URL of its own (rename one of the files or change its date), found /news/2023/10/harbour-news/, which articles/2023/10/harbour-news.md also writes",
    );
  });

  it("reports a photo that cannot be processed with the article and the photo", async () => {
    const failing: PhotoProcessor = async () => {
      throw new PhotoError("an existing photo file beside the article", "no file at that path");
    };
    const root = await tempDir("load");
    await writeFiles(root, { "articles/a.md": article({ images: "[{ src: gone.jpg, alt: Gone }]" }) });
    const error = await loadArticles({
      articlesDir: path.join(root, "articles"),
      displayRoot: root,
      timeZone: "Asia/Bangkok",
      partners: fixturePartners,
      sections: BUILT_IN_SECTIONS,
      now: DateTime.now(),
      includeUnpublished: false,
      processPhoto: failing,
    }).catch((e: Error) => e);
    expect((error as Error).message).toContain(
      'articles/a.md: `images[0].src`: expected an existing photo file beside the article at "gone.jpg", found no file at that path',
    );
  });

  it("refuses an article file over the size cap", async () => {
    const message = await problemsOf({ "articles/huge.md": article({}, "x".repeat(2 * 1024 * 1024 + 1)) });
    expect(message).toContain("articles/huge.md: expected an article of at most 2 MB, found 2.0 MB");
  });

  it("ignores hidden files and folders and finds nothing in a missing folder", async () => {
    const { articles } = await load({
      "articles/.drafts/a.md": "junk",
      "articles/.b.md": "junk",
      "articles/c.md": article({}),
    });
    expect(articles).toHaveLength(1);
    const root = await tempDir("empty");
    const empty = await loadArticles({
      articlesDir: path.join(root, "missing"),
      displayRoot: root,
      timeZone: "UTC",
      partners: fixturePartners,
      sections: BUILT_IN_SECTIONS,
      now: DateTime.now(),
      includeUnpublished: false,
      processPhoto: stubPhoto,
    });
    expect(empty.articles).toEqual([]);
  });
});

describe("loadArticles with symbolic links", () => {
  async function siteWithLinks() {
    const root = await tempDir("links");
    const outside = await tempDir("outside");
    await writeFiles(outside, {
      "secret.jpg": "not really a photo",
      "stray.md": article({}),
      "folder/x.md": article({}),
    });
    await writeFiles(root, {
      "articles/a.md": article({}),
      "articles/photos/own.jpg": "photo",
      "articles/own-link.md": article({}),
    });
    return { root, outside };
  }

  it("reports linked article files and folders instead of skipping them silently", async () => {
    const { root, outside } = await siteWithLinks();
    await symlink(path.join(outside, "stray.md"), path.join(root, "articles/stray.md"));
    await symlink(path.join(outside, "folder"), path.join(root, "articles/more"));
    const error = await loadArticles(loadOptions(root)).catch((e: Error) => e);
    expect(error).toBeInstanceOf(ProblemsError);
    const expected =
      "expected an article file or folder, not a symbolic link (links are not followed: copy the file or folder in)";
    expect((error as Error).message).toContain(
      `articles/more: ${expected}, found a symbolic link to ${path.join(outside, "folder")}`,
    );
    expect((error as Error).message).toContain(
      `articles/stray.md: ${expected}, found a symbolic link to ${path.join(outside, "stray.md")}`,
    );
  });

  it("leaves links to other files alone", async () => {
    const { root, outside } = await siteWithLinks();
    await symlink(path.join(outside, "secret.jpg"), path.join(root, "articles/notes.txt"));
    expect((await loadArticles(loadOptions(root))).articles).toHaveLength(2);
  });

  it("refuses a photo that is a link to a file outside the articles folder", async () => {
    const { root, outside } = await siteWithLinks();
    await writeFiles(root, { "articles/b.md": article({ images: "[{ src: leak.jpg, alt: Leak }]" }) });
    await symlink(path.join(outside, "secret.jpg"), path.join(root, "articles/leak.jpg"));
    const error = await loadArticles(loadOptions(root)).catch((e: Error) => e);
    expect((error as Error).message).toContain(
      `articles/b.md: \`images[0].src\`: expected a photo inside the articles folder at "leak.jpg", found a symbolic link to ${await realpath(path.join(outside, "secret.jpg"))}, which is outside it`,
    );
  });

  it("accepts a photo linked to another file inside the articles folder", async () => {
    const { root } = await siteWithLinks();
    await writeFiles(root, { "articles/2023/b.md": article({ images: "[{ src: lead.jpg, alt: Lead }]" }) });
    await symlink(path.join(root, "articles/photos/own.jpg"), path.join(root, "articles/2023/lead.jpg"));
    const { articles } = await loadArticles(loadOptions(root));
    expect(articles.find((item) => item.file.endsWith("b.md"))?.photos).toHaveLength(1);
  });
});

describe("articleUrl", () => {
  it("pads the month and never depends on the locale", () => {
    expect(
      articleUrl(DateTime.fromISO("2024-03-05T00:00:00", { zone: "UTC" }).reconfigure({ locale: "ar-EG" }), "x"),
    ).toBe("/news/2024/03/x/");
  });
});
