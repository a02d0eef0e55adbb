import { describe, expect, it } from "vitest";
import { BUILT_IN_SECTIONS, readSections } from "../../../src/lib/config/sections.ts";
import { articleTermLists, metaNames, navigation } from "../../../src/lib/site/sections.ts";
import { makeArticle } from "../../helpers/article-objects.ts";

const { sections: withIndustries } = readSections(
  [{ key: "industries", title: "Industries", singular: "Industry", description: "By industry.", meta: "section" }],
  "site.ts",
  "sections",
);

describe("what the site draws from the sections", () => {
  it("draws the navigation from the sections, between the latest news and the archive", () => {
    expect(navigation(BUILT_IN_SECTIONS).map(([label]) => label)).toEqual([
      "Latest",
      "Partners",
      "Categories",
      "Regions",
      "Companies",
      "Sources",
      "Tags",
      "Archive",
      "Search",
    ]);
    expect(navigation(withIndustries).slice(-3)).toEqual([
      ["Industries", "/industries/"],
      ["Archive", "/news/"],
      ["Search", "/search/"],
    ]);
  });

  it("lists an article's terms in the sections shown on its page, leaving out the empty ones", () => {
    const article = makeArticle({ categories: ["Energy"], companies: [], tags: ["solar", "grid"], regions: ["Asia"] });
    expect(articleTermLists(article, BUILT_IN_SECTIONS)).toEqual([
      ["Categories", "categories", ["Energy"]],
      ["Regions", "regions", ["Asia"]],
      ["Tags", "tags", ["solar", "grid"]],
    ]);
    const withIndustry = makeArticle({ categories: ["Energy"], terms: { industries: ["Utilities"] } });
    expect(articleTermLists(withIndustry, withIndustries)).toEqual([
      ["Categories", "categories", ["Energy"]],
      ["Industries", "industries", ["Utilities"]],
    ]);
  });

  it("names an article's sections and keywords for page metadata and feeds by each section's `meta`", () => {
    const article = makeArticle({ categories: ["Energy"], tags: ["solar"], terms: { industries: ["Utilities"] } });
    expect(metaNames(article, BUILT_IN_SECTIONS, "section")).toEqual(["Energy"]);
    expect(metaNames(article, withIndustries, "section")).toEqual(["Energy", "Utilities"]);
    expect(metaNames(article, withIndustries, "keyword")).toEqual(["solar"]);
  });
});
