import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { article, buildFixture, tempDir, writeFiles } from "../helpers/fixture-site.ts";

/** A corrected release: the note on the page, the modified time in metadata, the feed item updated in place. */
let read: (sitePath: string) => Promise<string>;

beforeAll(async () => {
  const root = await tempDir("corrections");
  await writeFiles(root, {
    "articles/2023/10/kiln.md": article(
      {
        title: "Ashgrove Tiles opens a kiln",
        guid: "prn-kiln-1",
        date: "2023-10-24T09:00:00+08:00",
        corrections: `
  - date: 2023-10-26T10:00:00+07:00
    text: The kiln fires at 1,300 °C, not 1,030 °C.
  - date: 2023-10-25T08:00:00+07:00
    text: Ashgrove Tiles is based in Perth <not Sydney> & has 40 staff.`,
      },
      "The kiln fires at 1,300 °C.",
    ),
  });
  ({ read } = await buildFixture({ articlesDir: path.join(root, "articles"), now: "2023-10-30T12:00:00+07:00" }));
});

describe("a corrected release", () => {
  it("shows each correction as a labelled note, oldest first, its text escaped", async () => {
    const page = await read("/news/2023/10/kiln/");
    const notes = page.slice(page.indexOf('<aside class="corrections"'), page.indexOf("</aside>"));
    expect(notes).toContain('aria-label="Corrections"');
    expect(notes.match(/<p class="correction">.*?<\/p>/g)).toEqual([
      '<p class="correction"><strong>Correction</strong> (<time datetime="2023-10-25T08:00:00+07:00">Oct. 25, 2023</time>): Ashgrove Tiles is based in Perth &lt;not Sydney&gt; &amp; has 40 staff.</p>',
      '<p class="correction"><strong>Correction</strong> (<time datetime="2023-10-26T10:00:00+07:00">Oct. 26, 2023</time>): The kiln fires at 1,300 °C, not 1,030 °C.</p>',
    ]);
  });

  it("is modified at its latest correction in page metadata, the sitemap and every feed, under the same id", async () => {
    const page = await read("/news/2023/10/kiln/");
    expect(page).toContain('<meta property="article:modified_time" content="2023-10-26T10:00:00+07:00">');
    expect(page).toContain('"dateModified":"2023-10-26T10:00:00+07:00"');
    expect(await read("/sitemap.xml")).toContain("<lastmod>2023-10-26T10:00:00+07:00</lastmod>");
    const atom = await read("/feed.xml");
    expect(atom).toContain("<id>urn:dateline:guid:prn-kiln-1</id>");
    expect(atom).toContain("<updated>2023-10-26T10:00:00+07:00</updated>");
    expect(atom).toContain("Correction (Oct. 26, 2023):");
    const json = JSON.parse(await read("/feed.json")) as { items: Array<{ id: string; date_modified: string }> };
    expect(json.items[0]).toMatchObject({ id: "prn-kiln-1", date_modified: "2023-10-26T10:00:00+07:00" });
  });
});

describe("a correction that is wrong", () => {
  it("stops the build naming the file and the correction", async () => {
    const root = await tempDir("corrections-bad");
    await writeFiles(root, {
      "articles/bad.md": article({ corrections: "[{ date: yesterday, text: Fixed }, { date: 2023-10-25 }, Fixed]" }),
    });
    const message = String(await buildFixture({ articlesDir: path.join(root, "articles") }).catch((e: Error) => e));
    expect(message).toContain("articles/bad.md: `corrections[0].date`: expected an ISO 8601 date-time");
    expect(message).toContain(
      "articles/bad.md: `corrections[1].text`: expected what was corrected, as readers should read it, found nothing",
    );
    expect(message).toContain(
      'articles/bad.md: `corrections[2]`: expected a mapping with `date` and `text`, found "Fixed"',
    );
  });
});
