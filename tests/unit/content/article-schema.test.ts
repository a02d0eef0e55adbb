import { describe, expect, it } from "vitest";
import {
  articleFields,
  validateArticleBody,
  validateArticleFields,
  type ArticleFields,
} from "../../../src/lib/content/article-schema.ts";
import { formatIsoDateTime } from "../../../src/lib/core/dates.ts";
import { formatProblem, type Problem } from "../../../src/lib/core/problems.ts";
import { BUILT_IN_SECTIONS, readSections } from "../../../src/lib/config/sections.ts";

const context = {
  file: "articles/2023/10/a.md",
  timeZone: "Asia/Bangkok",
  partnerIds: ["prnewswire", "businesswire"],
  sections: BUILT_IN_SECTIONS,
};
const valid = {
  title: "Headline",
  date: "2023-10-24T09:00:00+08:00",
  dateline: { city: "BEIJING" },
  partner: "prnewswire",
};

const messages = (data: Record<string, unknown>) => {
  const result = validateArticleFields(data, context);
  if (!Array.isArray(result)) throw new Error("expected problems");
  return (result as Problem[]).map(formatProblem);
};
const fields = (data: Record<string, unknown>) => {
  const result = validateArticleFields(data, context);
  if (Array.isArray(result)) throw new Error(result.map(formatProblem).join("\n"));
  return result as ArticleFields;
};
const F = "articles/2023/10/a.md";
const NO_CONTROLS = "expected a text without control characters (they make feeds and sitemaps invalid XML)";

describe("validateArticleFields: a valid article", () => {
  it("reads every field", () => {
    const result = fields({
      ...valid,
      summary: "Summary",
      dateline: { city: "XI'AN, China", country: "China" },
      guid: "012345",
      source: { name: "Xinhua Silk Road", title: "Original", url: "https://example.com/a" },
      originalUrl: "http://example.com/b",
      images: [
        { src: "photos/a.jpg", alt: "Alt", caption: "Caption", credit: "Credit" },
        { src: "b.PNG", alt: "B" },
      ],
      categories: ["Energy"],
      tags: ["1.10"],
      regions: ["Asia"],
      companies: ["Lotus"],
      draft: "false",
      embargo: "2023-10-25",
      updated: "2023-10-24T12:00:00+08:00",
    });
    expect(result.title).toBe("Headline");
    expect(formatIsoDateTime(result.date)).toBe("2023-10-24T08:00:00+07:00");
    expect(formatIsoDateTime(result.embargo!)).toBe("2023-10-25T00:00:00+07:00");
    expect(result.dateline).toEqual({ city: "XI'AN, China", country: "China" });
    expect(result.guid).toBe("012345");
    expect(result.terms.tags).toEqual(["1.10"]);
    expect(result.images).toHaveLength(2);
    expect(result.draft).toBe(false);
  });

  it("defaults lists to empty and draft to false", () => {
    const result = fields(valid);
    expect(result).toMatchObject({
      terms: { categories: [], tags: [], regions: [], companies: [] },
      images: [],
      draft: false,
    });
    expect(result.source).toBeUndefined();
  });

  it("takes the release's language as a language tag, and names a wrong one", () => {
    const french = validateArticleFields({ ...valid, language: "fr" }, context);
    expect(Array.isArray(french) ? french : french.language).toBe("fr");
    const wrong = validateArticleFields({ ...valid, language: "French" }, context);
    expect(Array.isArray(wrong) ? wrong.map(formatProblem) : wrong).toEqual([
      `${F}: \`language\`: expected a lowercase language tag such as "fr" or "pt-BR", found "French"`,
    ]);
  });

  it("reads a list for each section with a field, the site's own included, and refuses fields no section has", () => {
    const { sections } = readSections(
      [{ key: "industries", title: "Industries", singular: "Industry", description: "By industry." }],
      F,
      "sections",
    );
    const withIndustries = { ...context, sections };
    const result = validateArticleFields({ ...valid, industries: ["Utilities"] }, withIndustries);
    expect(Array.isArray(result) ? result : result.terms.industries).toEqual(["Utilities"]);
    const typo = validateArticleFields({ ...valid, industrie: ["Utilities"] }, withIndustries);
    expect(Array.isArray(typo) ? typo.map(formatProblem) : typo).toEqual([
      `${F}: \`industrie\`: expected a known field (did you mean \`industries\`?), found an unknown field`,
    ]);
    expect(articleFields(sections).slice(-5)).toEqual(["categories", "regions", "companies", "tags", "industries"]);
  });
});

