import { describe, expect, it } from "vitest";
import partners from "../../../src/data/partners.ts";
import { disclaimerText, validatePartners, type Partner } from "../../../src/lib/config/partners.ts";

const F = "src/data/partners.ts";
const base = partners[0] as Partner;
const messageFor = (input: unknown): string => {
  try {
    validatePartners(input);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the partners to be refused");
};

describe("validatePartners", () => {
  it("accepts the four shipped partners", () => {
    expect(validatePartners(partners).map((p) => p.id)).toEqual([
      "prnewswire",
      "businesswire",
      "globenewswire",
      "xinhua-asianet",
    ]);
  });

  it.each<[string, Partial<Record<keyof Partner | "disclamer", unknown>>, string]>([
    [
      "an id with capitals",
      { id: "PRNewswire" },
      `${F}: \`[0].id\`: expected lowercase letters, digits and hyphens, such as "prnewswire", found "PRNewswire"`,
    ],
    ["a missing name", { name: undefined }, `${F}: \`[0].name\`: expected the partner's display name, found nothing`],
    [
      "a tag with slashes",
      { datelineTag: "/PRNewswire/" },
      `${F}: \`[0].datelineTag\`: expected the tag without slashes or parentheses (datelineTagStyle adds them), found "/PRNewswire/"`,
    ],
    [
      "an unknown tag style",
      { datelineTagStyle: "brackets" },
      `${F}: \`[0].datelineTagStyle\`: expected one of "slashes", "parentheses", found "brackets"`,
    ],
    [
      "an unknown placeholder",
      { disclaimer: "By {partnr} for {site}." },
      `${F}: \`[0].disclaimer\`: expected only the placeholders {partner} and {site}, found "{partnr}"`,
    ],
    [
      "a disclaimer that does not name the site",
      { disclaimer: "Created by {partner}." },
      `${F}: \`[0].disclaimer\`: expected a {site} placeholder (the disclaimer must name the site), found "Created by {partner}."`,
    ],
    [
      "a missing original-link label",
      { originalLinkLabel: "" },
      `${F}: \`[0].originalLinkLabel\`: expected the label for the original link, such as "View original content", found an empty text`,
    ],
    [
      "a logo over http",
      { logo: "http://cdn.example/logo.png" },
      `${F}: \`[0].logo\`: expected a site path such as "/assets/partners/x.svg" or an https:// URL, found "http://cdn.example/logo.png"`,
    ],
    [
      "an unknown indexing policy",
      { indexing: "nofollow" },
      `${F}: \`[0].indexing\`: expected one of "index", "noindex", "googlebot-news-noindex", "canonical-to-original", found "nofollow"`,
    ],
    [
      "an unknown place for the copyright line",
      { copyrightLine: "header" },
      `${F}: \`[0].copyrightLine\`: expected one of "footer", "none", found "header"`,
    ],
    [
      "an unknown choice for the tracking pixel",
      { trackingPixel: "maybe" },
      `${F}: \`[0].trackingPixel\`: expected one of "strip", "keep", found "maybe"`,
    ],
    [
      "a typo",
      { disclamer: "x" },
      `${F}: \`[0].disclamer\`: expected a known field (did you mean \`disclaimer\`?), found an unknown field`,
    ],
  ])("refuses %s", (_name, change, expected) => {
    expect(messageFor([{ ...base, ...change }])).toBe(
      `The partner configuration is invalid (1 problem):\n  - ${expected}`,
    );
  });

  it("refuses two partners with one id", () => {
    expect(messageFor([base, { ...base }])).toContain(
      `\`[1].id\`: expected an identifier not already used by partner [0], found "prnewswire"`,
    );
  });

  it("refuses an entry that is not a record", () => {
    expect(messageFor([base, "prnewswire"])).toBe(
      `The partner configuration is invalid (1 problem):\n  - ${F}: \`[1]\`: expected a partner record, found string`,
    );
  });

  it("refuses an empty list", () => {
    expect(messageFor([])).toContain("expected a non-empty list of partners, found an empty list");
  });
});

describe("disclaimerText", () => {
  it("fills in the partner's and the site's names", () => {
    expect(disclaimerText(base, "Andaman Directory")).toBe(
      "The information provided in this article was created by Cision PR Newswire, our news partner. " +
        "The author's opinions and the content shared on this page are their own and may not necessarily " +
        "represent the perspectives of Andaman Directory.",
    );
  });

  it("replaces repeated placeholders and leaves other braces", () => {
    expect(disclaimerText({ name: "W", disclaimer: "{site} / {site} / {partner} / {x}" }, "S")).toBe("S / S / W / {x}");
  });
});
