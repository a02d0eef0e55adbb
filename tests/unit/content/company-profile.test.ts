import { describe, expect, it } from "vitest";
import {
  isValidIsin,
  validateCompanyProfile,
  type CompanyProfileFields,
} from "../../../src/lib/content/company-profile.ts";
import { formatProblem, type Problem } from "../../../src/lib/core/problems.ts";

const F = "src/data/companies/northpine-robotics.md";
const messages = (data: Record<string, unknown>) => {
  const result = validateCompanyProfile(data, F);
  if (!Array.isArray(result)) throw new Error("expected problems");
  return (result as Problem[]).map(formatProblem);
};
const fields = (data: Record<string, unknown>) => {
  const result = validateCompanyProfile(data, F);
  if (Array.isArray(result)) throw new Error(result.map(formatProblem).join("\n"));
  return result as CompanyProfileFields;
};

describe("validateCompanyProfile", () => {
  it("reads every field (YAML failsafe texts, as the front-matter parser gives them)", () => {
    expect(
      fields({
        name: "Northpine Robotics",
        legalName: "Northpine Robotics Inc.",
        aliases: ["Northpine", "NPR"],
        logo: "northpine.png",
        website: "https://northpine.example/",
        headquarters: { city: "Toronto", country: "Canada" },
        industries: ["Robotics"],
        founded: "2017",
        listings: [{ exchange: "TSX", symbol: "NPR.B" }],
        isin: "US0378331005",
        social: ["https://social.example/@northpine"],
        contact: {
          name: "Press office",
          email: "press@northpine.example",
          phone: "+1 416 555 0100",
          url: "https://northpine.example/press",
        },
        review: "true",
        imported: { hash: `sha256-${"a".repeat(64)}`, release: "bw-1" },
      }),
    ).toEqual({
      name: "Northpine Robotics",
      legalName: "Northpine Robotics Inc.",
      aliases: ["Northpine", "NPR"],
      logo: "northpine.png",
      website: "https://northpine.example/",
      headquarters: { city: "Toronto", country: "Canada" },
      industries: ["Robotics"],
      founded: "2017",
      listings: [{ exchange: "TSX", symbol: "NPR.B" }],
      isin: "US0378331005",
      social: ["https://social.example/@northpine"],
      contact: {
        name: "Press office",
        email: "press@northpine.example",
        phone: "+1 416 555 0100",
        url: "https://northpine.example/press",
      },
      review: true,
    });
  });

  it("needs only a name", () => {
    expect(fields({ name: "Acme" })).toEqual({
      name: "Acme",
      aliases: [],
      industries: [],
      listings: [],
      social: [],
      review: false,
    });
  });

  it("names the file, the field, what was expected and what was found", () => {
    expect(
      messages({
        legalName: "",
        website: "javascript:alert(1)",
        logo: "../secrets/key.png",
        founded: "founded 1999",
        isin: "US0378331006",
        social: ["ftp://social.example/x"],
        review: "yes",
      }),
    ).toEqual([
      `${F}: \`name\`: expected the company's name as the directory shows it, such as "Northpine Robotics", found nothing`,
      `${F}: \`legalName\`: expected the registered name, such as "Northpine Robotics Inc.", found an empty text`,
      `${F}: \`logo\`: expected the file name of a PNG, JPEG, WebP, AVIF or GIF logo beside the profile (no folders), found "../secrets/key.png"`,
      `${F}: \`website\`: expected an http:// or https:// URL, found "javascript:alert(1)"`,
      `${F}: \`founded\`: expected the year it was founded, such as 2014, found "founded 1999"`,
      `${F}: \`isin\`: expected a 12-character ISIN with a valid check digit, such as US0378331005, found "US0378331006"`,
      `${F}: \`social[0]\`: expected an http:// or https:// URL, found "ftp://social.example/x"`,
      `${F}: \`review\`: expected true or false, found "yes"`,
    ]);
  });

  it("refuses unknown fields, suggesting the likely one", () => {
    expect(messages({ name: "Acme", webiste: "https://acme.example/", ticker: "ACME" })).toEqual([
      `${F}: \`webiste\`: expected a known field (did you mean \`website\`?), found an unknown field`,
      `${F}: \`ticker\`: expected one of the known fields (name, legalName, aliases, logo, website, headquarters, industries, founded, listings, isin, social, contact, review, imported), found an unknown field`,
    ]);
  });

  it("checks the nested fields", () => {
    expect(
      messages({
        name: "Acme",
        headquarters: { city: "Paris" },
        listings: [{ exchange: "NYSE" }, "NYSE: ACME", { exchange: "LSE", symbol: "AC ME", board: "main" }],
        contact: { email: "press at acme", phone: "call us" },
        imported: { hash: "md5-1" },
      }),
    ).toEqual([
      `${F}: \`listings[1]\`: expected a mapping with \`exchange\` and \`symbol\`, such as { exchange: NASDAQ, symbol: NPR }, found "NYSE: ACME"`,
      `${F}: \`headquarters.country\`: expected the country's name, such as "Canada", found nothing`,
      `${F}: \`listings[0].symbol\`: expected the ticker symbol, such as "NPR", found nothing`,
      `${F}: \`listings[2].board\`: expected one of the known fields (exchange, symbol), found an unknown field`,
      `${F}: \`listings[2].symbol\`: expected a ticker symbol without spaces, found "AC ME"`,
      `${F}: \`contact.email\`: expected an email address such as press@example.com, found "press at acme"`,
      `${F}: \`contact.phone\`: expected a phone number such as +1 604 555 0100, found "call us"`,
      `${F}: \`imported.hash\`: expected the importer's \`sha256-…\` hash of the file, found "md5-1"`,
    ]);
    expect(messages({ name: "Acme", headquarters: "Paris", contact: {}, listings: "NYSE" })).toEqual([
      `${F}: \`headquarters\`: expected a mapping with \`country\` (and optionally \`city\`), found "Paris"`,
      `${F}: \`listings\`: expected a list of \`{ exchange, symbol }\` mappings, found "NYSE"`,
      `${F}: \`contact\`: expected a mapping with at least one of \`name\`, \`email\`, \`phone\`, \`url\`, found an empty mapping`,
    ]);
  });
});

describe("isValidIsin", () => {
  it("checks the shape and the check digit", () => {
    expect(isValidIsin("US0378331005")).toBe(true);
    expect(isValidIsin("AU0000XVGZA3")).toBe(true);
    expect(isValidIsin("GB0002634946")).toBe(true);
    expect(isValidIsin("US0378331004")).toBe(false);
    expect(isValidIsin("us0378331005")).toBe(false);
    expect(isValidIsin("US037833100")).toBe(false);
  });
});
