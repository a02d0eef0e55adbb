import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import importSettings from "../../src/data/import.ts";
import demoPartners from "../../src/data/partners.ts";
import type { Partner } from "../../src/lib/config/partners.ts";
import { BUILT_IN_SECTIONS } from "../../src/lib/config/sections.ts";
import { validateImportConfig } from "../../src/lib/import/import-config.ts";
import { importReleases, type ItemReport } from "../../src/lib/import/run.ts";
import { renderArticleBody } from "../../src/lib/content/markdown.ts";
import { buildFixture, tempDir } from "../helpers/fixture-site.ts";

/**
 * Wire deliveries as the wires really send them (our own text, their structure and quirks):
 * each file in tests/fixtures/import/deliveries reproduces one class of what real files do.
 * Adding an agency is one partner entry, after which its dateline tag is recognised.
 */
const lagoon: Partner = {
  ...demoPartners[0]!,
  id: "lagoon",
  name: "Lagoon Agency",
  datelineTag: "Lagoon",
  datelineTagStyle: "parentheses",
  originalLinkLabel: "Original article",
  copyrightLine: "footer",
};
const partners = [...demoPartners, lagoon];
const config = validateImportConfig(
  importSettings,
  partners.map((partner) => partner.id),
  BUILT_IN_SECTIONS,
);
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/import/deliveries");

interface Imported {
  report: ItemReport;
  data: Record<string, unknown>;
  body: string;
  /** The body as the page shows it, without markup. */
  text: string;
}

let root: string;
const imported = new Map<string, Imported[]>();

async function importFile(name: string): Promise<Imported[]> {
  const articlesDir = path.join(root, "articles", name.replace(/\W+/g, "-"));
  const summary = await importReleases({
    inputs: [path.join(FIXTURES, name)],
    articlesDir,
    companiesDir: path.join(root, "companies"),
    displayRoot: root,
    site: { timeZone: "Asia/Bangkok", sections: BUILT_IN_SECTIONS, language: "en" },
    partners,
    config,
  });
  return Promise.all(
    summary.items.map(async (report) => {
      if (!report.file) throw new Error(`${name}: ${report.outcome} ${report.reason ?? ""}`);
      const written = await readFile(path.join(root, report.file), "utf8");
      const [, frontMatter = "", body = ""] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(written) ?? [];
      const text = renderArticleBody(body)
        .replace(/<[^>]+>/g, " ")
        .replace(/&amp;/g, "&")
        .replace(/\s+/g, " ");
      return { report, data: parse(frontMatter) as Record<string, unknown>, body, text };
    }),
  );
}

const one = (name: string): Imported => {
  const items = imported.get(name);
  if (items?.length !== 1) throw new Error(`${name}: expected one article, found ${items?.length}`);
  return items[0]!;
};

beforeAll(async () => {
  root = await tempDir("deliveries");
  for (const name of [
    "businesswire-delivered.newsml.xml",
    "globenewswire-delivered.newsml-g2.xml",
    "globenewswire-french.newsml-g2.xml",
    "agency-plain-text.newsml-g2.xml",
    "feedburner.rss.xml",
    "wire-release-page.html",
  ])
    imported.set(name, await importFile(name));
});

