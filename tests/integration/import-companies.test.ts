import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import importSettings from "../../src/data/import.ts";
import partners from "../../src/data/partners.ts";
import { BUILT_IN_SECTIONS } from "../../src/lib/config/sections.ts";
import { validateImportConfig } from "../../src/lib/import/import-config.ts";
import { importReleases, type ImportSummary } from "../../src/lib/import/run.ts";
import { buildFixture, company, smallPhoto, tempDir, writeFiles } from "../helpers/fixture-site.ts";

/**
 * Company profiles from the wires' metadata: a new issuer gets one, marked for review; a later
 * release completes an importer-written profile, and never overwrites one an editor keeps.
 */
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/import/deliveries");
const config = validateImportConfig(
  importSettings,
  partners.map((partner) => partner.id),
  BUILT_IN_SECTIONS,
);

/** The GlobeNewswire delivery fixture, with an `assert` about its issuer (ISIN and logo), as a new release. */
async function g2Release(folder: string, name: string, changes: { guid: string; tickers?: string[]; logo?: string }) {
  let text = await readFile(path.join(FIXTURES, "globenewswire-delivered.newsml-g2.xml"), "utf8");
  text = text.replace("9900001", changes.guid);
  // Another headline for each release: one partner's same headline within 48 hours is a duplicate.
  if (changes.guid !== "1") text = text.replaceAll("Reports Record Harvest", `Reports Harvest ${changes.guid}`);
  if (changes.tickers)
    text = text.replace(
      /<keyword role="MWKeyRole:Ticker">[^<]*<\/keyword>\s*<keyword role="MWKeyRole:Ticker">[^<]*<\/keyword>/,
      changes.tickers.map((ticker) => `<keyword role="MWKeyRole:Ticker">${ticker}</keyword>`).join(""),
    );
  if (changes.logo)
    text = text.replace(
      "</contentMeta>",
      `</contentMeta><assert literal="Tidewater Kelp Inc."><remoteInfo contenttype="image/png" href="${changes.logo}"><name>Tidewater Kelp Inc.</name></remoteInfo><related rel="MWFinRel:Instrument" qcode="ISIN:CA88675K1049" /></assert>`,
    );
  const file = path.join(folder, name);
  await writeFile(file, text);
  return file;
}

function importInto(root: string, inputs: string[], options: { dryRun?: boolean } = {}): Promise<ImportSummary> {
  return importReleases({
    inputs,
    articlesDir: path.join(root, "articles"),
    companiesDir: path.join(root, "companies"),
    displayRoot: root,
    site: { timeZone: "Asia/Bangkok", sections: BUILT_IN_SECTIONS, language: "en" },
    partners,
    config,
    ...options,
  });
}

const profileOf = async (root: string, slug: string) => {
  const text = await readFile(path.join(root, "companies", `${slug}.md`), "utf8");
  const [, yaml = "", body = ""] = /^---\n([\s\S]*?)---\n([\s\S]*)$/.exec(text) ?? [];
  return { text, data: parse(yaml) as Record<string, unknown>, body: body.trim() };
};

