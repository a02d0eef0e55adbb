import { describe, expect, it } from "vitest";
import { articleTermLists, NAVIGATION, SECTIONS } from "../../../src/lib/site/sections.ts";
import { makeArticle } from "../../helpers/article-objects.ts";

describe("the sections of the directory", () => {
  it("declares each section once, under a URL of its own", () => {
    const keys = SECTIONS.map((section) => section.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const section of SECTIONS) expect(section.url).toBe(`/${section.key}/`);
  });

  it("draws the navigation from the sections, between the latest news and the archive", () => {
    expect(NAVIGATION.map(([label]) => label)).toEqual([
      "Latest",
      ...SECTIONS.map((section) => section.title),
      "Archive",
      "Search",
    ]);
  });

  it("lists an article's terms in the sections shown on its page, leaving out the empty ones", () => {
    const article = makeArticle({ categories: ["Energy"], companies: [], tags: ["solar", "grid"], regions: ["Asia"] });
    expect(articleTermLists(article)).toEqual([
      ["Categories", "categories", ["Energy"]],
      ["Regions", "regions", ["Asia"]],
      ["Tags", "tags", ["solar", "grid"]],
    ]);
  });
});
