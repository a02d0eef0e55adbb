import { describe, expect, it } from "vitest";
import partners from "../../../src/data/partners.ts";
import { validateArticleFields } from "../../../src/lib/content/article-schema.ts";
import { parseFrontMatter } from "../../../src/lib/content/front-matter.ts";
import { contentHash, editedSinceImport, serializeArticle } from "../../../src/lib/import/store.ts";
import { BUILT_IN_SECTIONS } from "../../../src/lib/config/sections.ts";

const partnerIds = partners.map((partner) => partner.id);

describe("serializeArticle", () => {
  const hostileTitles = [
    "Acme: the next chapter",
    "\"Quoted\" and 'single' headline",
    "#1 in Asia # not a comment",
    "{{ site.name }} and {% if x %}",
    "012345",
    "1.10",
    "~",
    "null",
    "yes",
    "- looks like a list",
    "> looks like a quote",
    "@handle & *star* | pipe",
    "Line one\nline two",
    "  padded  ",
  ];

  it.each(hostileTitles)("writes %j so that it reads back as the same text", (title) => {
    const text = serializeArticle(
      {
        title,
        date: "2026-11-03T09:00:00+08:00",
        dateline: { city: "BEIJING" },
        partner: "prnewswire",
        guid: title,
        categories: [title],
        tags: [],
        regions: [],
        companies: [title],
      },
      "Body.",
      "012",
    );
    const parsed = parseFrontMatter(text, "x.md");
    if (Array.isArray(parsed)) throw new Error(JSON.stringify(parsed));
    expect(parsed.data.title).toBe(title);
    expect(parsed.data.guid).toBe(title);
    expect(parsed.data.categories).toEqual([title]);
    expect(parsed.data.imported).toMatchObject({ revision: "012" });
    if (title.trim() !== "" && !title.includes("\n")) {
      const fields = validateArticleFields(parsed.data, {
        file: "x.md",
        timeZone: "Asia/Bangkok",
        partnerIds,
        sections: BUILT_IN_SECTIONS,
      });
      expect(Array.isArray(fields) ? fields : []).toEqual([]);
    }
  });

  it("stores a hash of the file that any edit breaks", () => {
    const text = serializeArticle(
      { title: "T", date: "2026-11-03", dateline: { city: "BEIJING" }, partner: "prnewswire", guid: "g" },
      "Body.",
      undefined,
    );
    const hash = /hash: (sha256-[0-9a-f]{64})/.exec(text)?.[1];
    expect(hash).toBe(contentHash(text));
    expect(editedSinceImport({ absolute: "x", text, importHash: hash, companies: [] })).toBe(false);
    expect(
      editedSinceImport({
        absolute: "x",
        text: text.replace("Body.", "Body, edited."),
        importHash: hash,
        companies: [],
      }),
    ).toBe(true);
    expect(editedSinceImport({ absolute: "x", text, companies: [] })).toBe(true);
  });

  it("refuses a malformed import hash in front matter", () => {
    const problems = validateArticleFields(
      {
        title: "T",
        date: "2026-11-03",
        dateline: { city: "X" },
        partner: "prnewswire",
        imported: { hash: "md5-abc", extra: "1" },
      },
      { file: "a.md", timeZone: "UTC", partnerIds, sections: BUILT_IN_SECTIONS },
    );
    expect(problems).toEqual([
      {
        file: "a.md",
        field: "imported.extra",
        expected: "one of the known fields (hash, revision)",
        found: "an unknown field",
      },
      {
        file: "a.md",
        field: "imported.hash",
        expected: "the importer's `sha256-…` hash of the file",
        found: '"md5-abc"',
      },
    ]);
    expect(
      validateArticleFields(
        { title: "T", date: "2026-11-03", dateline: { city: "X" }, partner: "prnewswire", imported: "yes" },
        { file: "a.md", timeZone: "UTC", partnerIds, sections: BUILT_IN_SECTIONS },
      ),
    ).toEqual([
      {
        file: "a.md",
        field: "imported",
        expected: "the mapping `npm run import` writes (`hash`, `revision`)",
        found: '"yes"',
      },
    ]);
  });
});
