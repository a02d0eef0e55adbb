import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readReleases } from "../../../src/lib/import/detect.ts";
import { HostileXmlError } from "../../../src/lib/import/dom.ts";

const fixture = (name: string) => readFile(path.resolve("tests/fixtures/import", name), "utf8");

describe("hostile XML", () => {
  it("refuses entity expansion (billion laughs) before parsing", () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title></item></channel></rss>`;
    expect(() => readReleases(bomb, "bomb.xml")).toThrow(HostileXmlError);
    expect(() => readReleases(bomb, "bomb.xml")).toThrow(
      "bomb.xml: expected XML without entity declarations, found <!ENTITY …> (entity expansion and external entities are refused)",
    );
  });

  it("refuses external entities and external DTDs", () => {
    const external = `<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file:///etc/passwd"><rss><channel><item><title>x</title></item></channel></rss>`;
    expect(() => readReleases(external, "ext.xml")).toThrow(
      'ext.xml: expected XML without a document type definition, found "<!DOCTYPE rss SYSTEM \\"file:///etc/passwd\\">" (external and internal DTDs are refused)',
    );
    const xxe = `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/hostname">]><feed><entry><title>&xxe;</title></entry></feed>`;
    expect(() => readReleases(xxe, "xxe.xml")).toThrow(HostileXmlError);
  });

  it("reads a plain DOCTYPE without declarations", () => {
    const result = readReleases(
      `<?xml version="1.0"?><!DOCTYPE rss><rss><channel><item><title>Plain</title></item></channel></rss>`,
      "plain.xml",
    );
    expect(result.items[0]?.title).toBe("Plain");
  });
});