describe("a release from an issuer without a profile", () => {
  let root: string;
  let summary: ImportSummary;
  beforeAll(async () => {
    root = await tempDir("import-companies");
    await writeFiles(root, { "feed/tidewater.png": await smallPhoto(200, 80, "#0b7a75") });
    summary = await importInto(root, [
      await g2Release(path.join(root, "feed"), "first.xml", { guid: "1", logo: "tidewater.png" }),
    ]);
  });

  it("creates one from the release's metadata, marked for an editor's review", async () => {
    expect(summary.items.map((item) => item.outcome)).toEqual(["new"]);
    const { data, body } = await profileOf(root, "tidewater-kelp");
    expect(data).toEqual({
      name: "Tidewater Kelp",
      legalName: "Tidewater Kelp Inc.",
      logo: "tidewater-kelp.jpg",
      headquarters: { city: "Halifax", country: "Canada" },
      listings: [
        { exchange: "TSX VENTURE", symbol: "TKLP" },
        { exchange: "OTC", symbol: "TKLPF" },
      ],
      isin: "CA88675K1049",
      review: true,
      imported: {
        hash: expect.stringMatching(/^sha256-[0-9a-f]{64}$/),
        release: "urn:newsml:globenewswire.example:20261103:1",
      },
    });
    expect(body).toBe("Tidewater Kelp grows seaweed for food and fertiliser.");
    // The logo went through the photo checks and sits beside the profile.
    expect((await readFile(path.join(root, "companies", "tidewater-kelp.jpg"))).subarray(0, 3)).toEqual(
      Buffer.from([0xff, 0xd8, 0xff]),
    );
    expect(summary.items[0]!.notes).toContain(
      "new company profile companies/tidewater-kelp.md from the release's metadata, marked `review: true`: check it, then remove that line",
    );
  });

  it("builds: the article's issuer, as the wire printed it, is the profile's company", async () => {
    const { read } = await buildFixture({ articlesDir: path.join(root, "articles"), partners, search: false });
    const html = await read("/companies/tidewater-kelp/");
    expect(html).toContain("<h1>Tidewater Kelp</h1>");
    expect(html).toContain("<dt>Listings</dt><dd>TSX VENTURE: TKLP, OTC: TKLPF</dd>");
    expect(html).toContain('alt="Tidewater Kelp logo"');
  });

  it("is left as it is when the same release comes again", async () => {
    const before = await profileOf(root, "tidewater-kelp");
    const again = await importInto(root, [path.join(root, "feed", "first.xml")]);
    expect(again.items.map((item) => item.outcome)).toEqual(["unchanged"]);
    expect((await profileOf(root, "tidewater-kelp")).text).toBe(before.text);
  });
});

describe("a later release from a company with a profile", () => {
  it("completes a profile the importer wrote and nobody changed", async () => {
    const root = await tempDir("import-companies-complete");
    await importInto(root, [await g2Release(root, "first.xml", { guid: "1", tickers: ["TSX VENTURE:TKLP"] })]);
    const later = await importInto(root, [
      await g2Release(root, "second.xml", { guid: "2", tickers: ["TSX VENTURE:TKLP", "OTC:TKLPF"] }),
    ]);
    expect(later.items[0]!.notes).toContain(
      'completed company profile companies/tidewater-kelp.md with listings [{"exchange":"OTC","symbol":"TKLPF"}]',
    );
    const { data } = await profileOf(root, "tidewater-kelp");
    expect(data.listings).toEqual([
      { exchange: "TSX VENTURE", symbol: "TKLP" },
      { exchange: "OTC", symbol: "TKLPF" },
    ]);
    expect(data.review).toBe(true);
  });

  it("never rewrites a profile an editor has changed: what a release would add is proposed beside it", async () => {
    const root = await tempDir("import-companies-edited");
    await importInto(root, [await g2Release(root, "first.xml", { guid: "1", tickers: ["TSX VENTURE:TKLP"] })]);
    const file = path.join(root, "companies", "tidewater-kelp.md");
    const edited = (await readFile(file, "utf8"))
      .replace("review: true\n", "")
      .replace("Tidewater Kelp grows", "Our editor says Tidewater Kelp grows");
    await writeFile(file, edited);
    const later = await importInto(root, [
      await g2Release(root, "second.xml", { guid: "2", tickers: ["TSX VENTURE:TKLP", "OTC:TKLPF"] }),
    ]);
    expect(later.items[0]!.notes).toContain(
      'company profile companies/tidewater-kelp.md is kept by an editor and left as it is; what this release adds is proposed in companies/tidewater-kelp.proposed.yaml: listings [{"exchange":"OTC","symbol":"TKLPF"}]',
    );
    expect(await readFile(file, "utf8")).toBe(edited);
    const proposal = path.join(root, "companies", "tidewater-kelp.proposed.yaml");
    expect(parse(await readFile(proposal, "utf8"))).toEqual({
      proposed: { listings: [{ exchange: "OTC", symbol: "TKLPF" }] },
      releases: ["urn:newsml:globenewswire.example:20261103:2"],
    });
    // The build reads profiles only: the proposal is no company of its own.
    const { read } = await buildFixture({ articlesDir: path.join(root, "articles"), partners, search: false });
    expect(await read("/companies/")).toContain('<a href="/companies/tidewater-kelp/">Tidewater Kelp</a>');

    // The editor takes the listing in: the next release finds nothing to propose, and the proposal goes.
    await writeFile(
      file,
      edited.replace("    symbol: TKLP\n", "    symbol: TKLP\n  - exchange: OTC\n    symbol: TKLPF\n"),
    );
    const third = await importInto(root, [
      await g2Release(root, "third.xml", { guid: "3", tickers: ["TSX VENTURE:TKLP", "OTC:TKLPF"] }),
    ]);
    expect(third.items[0]!.notes).toContain(
      "removed companies/tidewater-kelp.proposed.yaml: the profile now has everything it proposed",
    );
    await expect(readFile(proposal, "utf8")).rejects.toThrow(/ENOENT/);
  });

  it("finds a profile written by hand under another spelling, and leaves it alone", async () => {
    const root = await tempDir("import-companies-hand");
    await writeFiles(root, {
      "companies/tidewater.md": company({ name: "Tidewater Kelp", aliases: "[TKLP]" }, "Seaweed."),
    });
    const summary = await importInto(root, [await g2Release(root, "first.xml", { guid: "1" })]);
    expect(summary.items[0]!.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^company profile companies\/tidewater.md is kept by an editor and left as it is; what this release adds is proposed in companies\/tidewater.proposed.yaml: legalName "Tidewater Kelp Inc."; headquarters/,
        ),
      ]),
    );
    expect(await readFile(path.join(root, "companies", "tidewater.md"), "utf8")).toBe(
      company({ name: "Tidewater Kelp", aliases: "[TKLP]" }, "Seaweed."),
    );
  });

  it("says so when the issuer's name fits several profiles", async () => {
    const root = await tempDir("import-companies-ambiguous");
    await writeFiles(root, {
      "companies/tidewater-kelp-canada.md": company({ name: "Tidewater Kelp Ltd." }),
      "companies/tidewater-kelp-germany.md": company({ name: "Tidewater Kelp GmbH" }),
    });
    const summary = await importInto(root, [await g2Release(root, "first.xml", { guid: "1" })]);
    expect(summary.items[0]!.notes).toContain(
      'the issuer "Tidewater Kelp Inc." matches several company profiles (companies/tidewater-kelp-canada.md, companies/tidewater-kelp-germany.md): write the one meant in the article\'s companies',
    );
  });
});