describe("NewsML 1.2 as Business Wire delivers it", () => {
  it("finds the headline in the inner component and the wire in the envelope", () => {
    const { data } = one("businesswire-delivered.newsml.xml");
    expect(data.title).toBe("Quarrytown Analytics Opens a Data Lab for Small Towns");
    expect(data.partner).toBe("businesswire");
    expect(data.dateline).toEqual({ city: "MONTPELIER, Vt.", country: "United States" });
    expect(data.summary).toBe("Free dashboards for town clerks in three states");
    expect(data.copyright).toBe("Copyright Business Wire 2026");
  });

  it("dates it the US Eastern day its NewsItemId gives, not the next day in UTC", () => {
    expect(one("businesswire-delivered.newsml.xml").data.date).toBe("2026-11-03T20:30:00-05:00");
  });

  it("maps the BW keywords, and keeps states, tickers, ISINs and tags out of the topics", () => {
    const { data } = one("businesswire-delivered.newsml.xml");
    expect(data.categories).toEqual(["Technology"]);
    expect(data.regions).toEqual(["North America"]);
    expect(data.tags).toEqual(["product/service"]);
    expect(data.companies).toEqual(["Quarrytown Analytics"]);
  });

  it("keeps the contacts, drops the tracker, the logo and the tweet, and says so", () => {
    const { data, text, report } = one("businesswire-delivered.newsml.xml");
    expect(text).toContain("Contacts Quarrytown Analytics press@quarrytown.example");
    expect(text).not.toContain("Data lab for small towns");
    expect(data.images).toBeUndefined();
    expect(data.originalUrl).toBe("https://www.businesswire.example/news/home/20261103005101/en/");
    expect(report.notes).toEqual(
      expect.arrayContaining([
        "left out the wire's suggested tweet (not part of the release)",
        'added the release\'s Contact component at the end of the body, under "Contacts"',
        "dropped a tracking pixel",
        "left the listing (NASDAQ: QTAX, ISIN US0000000001) out of the article: it belongs to the company's profile",
      ]),
    );
  });
});

describe("the wire's tracking pixel", () => {
  it("is kept, and loaded from the wire's host alone, for a partner whose contract asks for it", async () => {
    const keeping = partners.map((partner) =>
      partner.id === "businesswire" ? { ...partner, trackingPixel: "keep" as const } : partner,
    );
    const folder = await tempDir("deliveries-pixel");
    const summary = await importReleases({
      inputs: [path.join(FIXTURES, "businesswire-delivered.newsml.xml")],
      articlesDir: path.join(folder, "articles"),
      companiesDir: path.join(folder, "companies"),
      displayRoot: folder,
      site: { timeZone: "Asia/Bangkok", sections: BUILT_IN_SECTIONS, language: "en" },
      partners: keeping,
      config,
    });
    const [report] = summary.items;
    expect(report?.notes).toContain("kept the wire's tracking pixel (Business Wire: trackingPixel keep)");
    expect(report?.notes).not.toContain("dropped a tracking pixel");
    const text = await readFile(path.join(folder, report!.file!), "utf8");
    expect(text).toContain("trackingPixel: https://cts.businesswire.example/ct/CT?id=bwnews&sty=20261103005101r1\n");
    const { read } = await buildFixture({ articlesDir: path.join(folder, "articles"), partners: keeping });
    const page = await read(`/news/2026/11/${path.basename(report!.file!, ".md")}/`);
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="img-src 'self' data: https://cts.businesswire.example">`,
    );
    expect(page).toContain(
      '<img class="wire-pixel" src="https://cts.businesswire.example/ct/CT?id=bwnews&amp;sty=20261103005101r1" alt="" width="1" height="1">',
    );
    // Stripped again the moment the partner's setting says so.
    const { read: readStripped } = await buildFixture({ articlesDir: path.join(folder, "articles"), partners });
    expect(await readStripped(`/news/2026/11/${path.basename(report!.file!, ".md")}/`)).not.toContain("wire-pixel");
  });
});

describe("NewsML-G2 as GlobeNewswire delivers it", () => {
  it("splits subject paths and maps them, and keeps tickers out of the tags", () => {
    const { data } = one("globenewswire-delivered.newsml-g2.xml");
    // "Earnings Releases…" and "Utilities" (the path's second level) are mapped in src/data/import.ts.
    expect(data.categories).toEqual(["Finance", "Energy"]);
    expect(data.tags).toEqual(["energy and utilities", "aquaculture"]);
    expect((data.tags as string[]).some((tag) => tag.includes("\\") || tag.includes(":"))).toBe(false);
  });

  it("reads the country from the located literal", () => {
    expect(one("globenewswire-delivered.newsml-g2.xml").data.dateline).toEqual({
      city: "HALIFAX, Nova Scotia",
      country: "Canada",
    });
  });

  it("drops the abstract that is the first paragraph cut short, and takes the sub-headline instead", () => {
    const { data, report } = one("globenewswire-delivered.newsml-g2.xml");
    expect(data.summary).toBe("Four farms, one season, twice the yield");
    expect(report.notes).toContainEqual(
      'dropped the feed\'s summary: it repeats the start of the release, cut short ("Tidewater Kelp Inc. (TSX VENTURE: TKLP) today reported a rec")',
    );
  });

  it("keeps the legend printed above the dateline at the top of the body, and drops the headline printed again", () => {
    const { body, report } = one("globenewswire-delivered.newsml-g2.xml");
    expect(body.split("\n\n")[0]).toBe("*All amounts in Canadian dollars unless otherwise indicated*");
    expect(body).not.toContain("Reports Record Harvest");
    expect(report.notes).toEqual(
      expect.arrayContaining([
        'dropped the headline printed again above the dateline ("Tidewater Kelp Reports Record Harvest")',
        'kept "All amounts in Canadian dollars unless otherwise indicated", printed above the dateline, at the top of the body',
      ]),
    );
  });

  it("writes contacts without gluing words, literal markers or stray backslashes", () => {
    const { text } = one("globenewswire-delivered.newsml-g2.xml");
    expect(text).toContain("About Tidewater Kelp: Tidewater Kelp grows seaweed");
    expect(text).toContain("Investors Sam Oyelaran");
    expect(text).toContain("Media: Ruth Abara press@tidewater.example");
    expect(text).toContain("Tidewater Kelp Inc. Harbour Road 4 Halifax");
    expect(text).not.toMatch(/\*\*|\\/);
  });
});

describe("a French GlobeNewswire correction", () => {
  it("finds the day-first French dateline below the notice and the sub-headlines", () => {
    const { data, body, report } = one("globenewswire-french.newsml-g2.xml");
    expect(data.dateline).toEqual({ city: "QUÉBEC", country: "Canada" });
    expect(data.language).toBe("fr");
    expect(data.summary).toBe("Une nouvelle cabane à sucre près de Québec — Deux cents emplois saisonniers");
    // The wire's correction notice is the release's correction, shown at the top of its body.
    expect(data.corrections).toEqual([
      {
        date: "2026-11-05T14:00:00Z",
        text: "Le communiqué suivant corrige et remplace le communiqué diffusé le 5 novembre 2026 à 8 h HNE. La version corrigée suit :",
      },
    ]);
    expect(report.notes).toContainEqual(
      `took the correction notice printed above the dateline as the release's correction ("Le communiqué suivant corrige et remplace le communiqué diff")`,
    );
    expect(body).not.toContain("corrige et remplace");
    expect(body).toContain("Érablière Boréale inc. a doublé sa production");
    expect(body).not.toContain("GLOBE NEWSWIRE");
    expect(report.notes).toContainEqual(
      'dropped the headline printed again above the dateline ("Érablière Boréale double sa production de sirop")',
    );
  });
});

