import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  completeSearchRecord,
  SEGMENTED_MODULE_PATH,
  writeSearchIndex,
  type SearchRecord,
  type SegmentPlan,
  type UnrenderedSearchRecord,
} from "../../../src/lib/search/search-index.ts";
import { tempDir } from "../../helpers/fixture-site.ts";

const unrendered = (url: string, title: string): UnrenderedSearchRecord => ({
  url,
  language: "en",
  meta: { title, Date: "Oct. 1, 2023", Partner: "Wire" },
  filters: { year: ["2023"] },
  before: "A summary\nOSLO, Oct. 1, 2023 /Wire/ — ",
  after: `\n${title}\nA caption`,
});

describe("completeSearchRecord", () => {
  it("puts the body's text between the record's two parts, tags out, entities decoded, runs of blanks single", () => {
    const record = completeSearchRecord(unrendered("/news/a/", "Ferries"), "<p>Ports &amp;\t <em>quays</em></p>");
    expect(record).toEqual({
      url: "/news/a/",
      content: "A summary\nOSLO, Oct. 1, 2023 /Wire/ — Ports & quays \nFerries\nA caption",
      language: "en",
      meta: { title: "Ferries", Date: "Oct. 1, 2023", Partner: "Wire" },
      filters: { year: ["2023"] },
    });
  });
});

describe("writeSearchIndex", () => {
  const records = (titles: string[]): SearchRecord[] =>
    titles.map((title, index) => completeSearchRecord(unrendered(`/news/${index}/`, title), `<p>${title} body</p>`));
  const segments = (keys: [string, string]): SegmentPlan[] => [
    { id: "new", folder: "", key: keys[0] },
    { id: "old", folder: "s-old/", key: keys[1] },
  ];
  const itemsOf = (asked: string[]) => async (segment: SegmentPlan) => {
    asked.push(segment.id);
    return segment.id === "new" ? records(["Ferries", "Harbours"]) : records(["Lighthouses"]);
  };

  it("asks for the items of the segments it indexes only, and links the others from the previous index", async () => {
    const work = await tempDir("write-index");
    const firstAsked: string[] = [];
    const first = await writeSearchIndex({
      segments: segments(["n1", "o1"]),
      items: itemsOf(firstAsked),
      toRecord: (record) => record,
      folder: path.join(work, "first"),
    });
    expect(firstAsked).toEqual(["new", "old"]);
    expect(first).toMatchObject({
      segments: 2,
      rebuilt: 2,
      keys: [
        { folder: "", key: "n1" },
        { folder: "s-old/", key: "o1" },
      ],
    });
    const files = (await readdir(path.join(work, "first"), { recursive: true })).map(String);
    // The newest segment holds Pagefind's code; the other only its data, and its records their segment's id.
    expect(files).toContain("pagefind.js");
    expect(files).toContain(SEGMENTED_MODULE_PATH);
    expect(files.filter((file) => file.startsWith("s-old/") && file.endsWith(".js"))).toEqual([]);
    expect(files.some((file) => file.startsWith("s-old/fragment/"))).toBe(true);

    const secondAsked: string[] = [];
    const second = await writeSearchIndex({
      segments: segments(["n2", "o1"]),
      items: itemsOf(secondAsked),
      toRecord: (record) => record,
      folder: path.join(work, "second"),
      cache: { previous: path.join(work, "first"), manifest: first.manifest },
    });
    expect(secondAsked).toEqual(["new"]);
    expect(second).toMatchObject({ segments: 2, rebuilt: 1 });
    expect(second.manifest.get("old")).toEqual(first.manifest.get("old"));
    const oldFiles = Object.keys(first.manifest.get("old")!.files);
    for (const file of oldFiles)
      expect(await readFile(path.join(work, "second", file))).toEqual(await readFile(path.join(work, "first", file)));
  }, 60_000);
});
