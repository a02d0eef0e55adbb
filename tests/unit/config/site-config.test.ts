import { describe, expect, it } from "vitest";
import site from "../../../src/data/site.ts";
import { ProblemsError } from "../../../src/lib/core/problems.ts";
import { BUILT_IN_SECTIONS } from "../../../src/lib/config/sections.ts";
import { validateSiteConfig } from "../../../src/lib/config/site-config.ts";

const F = "src/data/site.ts";
const messageFor = (input: unknown): string => {
  try {
    validateSiteConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemsError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
};

describe("validateSiteConfig", () => {
  it("accepts the demo site and normalises the URL", () => {
    const config = validateSiteConfig({ ...site, url: "https://news.example.com///" });
    expect(config.url).toBe("https://news.example.com/");
    expect(config.origin).toBe("https://news.example.com");
    expect(config.timeZone).toBe("Asia/Bangkok");
    expect(config.pageSize).toBe(20);
  });

  it("defaults the page size to 20", () => {
    const { pageSize: _, ...rest } = site;
    expect(validateSiteConfig(rest).pageSize).toBe(20);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      "an unknown time zone",
      { timeZone: "Mars/Olympus_Mons" },
      `${F}: \`timeZone\`: expected an IANA time zone such as "Asia/Bangkok" or "America/New_York", found "Mars/Olympus_Mons"`,
    ],
    [
      "a URL without scheme",
      { url: "news.example.com" },
      `${F}: \`url\`: expected an absolute URL starting with http:// or https://, e.g. https://news.example.com/, found "news.example.com"`,
    ],
    [
      "an ftp URL",
      { url: "ftp://news.example.com/" },
      `${F}: \`url\`: expected an absolute URL starting with http:// or https://, e.g. https://news.example.com/, found "ftp://news.example.com/"`,
    ],
    ["a missing name", { name: undefined }, `${F}: \`name\`: expected the site's name, found nothing`],
    [
      "a bad language",
      { language: "English" },
      `${F}: \`language\`: expected a lowercase language tag such as "en" or "th", found "English"`,
    ],
    [
      "a bad locale",
      { locale: "english please" },
      `${F}: \`locale\`: expected a locale such as "en-US" or "th-TH", found "english please"`,
    ],
    [
      "a missing description",
      { description: "" },
      `${F}: \`description\`: expected a one-sentence description of the site, found an empty text`,
    ],
    [
      "a relative logo",
      { logo: "assets/logo.svg" },
      `${F}: \`logo\`: expected a site path starting with one slash, such as "/assets/logo.svg", found "assets/logo.svg"`,
    ],
    [
      "a page size of zero",
      { pageSize: 0 },
      `${F}: \`pageSize\`: expected a whole number from 1 to 500, found number 0`,
    ],
    [
      "a typo",
      { timezone: "Asia/Bangkok" },
      `${F}: \`timezone\`: expected a known field (did you mean \`timeZone\`?), found an unknown field`,
    ],
  ])("refuses %s with a message naming the field", (_name, change, expected) => {
    expect(messageFor({ ...site, ...change })).toBe(`The site configuration is invalid (1 problem):\n  - ${expected}`);
  });

  it("holds the built-in sections, then the site's own; a wrong section is named with the site's other problems", () => {
    expect(validateSiteConfig(site).sections).toEqual(BUILT_IN_SECTIONS);
    const industries = { key: "industries", title: "Industries", singular: "Industry", description: "By industry." };
    expect(validateSiteConfig({ ...site, sections: [industries] }).sections.map((section) => section.key)).toEqual([
      ...BUILT_IN_SECTIONS.map((section) => section.key),
      "industries",
    ]);
    const message = messageFor({ ...site, timeZone: "Mars/Base", sections: [{ ...industries, key: "news" }] });
    expect(message).toMatch(/\(2 problems\)/);
    expect(message).toContain(
      `${F}: \`sections[0].key\`: expected a name no other section, front-matter field or site folder uses, found "news"`,
    );
  });

  it("lists every problem at once", () => {
    expect(messageFor({ ...site, url: "x", timeZone: "y" })).toMatch(/\(2 problems\)/);
  });

  it("refuses something that is not an object", () => {
    expect(messageFor("site")).toContain("expected an object with the site's settings, found string");
  });
});