describe("an agency's NewsML-G2 with plain text", () => {
  it("reads the text in inlineData as paragraphs, and the dateline with the tag first", () => {
    const { data, body } = one("agency-plain-text.newsml-g2.xml");
    expect(data.partner).toBe("lagoon");
    expect(data.dateline).toEqual({ city: "Venice" });
    expect(data.copyright).toBe("(c) Copyright Lagoon Agency 2026");
    // The feed says it-IT; the dateline's month says English, and the text is.
    expect(data.language).toBeUndefined();
    expect(data.summary).toBe("City council approves the first twelve boats");
    expect(body.trim().split("\n\n")).toEqual([
      "The city council approved twelve battery ferries for the lagoon on Sunday.",
      '"Quiet boats for a quiet city," the transport councillor said.',
      "The first boats are due in the spring.",
    ]);
    expect(data.tags).toEqual([]);
  });
});

describe("RSS through FeedBurner", () => {
  it("takes the original link, never the share buttons or the pixel as photos", () => {
    const { data, body, report } = one("feedburner.rss.xml");
    expect(data.originalUrl).toBe(
      "http://www.lagoon-agency.example/article/harbour-pilots-night-schedule-idUS1?feedType=RSS",
    );
    expect(data.images).toBeUndefined();
    expect(data.dateline).toEqual({ city: "PORT LOUIS" });
    expect(body.trim()).toBe(
      "Harbour pilots agreed on Tuesday to a new night schedule that keeps two crews on call until dawn.",
    );
    expect(report.notes).toEqual(expect.arrayContaining(["dropped a share button", "dropped a tracking pixel"]));
    expect(report.notes.filter((note) => note === "dropped a tracking pixel")).toHaveLength(2);
    expect(report.notes.join(" ")).not.toContain("left out photo");
  });
});

