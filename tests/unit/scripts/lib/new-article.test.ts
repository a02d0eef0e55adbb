import { readFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { validateArticleFields } from "../../../../src/lib/content/article-schema.ts";
import { parseFrontMatter, type ParsedFile } from "../../../../src/lib/content/front-matter.ts";
import { cityOfZone, createArticleFile } from "../../../../scripts/lib/new-article.ts";
import { fixturePartners, tempDir } from "../../../helpers/fixture-site.ts";
import { BUILT_IN_SECTIONS } from "../../../../src/lib/config/sections.ts";

const now = DateTime.fromISO("2026-11-24T17:28:41.123", { zone: "Asia/Bangkok" });

describe("createArticleFile", () => {
  it("writes a valid draft dated now in the site's zone, in a year/month folder", async () => {
    const dir = await tempDir("new");
    const file = await createArticleFile({
      title: 'Lotus: "Grid" #1 {{ x }}',
      partner: "prnewswire",
      articlesDir: dir,
      now,
      partners: fixturePartners,
      sections: BUILT_IN_SECTIONS,
    });
    expect(path.relative(dir, file)).toBe("2026/11/lotus-grid-1-x.md");
    const parsed = parseFrontMatter(await readFile(file, "utf8"), file) as ParsedFile;
    const fields = validateArticleFields(parsed.data, {
      file,
      timeZone: "Asia/Bangkok",
      partnerIds: ["prnewswire"],
      sections: BUILT_IN_SECTIONS,
    });
    expect(fields).toMatchObject({
      title: 'Lotus: "Grid" #1 {{ x }}',
      partner: "prnewswire",
      draft: true,
      dateline: { city: "BANGKOK" },
    });
    expect(parsed.data.date).toBe("2026-11-24T17:28:00+07:00");
  });

  it("never overwrites an existing file", async () => {
    const dir = await tempDir("new");
    const options = {
      title: "Same Headline",
      partner: "prnewswire",
      articlesDir: dir,
      now,
      partners: fixturePartners,
      sections: BUILT_IN_SECTIONS,
      city: "TOKYO",
      country: "Japan",
    };
    const first = await createArticleFile(options);
    const second = await createArticleFile(options);
    expect(path.basename(first)).toBe("same-headline.md");
    expect(path.basename(second)).toBe("same-headline-2.md");
    expect(await readFile(second, "utf8")).toContain("city: TOKYO\n  country: Japan");
  });

  it("refuses a partner that is not configured", async () => {
    const dir = await tempDir("new");
    await expect(
      createArticleFile({
        title: "X",
        partner: "nope",
        articlesDir: dir,
        now,
        partners: fixturePartners,
        sections: BUILT_IN_SECTIONS,
      }),
    ).rejects.toThrow('`partner`: expected the id of a configured partner (prnewswire, globenewswire), found "nope"');
  });
});

describe("cityOfZone", () => {
  it.each([
    ["Asia/Bangkok", "BANGKOK"],
    ["America/New_York", "NEW YORK"],
    ["America/Argentina/Buenos_Aires", "BUENOS AIRES"],
    ["UTC", "UTC"],
  ])("%s → %s", (zone, city) => expect(cityOfZone(zone)).toBe(city));
});