describe("format readers", () => {
  it("reads RSS 2.0 with content, Dublin Core and Media RSS", async () => {
    const result = readReleases(await fixture("prnewswire.rss.xml"), "prn.xml");
    expect(result.format).toBe("RSS 2.0");
    expect(result.wire).toBe("PR Newswire: Asia Pacific releases (fixture)");
    const [first, second] = result.items;
    expect(first).toMatchObject({
      guid: "prn-fixture-301000001",
      title: "Lantern Bay Ferries Orders Four Battery-Electric Passenger Ferries",
      summary: "Order doubles the operator's zero-emission fleet by 2028.",
      published: "Tue, 03 Nov 2026 09:00:00 +0800",
      issuer: "Lantern Bay Ferries Ltd.",
      wire: "PR Newswire",
      photos: [
        {
          url: "photos/ferry.jpg",
          caption: "The first Lantern Bay ferry during sea trials off Cheung Chau.",
          credit: "Lantern Bay Ferries",
        },
      ],
    });
    expect(first?.keywords.map((keyword) => keyword.value)).toEqual([
      "Transportation",
      "Alternative Energy",
      "Ferries",
      "NYSE:LBFX",
      "battery",
      "harbour",
    ]);
    expect(first?.bodyHtml).toContain("<p>HONG KONG, Nov. 3, 2026 /PRNewswire/ -- <strong>");
    // An escaped-HTML description with no content:encoded is the body, not a summary.
    expect(second?.summary).toBeUndefined();
    expect(second?.bodyHtml).toContain("<p>DA NANG, Vietnam, Nov. 4, 2026 /PRNewswire/ -- Quiet Ridge");
  });

  it("reads Atom 1.0 with enclosure photos and categories", async () => {
    const [entry] = readReleases(await fixture("xinhua.atom.xml"), "x.xml").items;
    expect(entry).toMatchObject({
      guid: "urn:fixture:xinhua:20261107-0001",
      published: "2026-11-07T08:00:00+08:00",
      link: "https://en.xinhua-asianet.example/2026-11/07/c_1001.htm",
      photos: [{ url: "photos/museum.png", caption: "Visitors at the digital heritage museum in Jade Terrace." }],
      keywords: [
        { kind: "category", value: "Culture" },
        { kind: "category", value: "Tourism" },
      ],
    });
    expect(entry?.bodyHtml).toContain("<p>HANGZHOU, China, Nov. 7, 2026 /Xinhua-AsiaNet/--");
  });

  it("reads NewsML-G2: guid, version, dates, located, subjects, abstract and the XHTML body", async () => {
    const result = readReleases(await fixture("globenewswire.newsml-g2.xml"), "g2.xml");
    expect(result.wire).toBe("GlobeNewswire");
    expect(result.items[0]).toMatchObject({
      guid: "urn:globenewswire.example:2026:2990001",
      revision: "1",
      title: "Fernhollow Analytics Reports Third-Quarter Revenue of C$31.2 Million",
      summary: "Recurring revenue grew 24% year over year.",
      published: "2026-11-05T14:00:00Z",
      located: { city: "VANCOUVER", country: "Canada" },
      issuer: "Fernhollow Analytics Inc.",
      link: "https://www.globenewswire.example/news-release/2026/11/05/2990001/0/en/",
    });
    expect(result.items[0]?.keywords).toContainEqual({ kind: "industry", value: "Software" });
    expect(result.items[0]?.bodyHtml).toContain("<ol><li>Net retention: 117%</li>");
    expect(result.items[0]?.bodyHtml).not.toContain("<title>");
  });

  it("reads a NewsML-G2 item the wire withheld or canceled as such, and reports other statuses", () => {
    const item = (status: string) =>
      `<newsMessage><itemSet><newsItem guid="g1"><itemMeta><itemClass qcode="ninat:text"/><pubStatus qcode="${status}"/></itemMeta><contentMeta><headline>Held</headline></contentMeta></newsItem></itemSet></newsMessage>`;
    expect(readReleases(item("stat:withheld"), "held.xml").items[0]?.status).toEqual({
      kind: "withheld",
      said: "stat:withheld",
    });
    expect(readReleases(item("stat:canceled"), "kill.xml").items[0]?.status).toEqual({
      kind: "canceled",
      said: "stat:canceled",
    });
    const other = readReleases(item("stat:draft"), "draft.xml");
    expect(other.items).toEqual([]);
    expect(other.failures).toEqual([
      { origin: 'draft.xml, item 1 ("Held")', reason: "the wire marked it stat:draft (not usable): not imported" },
    ]);
  });

  it("reads NewsML 1.2: identifiers, revision, DateLine, keyword lists, body and photo components", async () => {
    const [item] = readReleases(await fixture("businesswire.newsml.xml"), "bw.xml").items;
    expect(item).toMatchObject({
      guid: "urn:newsml:businesswire.example:20261106:20261106005511",
      revision: "1",
      title: "Kettleby Water Systems Wins Contract for Three Municipal Treatment Plants",
      summary: "Plants will serve 410,000 residents across two counties",
      dateline: "GREENWICH, Conn.",
      published: "20261106T130000Z",
      issuer: "Kettleby Water Systems",
      wire: "Business Wire",
      photos: [{ url: "photos/plant.jpg", caption: "Ceramic membrane modules at Kettleby's pilot plant." }],
    });
    expect(item?.keywords).toEqual([
      { kind: "industry", value: "Utilities" },
      { kind: "industry", value: "Engineering" },
      { kind: "country", value: "United States" },
      { kind: "region", value: "North America" },
      { kind: "subject", value: "Contract/Agreement" },
    ]);
    expect(item?.bodyHtml).toContain("GREENWICH, Conn.--(BUSINESS WIRE)--Kettleby");
  });

  it("reads a pasted page: h1 headline, article body, chrome elements gone", async () => {
    const [item] = readReleases(await fixture("pasted-page.html"), "page.html").items;
    expect(item?.title).toBe("Saltmarsh Solar Begins Building Floating Array on Reservoir");
    expect(item?.link).toBe("https://news.somedirectory.example/saltmarsh-solar-floating-array");
    expect(item?.bodyHtml).not.toMatch(/<nav|<header|<footer|<button|cookie-banner/);
  });

  it("reads pasted text: first line headline, paragraphs joined, dash lines as a list", async () => {
    const [item] = readReleases(await fixture("pasted-email.txt"), "mail.txt").items;
    expect(item?.title).toBe("Orchid Lane Hospitals Adds Robotic Pharmacy to Penang Campus");
    expect(item?.bodyHtml).toContain(
      "<p>PENANG, Malaysia, Nov. 9, 2026 /PRNewswire/ -- Orchid Lane Hospitals Berhad today switched on a robotic pharmacy",
    );
    expect(item?.bodyHtml).toContain(
      "<ul><li>Picks in under 12 seconds</li><li>Tracks every pack by barcode</li></ul>",
    );
  });
});