describe("a wire's release page saved from the browser", () => {
  it("finds the release by its dateline, leaving the page's chrome and other releases out", () => {
    const { data, text } = one("wire-release-page.html");
    expect(data.title).toBe("Marlowe Looms Opens a Weaving School");
    expect(data.partner).toBe("prnewswire");
    expect(data.date).toBe("2026-11-02T21:30:00-05:00");
    expect(data.summary).toBe("Twelve looms and free evening classes for the town");
    expect(data.originalUrl).toBe(
      "https://www.prnewswire.example/news-releases/marlowe-looms-opens-a-weaving-school-300000042.html",
    );
    expect(text).toContain("Marlowe Looms, a maker of hand looms, today opened a weaving school in its old mill.");
    for (const chrome of ["News provided by", "02 Nov, 2026", "Share", "Also from this source", "Sign up", "cookies"])
      expect(text).not.toContain(chrome);
    expect(data.images).toBeUndefined();
    expect(one("wire-release-page.html").report.notes).toContain(
      "dropped the page's navigation, forms and buttons inside the release (3 words)",
    );
    expect(text).not.toContain("Print this release");
    expect(one("wire-release-page.html").report.notes).toContainEqual(
      expect.stringMatching(
        /^read the release from the part of the page that holds its dateline; left out the rest of the page \(\d+ words: navigation, share buttons, other releases\)$/,
      ),
    );
  });
});

describe("the dateline on the page", () => {
  it("prints the date each wire printed, in the release's own offset and language", async () => {
    const { read } = await buildFixture({ articlesDir: path.join(root, "articles"), partners, search: false });
    const french = one("globenewswire-french.newsml-g2.xml").report.file!;
    const frenchPage = await read(`/news/2026/11/${path.basename(french, ".md")}/`);
    // The copyright line is printed where the partner says: Lagoon's footer, not Business Wire's.
    const agency = one("agency-plain-text.newsml-g2.xml").report.file!;
    expect(await read(`/news/2026/10/${path.basename(agency, ".md")}/`)).toContain(
      '<p class="copyright">(c) Copyright Lagoon Agency 2026</p>',
    );
    const bw = one("businesswire-delivered.newsml.xml").report.file!;
    expect(await read(`/news/2026/11/${path.basename(bw, ".md")}/`)).not.toContain("Copyright Business Wire");
    expect(frenchPage).toContain('<div class="article-body" lang="fr">');
    expect(frenchPage).toMatch(/<h1 lang="fr">CORRECTION/);
    const datelines = new Map<string, string>();
    for (const [name, items] of imported) {
      const file = items[0]!.report.file!;
      const slug = path.basename(file, ".md");
      const month = file.split("/").at(-2);
      const html = await read(`/news/${file.split("/").at(-3)}/${month}/${slug}/`);
      datelines.set(name, /<span class="dateline">([^<]*)<\/span>/.exec(html)?.[1] ?? "none");
    }
    expect(Object.fromEntries(datelines)).toEqual({
      "businesswire-delivered.newsml.xml": "MONTPELIER, Vt., Nov. 3, 2026 (BUSINESS WIRE) —",
      "globenewswire-delivered.newsml-g2.xml": "HALIFAX, Nova Scotia, Nov. 3, 2026 (GLOBE NEWSWIRE) —",
      "globenewswire-french.newsml-g2.xml": "QUÉBEC, 5 novembre 2026 (GLOBE NEWSWIRE) —",
      "agency-plain-text.newsml-g2.xml": "Venice, Oct. 11, 2026 (Lagoon) —",
      "feedburner.rss.xml": "PORT LOUIS, Nov. 3, 2026 (Lagoon) —",
      "wire-release-page.html": "PORTLAND, Maine, Nov. 2, 2026 /PRNewswire/ —",
    });
  });
});