describe("validateArticleFields: each problem names the file, the field, what was expected and what was found", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["missing title", { ...valid, title: undefined }, `${F}: \`title\`: expected the headline as text, found nothing`],
    ["empty title", { ...valid, title: "  " }, `${F}: \`title\`: expected the headline as text, found an empty text`],
    [
      "title as a list",
      { ...valid, title: ["a"] },
      `${F}: \`title\`: expected the headline as text, found a list of 1`,
    ],
    [
      "summary as a mapping",
      { ...valid, summary: { a: "b" } },
      `${F}: \`summary\`: expected a text, found a mapping with \`a\``,
    ],
    [
      "missing date",
      { ...valid, date: undefined },
      `${F}: \`date\`: expected an ISO 8601 date-time with offset such as 2023-10-24T09:00:00+08:00, or a date such as 2023-10-24, found nothing`,
    ],
    [
      "date without offset",
      { ...valid, date: "2023-10-24T09:00:00" },
      `${F}: \`date\`: expected an ISO 8601 date-time with offset such as 2023-10-24T09:00:00+08:00, or a date such as 2023-10-24, found "2023-10-24T09:00:00"`,
    ],
    [
      "impossible date",
      { ...valid, date: "2023-02-30" },
      `${F}: \`date\`: expected an ISO 8601 date-time with offset such as 2023-10-24T09:00:00+08:00, or a date such as 2023-10-24, found "2023-02-30"`,
    ],
    [
      "bad updated",
      { ...valid, updated: "soon" },
      `${F}: \`updated\`: expected an ISO 8601 date-time with offset such as 2023-10-24T09:00:00+08:00, or a date such as 2023-10-24, found "soon"`,
    ],
    [
      "updated before date",
      { ...valid, updated: "2023-10-23" },
      `${F}: \`updated\`: expected a time at or after \`date\`, found "2023-10-23"`,
    ],
    [
      "bad embargo",
      { ...valid, embargo: "tomorrow" },
      `${F}: \`embargo\`: expected an ISO 8601 date-time with offset such as 2023-10-24T09:00:00+08:00, or a date such as 2023-10-24, found "tomorrow"`,
    ],
    [
      "dateline as text",
      { ...valid, dateline: "BEIJING" },
      `${F}: \`dateline\`: expected a mapping with \`city\` (and optionally \`country\`), e.g. \`dateline: { city: BEIJING, country: China }\`, found "BEIJING"`,
    ],
    [
      "dateline without city",
      { ...valid, dateline: { country: "China" } },
      `${F}: \`dateline.city\`: expected the city as printed, such as "BEIJING", found nothing`,
    ],
    [
      "dateline with unknown field",
      { ...valid, dateline: { city: "X", contry: "China" } },
      `${F}: \`dateline.contry\`: expected a known field (did you mean \`country\`?), found an unknown field`,
    ],
    [
      "empty country",
      { ...valid, dateline: { city: "X", country: "" } },
      `${F}: \`dateline.country\`: expected the country's name, such as "China", found an empty text`,
    ],
    [
      "empty source title",
      { ...valid, source: { name: "X", title: " " } },
      `${F}: \`source.title\`: expected the original headline, found an empty text`,
    ],
    [
      "source with unknown field",
      { ...valid, source: { name: "X", link: "https://a.example/" } },
      `${F}: \`source.link\`: expected one of the known fields (name, title, url), found an unknown field`,
    ],
    [
      "image src with a control character",
      { ...valid, images: [{ src: "a\u0007.jpg", alt: "A" }] },
      `${F}: \`images[0].src\`: ${NO_CONTROLS}, found "a\\u0007.jpg", with U+0007 at character 2`,
    ],
    [
      "title with a control character",
      { ...valid, title: "Head\u0001line" },
      `${F}: \`title\`: ${NO_CONTROLS}, found "Head\\u0001line", with U+0001 at character 5`,
    ],
    [
      "summary with DEL",
      { ...valid, summary: "Sum\u007f" },
      `${F}: \`summary\`: ${NO_CONTROLS}, found "Sum\\u007f", with U+007F at character 4`,
    ],
    [
      "dateline city with a C1 control",
      { ...valid, dateline: { city: "BEI\u0085JING" } },
      `${F}: \`dateline.city\`: ${NO_CONTROLS}, found "BEI\\u0085JING", with U+0085 at character 4`,
    ],
    [
      "source name with a vertical tab",
      { ...valid, source: { name: "Acme\u000bWire" } },
      `${F}: \`source.name\`: ${NO_CONTROLS}, found "Acme\\u000bWire", with U+000B at character 5`,
    ],
    [
      "caption with a lone surrogate",
      { ...valid, images: [{ src: "a.jpg", alt: "A", caption: "Cap\ud800" }] },
      `${F}: \`images[0].caption\`: ${NO_CONTROLS}, found "Cap\\ud800", with U+D800 at character 4`,
    ],
    [
      "tag with U+FFFE",
      { ...valid, tags: ["ok", "t\ufffe"] },
      `${F}: \`tags[1]\`: ${NO_CONTROLS}, found "t\\ufffe", with U+FFFE at character 2`,
    ],
    [
      "empty caption",
      { ...valid, images: [{ src: "a.jpg", alt: "A", caption: "" }] },
      `${F}: \`images[0].caption\`: expected a text, found an empty text`,
    ],
    [
      "empty credit",
      { ...valid, images: [{ src: "a.jpg", alt: "A", credit: "" }] },
      `${F}: \`images[0].credit\`: expected a text, found an empty text`,
    ],
    [
      "missing partner",
      { ...valid, partner: undefined },
      `${F}: \`partner\`: expected the id of a configured partner (prnewswire, businesswire), found nothing`,
    ],
    [
      "unknown partner",
      { ...valid, partner: "reuters" },
      `${F}: \`partner\`: expected the id of a configured partner (prnewswire, businesswire), found "reuters"`,
    ],
    [
      "empty guid",
      { ...valid, guid: "" },
      `${F}: \`guid\`: expected the wire's identifier for this release, found an empty text`,
    ],
    [
      "source as text",
      { ...valid, source: "Xinhua" },
      `${F}: \`source\`: expected a mapping with \`name\` (and optionally \`title\` and \`url\`), found "Xinhua"`,
    ],
    [
      "source without name",
      { ...valid, source: { title: "T" } },
      `${F}: \`source.name\`: expected the original publisher's name, such as "Xinhua Silk Road", found nothing`,
    ],
    [
      "source with a bad URL",
      { ...valid, source: { name: "X", url: "javascript:alert(1)" } },
      `${F}: \`source.url\`: expected an http:// or https:// URL, found "javascript:alert(1)"`,
    ],
    [
      "originalUrl without scheme",
      { ...valid, originalUrl: "www.example.com/a" },
      `${F}: \`originalUrl\`: expected an http:// or https:// URL, found "www.example.com/a"`,
    ],
    [
      "originalUrl as data:",
      { ...valid, originalUrl: "data:text/html,<script>" },
      `${F}: \`originalUrl\`: expected an http:// or https:// URL, found "data:text/html,<script>"`,
    ],
    [
      "images as text",
      { ...valid, images: "a.jpg" },
      `${F}: \`images\`: expected a list of photos, each with \`src\` and \`alt\`, found "a.jpg"`,
    ],
    [
      "image as text",
      { ...valid, images: ["a.jpg"] },
      `${F}: \`images[0]\`: expected a photo with \`src\` and \`alt\`, found "a.jpg"`,
    ],
    [
      "image without alt",
      { ...valid, images: [{ src: "a.jpg" }] },
      `${F}: \`images[0].alt\`: expected a text alternative describing the photo for people who cannot see it, found nothing`,
    ],
    [
      "image without src",
      { ...valid, images: [{ alt: "A" }] },
      `${F}: \`images[0].src\`: expected the photo's file name, relative to the article, such as "harbour.jpg", found nothing`,
    ],
    [
      "image outside the folder",
      { ...valid, images: [{ src: "../../secret.jpg", alt: "A" }] },
      `${F}: \`images[0].src\`: expected a path relative to the article that stays in its folder (no leading \`/\`, no \`..\`), found "../../secret.jpg"`,
    ],
    [
      "image absolute path",
      { ...valid, images: [{ src: "/etc/a.jpg", alt: "A" }] },
      `${F}: \`images[0].src\`: expected a path relative to the article that stays in its folder (no leading \`/\`, no \`..\`), found "/etc/a.jpg"`,
    ],
    [
      "image URL",
      { ...valid, images: [{ src: "https://cdn.example/a.jpg", alt: "A" }] },
      `${F}: \`images[0].src\`: expected a file beside the article, not a URL (download remote photos with the importer), found "https://cdn.example/a.jpg"`,
    ],
    [
      "image SVG",
      { ...valid, images: [{ src: "logo.svg", alt: "A" }] },
      `${F}: \`images[0].src\`: expected a raster photo (.jpg, .jpeg, .png, .webp, .avif, .gif, .tif, .tiff), found "logo.svg"`,
    ],
    [
      "image with a typo field",
      { ...valid, images: [{ src: "a.jpg", alt: "A", captoin: "C" }] },
      `${F}: \`images[0].captoin\`: expected a known field (did you mean \`caption\`?), found an unknown field`,
    ],
    [
      "categories as text",
      { ...valid, categories: "Energy" },
      `${F}: \`categories\`: expected a list of texts (one \`- item\` per line), found "Energy"`,
    ],
    ["empty tag", { ...valid, tags: ["a", null] }, `${F}: \`tags[1]\`: expected a text, found an empty value`],
    ["draft as yes", { ...valid, draft: "yes" }, `${F}: \`draft\`: expected true or false, found "yes"`],
    [
      "unknown field with a likely typo",
      { ...valid, sumary: "S" },
      `${F}: \`sumary\`: expected a known field (did you mean \`summary\`?), found an unknown field`,
    ],
  ])("%s", (_name, data, expected) => {
    expect(messages(data)).toEqual([expected]);
  });

  it("names every known field for an unknown one that is not a typo", () => {
    expect(messages({ ...valid, layout: "evil.njk" })[0]).toContain(
      "`layout`: expected one of the known fields (title, summary, date,",
    );
  });

  it("reports every problem in the article, not only the first", () => {
    const all = messages({ title: "", date: "x", partner: "y", tittle: "z" });
    expect(all).toHaveLength(5);
    expect(all.map((m) => m.split("`")[1])).toEqual(["tittle", "title", "date", "dateline", "partner"]);
  });
});

