import { describe, expect, it } from "vitest";
import partners from "../../../src/data/partners.ts";
import importConfig from "../../../src/data/import.ts";
import { validateImportConfig } from "../../../src/lib/import/import-config.ts";
import {
  ItemError,
  parseWireDate,
  prepareRelease,
  syntheticGuid,
  type ReleaseContext,
} from "../../../src/lib/import/release.ts";
import type { WireItem } from "../../../src/lib/import/wire-item.ts";
import { BUILT_IN_SECTIONS } from "../../../src/lib/config/sections.ts";

const partnerIds = partners.map((partner) => partner.id);

describe("prepareRelease", () => {
  const context: ReleaseContext = {
    timeZone: "Asia/Bangkok",
    siteLanguage: "en",
    sections: BUILT_IN_SECTIONS,
    partners,
    config: validateImportConfig(importConfig, partnerIds, BUILT_IN_SECTIONS),
    include: [],
    exclude: [],
  };
  const item = (fields: Partial<WireItem>): WireItem => ({
    origin: "test",
    keywords: [],
    photos: [],
    title: "Acme Opens a Plant",
    bodyHtml: "<p>BANGKOK, Nov. 3, 2026 /PRNewswire/ -- Acme Co. today opened a plant.</p>",
    ...fields,
  });

  it("reads partner, date, dateline, issuer and a stable identity from a bare release", () => {
    const prepared = prepareRelease(item({}), context);
    if (prepared.kind !== "release") throw new Error("skipped");
    expect(prepared.release.fields).toMatchObject({
      title: "Acme Opens a Plant",
      date: "2026-11-03",
      dateline: { city: "BANGKOK", country: "Thailand" },
      partner: "prnewswire",
      companies: ["Acme Co."],
    });
    expect(prepared.release.guid).toBe(syntheticGuid(undefined, "Acme Opens a Plant", ""));
    expect(syntheticGuid("https://x.example/a?utm=1", " ACME opens a plant ", "d")).toBe(
      syntheticGuid("https://X.example/a/", "Acme Opens a Plant", "d"),
    );
  });

  it.each([
    [
      { title: "" },
      "no headline: expected a title (RSS/Atom `title`, NewsML `headline`/`HeadLine`, a page's `h1`, or the first line of pasted text)",
    ],
    [{ bodyHtml: "<p>Sign in</p>" }, "no body text left after cleaning: expected the release's paragraphs"],
    [
      { bodyHtml: "<p>BANGKOK, Nov. 3, 2026 /Reuters Wire/ -- Text.</p>" },
      'unknown wire "Reuters Wire" in the dateline: expected the tag of a configured partner (PRNewswire, BUSINESS WIRE, GLOBE NEWSWIRE, Xinhua-AsiaNet); to import releases from this wire, add it to src/data/partners.ts with datelineTag "Reuters Wire"',
    ],
    [
      { bodyHtml: "<p>Acme today opened a plant.</p>", published: "2026-11-03T09:00:00+07:00" },
      "unknown wire: the dateline has no wire tag and the feed names no configured partner; give --partner <id> (prnewswire, businesswire, globenewswire, xinhua-asianet) if you know which wire sent it",
    ],
    [
      { bodyHtml: "<p>Acme today opened a plant.</p>", wire: "Business Wire" },
      'no publication date: expected a date in the feed or in the dateline (such as "Oct. 24, 2023")',
    ],
    [
      { bodyHtml: "<p>Acme today opened a plant.</p>", wire: "Business Wire", published: "2026-11-03T09:00:00+07:00" },
      'no dateline: expected the body to start with one such as "BEIJING, Oct. 24, 2023 /PRNewswire/ --" (or the feed to give the place)',
    ],
    [
      { published: "next Tuesday" },
      'publication date: expected an RFC 822 or ISO 8601 date-time, found "next Tuesday"',
    ],
  ])("fails an item clearly: %j", (fields, message) => {
    expect(() => prepareRelease(item(fields), context)).toThrow(ItemError);
    expect(() => prepareRelease(item(fields), context)).toThrow(message);
  });

  it("takes --partner over the wire tag only with --relabel, and the feed's wire when the dateline has no tag", () => {
    const reuters = item({ bodyHtml: "<p>BANGKOK, Nov. 3, 2026 /Reuters Wire/ -- Text.</p>" });
    expect(() => prepareRelease(reuters, { ...context, partner: "businesswire" })).toThrow(
      'the dateline names the wire "Reuters Wire", not Business Wire (--partner businesswire)',
    );
    const forced = prepareRelease(reuters, { ...context, partner: "businesswire", relabel: true });
    expect(forced.kind === "release" && forced.release.fields.partner).toBe("businesswire");
    const agreeing = prepareRelease(item({}), { ...context, partner: "prnewswire" });
    expect(agreeing.kind === "release" && agreeing.release.notes).toEqual([]);
    const fromFeed = prepareRelease(item({ bodyHtml: "<p>BANGKOK, Nov. 3, 2026 -- Text.</p>" }), {
      ...context,
      wire: "GlobeNewswire: all releases",
    });
    expect(fromFeed.kind === "release" && fromFeed.release.fields.partner).toBe("globenewswire");
  });

  it("keeps the feed's own summary and the sub-headline above the dateline at the top of the body, noting both choices", () => {
    const withSummary = prepareRelease(
      item({
        summary: "A summary the feed wrote itself.",
        bodyHtml:
          "<h2>Two lines, one plant</h2><p>BANGKOK, Nov. 3, 2026 /PRNewswire/ -- Acme Co. today opened a plant.</p>",
      }),
      context,
    );
    if (withSummary.kind !== "release") throw new Error("skipped");
    expect(withSummary.release.fields.summary).toBe("A summary the feed wrote itself.");
    expect(withSummary.release.body.split("\n\n")[0]).toBe("Two lines, one plant");
    expect(withSummary.release.notes).toContain(
      'kept the sub-headline printed above the dateline at the top of the body ("Two lines, one plant")',
    );
    const copied = prepareRelease(item({ summary: "Acme Co. today opened a plant" }), context);
    if (copied.kind !== "release") throw new Error("skipped");
    expect(copied.release.fields.summary).toBeUndefined();
    expect(copied.release.notes).toContain(
      'dropped the feed\'s summary: it repeats the start of the release ("Acme Co. today opened a plant")',
    );
  });

  it("takes control characters out of the wire's text and says so", () => {
    const prepared = prepareRelease(
      item({
        title: "Acme\u0001 Opens a Plant",
        keywords: [{ kind: "category", value: "Ener\u0008gy" }],
        bodyHtml: "<p>BANGKOK, Nov. 3, 2026 /PRNewswire/ -- Acme Co. today\u000b opened a plant&#x7;.</p>",
      }),
      context,
    );
    if (prepared.kind !== "release") throw new Error("skipped");
    expect(prepared.release.title).toBe("Acme Opens a Plant");
    expect(prepared.release.body).toContain("Acme Co. today opened a plant.");
    expect(JSON.stringify(prepared.release)).not.toMatch(/\\u000[0-9a-f]/);
    expect(prepared.release.notes).toEqual([
      "removed 3 control characters (U+0008, U+0001, U+000B) from the keywords, the headline, the body: feeds and sitemaps cannot carry them",
      "removed 1 control character (U+0007) from the body's entities: feeds and sitemaps cannot carry them",
    ]);
  });

  it("refuses a body nested too deeply to clean, naming the depth", () => {
    expect(() =>
      prepareRelease(
        item({ bodyHtml: "<div>".repeat(3_000) + "<p>BANGKOK, Nov. 3, 2026 /PRNewswire/ -- Text.</p>" }),
        context,
      ),
    ).toThrow("body: expected HTML nested at most 100 elements deep, found elements nested 3001 deep");
  });

  it("skips what the filters exclude", () => {
    expect(prepareRelease(item({}), { ...context, exclude: ["plant"] })).toEqual({
      kind: "skipped",
      reason: 'excluded by the keyword filter "plant"',
    });
  });

  it("reads wire dates in every form the formats use, keeping their offset", () => {
    expect(parseWireDate("Tue, 03 Nov 2026 09:00:00 +0800", "UTC")?.toISO()).toBe("2026-11-03T09:00:00.000+08:00");
    expect(parseWireDate("Tue, 03 Nov 2026 09:00 GMT", "Asia/Bangkok")?.toISO()).toBe("2026-11-03T09:00:00.000Z");
    expect(parseWireDate("2026-11-05T14:00:00Z", "Asia/Bangkok")?.toISO()).toBe("2026-11-05T14:00:00.000Z");
    expect(parseWireDate("2026-11-05T14:00:00", "Asia/Bangkok")?.toISO()).toBe("2026-11-05T14:00:00.000+07:00");
    expect(parseWireDate("20261106T130000Z", "Asia/Bangkok")?.toISO()).toBe("2026-11-06T13:00:00.000Z");
    expect(parseWireDate("20261106T130000-0500", "Asia/Bangkok")?.toISO()).toBe("2026-11-06T13:00:00.000-05:00");
    expect(parseWireDate("soon", "UTC")).toBeUndefined();
  });
});