describe("what the importer leaves out of a profile", () => {
  it("reports a wrong ISIN and a logo it could not fetch, and writes nothing on a dry run", async () => {
    const root = await tempDir("import-companies-bw");
    const dry = await importInto(root, [path.join(FIXTURES, "businesswire-delivered.newsml.xml")], { dryRun: true });
    expect(dry.items[0]!.notes).toContain(
      "new company profile companies/quarrytown-analytics.md from the release's metadata, marked `review: true`: check it, then remove that line",
    );
    await expect(readFile(path.join(root, "companies", "quarrytown-analytics.md"))).rejects.toThrow(/ENOENT/);

    const summary = await importInto(root, [path.join(FIXTURES, "businesswire-delivered.newsml.xml")]);
    expect(summary.items[0]!.notes).toEqual(
      expect.arrayContaining([
        'left the ISIN "US0000000001" out of the company profile: its check digit is wrong',
        expect.stringMatching(
          /^skipped the company logo https:\/\/mms\.businesswire\.example\/media\/20261103005101\/en\/4\/quarrytown-logo\.jpg for the profile \(not an article photo\): /,
        ),
      ]),
    );
    const { data } = await profileOf(root, "quarrytown-analytics");
    expect(data).toMatchObject({
      name: "Quarrytown Analytics",
      // The logo's click-through link is the company's website.
      website: "https://www.quarrytown.example",
      listings: [{ exchange: "NASDAQ", symbol: "QTAX" }],
      // One page under two spellings of its link is listed once.
      social: ["https://www.social.example/quarrytown/"],
      contact: { name: "Quarrytown Analytics", email: "press@quarrytown.example" },
      review: true,
    });
    expect(data).not.toHaveProperty("isin");
    expect(data).not.toHaveProperty("logo");
  });
});