describe("validateArticleBody", () => {
  it("accepts ordinary Markdown and HTML, tabs and line ends included", () => {
    expect(validateArticleBody("Para\twith a tab.\r\n\n<p><b><i>x</i></b></p>\n", F)).toEqual([]);
  });

  it("names the line of a control character in the body", () => {
    expect(validateArticleBody("First line.\n\nSecond \u0001 line.", F).map(formatProblem)).toEqual([
      `${F}: \`body\`: ${NO_CONTROLS}, found U+0001 on line 3 of the body`,
    ]);
  });

  it("refuses HTML nested deeper than the sanitizer allows, naming the depth", () => {
    const deep = "<b><i>".repeat(60) + "x" + "</i></b>".repeat(60);
    expect(validateArticleBody(deep, F).map(formatProblem)).toEqual([
      `${F}: \`body\`: expected HTML nested at most 100 elements deep, found elements nested 120 deep`,
    ]);
    const shallow = "<b><i>".repeat(50) + "x" + "</i></b>".repeat(50);
    expect(validateArticleBody(shallow, F)).toEqual([]);
  });

  it("counts elements left open, as a browser would", () => {
    expect(validateArticleBody("<div>".repeat(150), F).map((problem) => problem.found)).toEqual([
      "elements nested 150 deep",
    ]);
    // Many siblings are not nesting, and void elements do not nest.
    expect(validateArticleBody("<p>x</p>".repeat(500) + "<br>".repeat(500), F)).toEqual([]);
  });
});
