import { describe, expect, it } from "vitest";
import { ARTICLE_OWN_FIELDS, BUILT_IN_SECTIONS, listSections, readSections } from "../../../src/lib/config/sections.ts";
import { formatProblem } from "../../../src/lib/core/problems.ts";

const read = (input: unknown) => readSections(input, "src/data/site.ts", "sections");
const messages = (input: unknown) => read(input).problems.map(formatProblem);

describe("the built-in sections", () => {
  it("declares each section once, under a URL of its own, with a front-matter list for those editors fill", () => {
    const keys = BUILT_IN_SECTIONS.map((section) => section.key);
    expect(keys).toEqual(["partners", "categories", "regions", "companies", "sources", "tags"]);
    for (const section of BUILT_IN_SECTIONS) expect(section.url).toBe(`/${section.key}/`);
    expect(listSections(BUILT_IN_SECTIONS).map((section) => section.field)).toEqual([
      "categories",
      "regions",
      "companies",
      "tags",
    ]);
    for (const section of listSections(BUILT_IN_SECTIONS))
      expect(ARTICLE_OWN_FIELDS as readonly string[]).not.toContain(section.field);
  });
});

describe("readSections", () => {
  it("adds the operator's sections after the built-in ones, with the key as field and URL base", () => {
    const { sections, problems } = read([
      {
        key: "industries",
        title: "Industries",
        singular: "Industry",
        description: "Releases by industry.",
        relatedRank: 4,
        searchFilter: "industry",
        meta: "section",
        importMapping: true,
      },
    ]);
    expect(problems).toEqual([]);
    expect(sections.slice(0, BUILT_IN_SECTIONS.length)).toEqual(BUILT_IN_SECTIONS);
    expect(sections.at(-1)).toEqual({
      key: "industries",
      field: "industries",
      title: "Industries",
      singular: "Industry",
      description: "Releases by industry.",
      url: "/industries/",
      groupByLetter: false,
      feeds: false,
      onArticlePage: true,
      relatedRank: 4,
      searchFilter: { name: "industry", values: "names" },
      meta: "section",
      importMapping: true,
    });
  });

  it("keeps the built-in sections when none are added", () => {
    expect(read(undefined)).toEqual({ sections: BUILT_IN_SECTIONS, problems: [] });
  });

  it("names every mistake: shape, unknown fields, keys that clash, wrong values", () => {
    const base = { title: "T", singular: "S", description: "D" };
    expect(messages({ key: "industries" })).toEqual([
      "src/data/site.ts: `sections`: expected a list of sections, each with key, title, singular and description, found a mapping with `key`",
    ]);
    expect(
      messages([
        "industries",
        { ...base, key: "Industries" },
        { ...base, key: "tags" },
        { ...base, key: "title" },
        { ...base, key: "news" },
        { key: "brands", titel: "Brands", singular: "Brand", description: "D" },
        { ...base, key: "brands", relatedRank: 0, meta: "topic", feeds: "yes" },
      ]),
    ).toEqual([
      'src/data/site.ts: `sections[0]`: expected a mapping with key, title, singular and description, found "industries"',
      'src/data/site.ts: `sections[1].key`: expected lowercase letters, digits and hyphens, starting with a letter, found "Industries"',
      'src/data/site.ts: `sections[2].key`: expected a name no other section, front-matter field or site folder uses, found "tags"',
      'src/data/site.ts: `sections[3].key`: expected a name no other section, front-matter field or site folder uses, found "title"',
      'src/data/site.ts: `sections[4].key`: expected a name no other section, front-matter field or site folder uses, found "news"',
      "src/data/site.ts: `sections[5].titel`: expected a known field (did you mean `title`?), found an unknown field",
      'src/data/site.ts: `sections[5].title`: expected the section\'s name, such as "Industries", found nothing',
      'src/data/site.ts: `sections[6].feeds`: expected true or false, found "yes"',
      "src/data/site.ts: `sections[6].relatedRank`: expected a whole number from 1 (1 counts first), found number 0",
      'src/data/site.ts: `sections[6].meta`: expected one of "section", "keyword", found "topic"',
    ]);
  });

  it("refuses the same key twice", () => {
    const section = { key: "brands", title: "Brands", singular: "Brand", description: "D" };
    expect(messages([section, section])).toEqual([
      'src/data/site.ts: `sections[1].key`: expected a name no other section, front-matter field or site folder uses, found "brands"',
    ]);
  });
});
