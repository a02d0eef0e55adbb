import { describe, expect, it } from "vitest";
import partners from "../../../src/data/partners.ts";
import importConfig from "../../../src/data/import.ts";
import { filterReason, mapKeywords, validateImportConfig } from "../../../src/lib/import/import-config.ts";
import { countryName } from "../../../src/lib/import/places.ts";
import { BUILT_IN_SECTIONS } from "../../../src/lib/config/sections.ts";
import { ProblemsError } from "../../../src/lib/core/problems.ts";

const partnerIds = partners.map((partner) => partner.id);

describe("import configuration", () => {
  it("accepts the bundled mapping", () => {
    expect(validateImportConfig(importConfig, partnerIds, BUILT_IN_SECTIONS).mappings.categories?.Technology).toContain(
      "Software",
    );
  });

  it("names every mistake: unknown fields, wrong shapes, unknown partners", () => {
    let error: unknown;
    try {
      validateImportConfig(
        {
          categories: { Tech: "Software" },
          unmapedKeyword: "tags",
          unmappedKeywords: "keep",
          feeds: [{ match: "gnw", partner: "reuters", exclud: [] }, "x"],
        },
        partnerIds,
        BUILT_IN_SECTIONS,
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProblemsError);
    expect((error as ProblemsError).problems).toEqual([
      {
        file: "src/data/import.ts",
        field: "unmapedKeyword",
        expected: "a known field (did you mean `unmappedKeywords`?)",
        found: "an unknown field",
      },
      { file: "src/data/import.ts", field: "unmappedKeywords", expected: 'one of "tags", "drop"', found: '"keep"' },
      {
        file: "src/data/import.ts",
        field: "feeds[1]",
        expected: "a mapping with `url` or `match` (and optionally `partner`, `include`, `exclude`)",
        found: '"x"',
      },
      {
        file: "src/data/import.ts",
        field: "categories.Tech",
        expected: "a list of texts (one `- item` per line)",
        found: '"Software"',
      },
      {
        file: "src/data/import.ts",
        field: "feeds[0].exclud",
        expected: "a known field (did you mean `exclude`?)",
        found: "an unknown field",
      },
      {
        file: "src/data/import.ts",
        field: "feeds[0].partner",
        expected: "the id of a configured partner (prnewswire, businesswire, globenewswire, xinhua-asianet)",
        found: '"reuters"',
      },
    ]);
  });

  it("takes feeds with a URL or a path, which match their own inputs, for a run with no argument", () => {
    const { feeds } = validateImportConfig(
      {
        feeds: [
          { url: "https://wire.example/feed.rss", partner: "prnewswire" },
          { url: "incoming/globenewswire.xml", match: "globenewswire" },
        ],
      },
      partnerIds,
      BUILT_IN_SECTIONS,
    );
    expect(feeds).toEqual([
      {
        match: "https://wire.example/feed.rss",
        url: "https://wire.example/feed.rss",
        partner: "prnewswire",
        include: [],
        exclude: [],
      },
      { match: "globenewswire", url: "incoming/globenewswire.xml", include: [], exclude: [] },
    ]);
    expect(() =>
      validateImportConfig({ feeds: [{ url: "ftp://wire.example/feed" }, {}] }, partnerIds, BUILT_IN_SECTIONS),
    ).toThrow(
      [
        "The import configuration is invalid (2 problems):",
        '  - src/data/import.ts: `feeds[0].url`: expected an http:// or https:// URL, or a file path, found "ftp://wire.example/feed"',
        "  - src/data/import.ts: `feeds[1].match`: expected part of the feed's URL or file name (or `url`), found nothing",
      ].join("\n"),
    );
  });

  it("maps keywords to site terms without case or accents; tickers and ISINs are not topics", () => {
    const config = validateImportConfig(
      { categories: { Finance: ["Banking"] }, regions: { Asia: ["Asia Pacific"] }, tags: { cafe: ["Café culture"] } },
      partnerIds,
      BUILT_IN_SECTIONS,
    );
    const mapped = mapKeywords(
      [
        { kind: "category", value: "BANKING" },
        { kind: "region", value: "asia pacific" },
        { kind: "keyword", value: "cafe CULTURE" },
        { kind: "keyword", value: "NASDAQ:ACME" },
        { kind: "keyword", value: "TSX VENTURE:LGX" },
        { kind: "keyword", value: "TSX: LGX.UN" },
        { kind: "keyword", value: "$LGX" },
        { kind: "keyword", value: "US0378331005" },
        { kind: "country", value: "Japan" },
        { kind: "region", value: "Andes" },
        { kind: "subject", value: "Ferries" },
        { kind: "organisation", value: "Acme" },
      ],
      config,
      countryName,
    );
    expect(mapped).toEqual({
      terms: { categories: ["Finance"], regions: ["Asia", "Andes"], tags: ["cafe", "ferries"] },
      country: "Japan",
    });
    expect(
      mapKeywords([{ kind: "subject", value: "Ferries" }], { ...config, unmappedKeywords: "drop" }, countryName).terms
        .tags,
    ).toEqual([]);
  });

  it("filters by keyword or headline word", () => {
    const keywords = [{ kind: "category" as const, value: "Mining" }];
    expect(filterReason("Acme opens a mine", keywords, [], ["mining"])).toBe('excluded by the keyword filter "mining"');
    expect(filterReason("Acme opens a mine", keywords, ["shipping"], [])).toBe(
      "matches none of the include keywords (shipping)",
    );
    expect(filterReason("Acme shipping news", keywords, ["shipping"], [])).toBeUndefined();
    expect(filterReason("Acme opens a mine", keywords, [], [])).toBeUndefined();
  });
});
