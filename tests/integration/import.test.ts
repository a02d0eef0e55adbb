import { execFile } from "node:child_process";
import { cp, mkdir, readdir, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import importSettings from "../../src/data/import.ts";
import partners from "../../src/data/partners.ts";
import { pageText } from "../../src/lib/compliance/audit.ts";
import { validateImportConfig } from "../../src/lib/import/import-config.ts";
import { importReleases, type ImportOptions, type ImportSummary } from "../../src/lib/import/run.ts";
import { buildFixture, fixtureSite, smallPhoto, tempDir } from "../helpers/fixture-site.ts";
import { BUILT_IN_SECTIONS } from "../../src/lib/config/sections.ts";

const run = promisify(execFile);
const config = validateImportConfig(
  importSettings,
  partners.map((partner) => partner.id),
  BUILT_IN_SECTIONS,
);
let root: string;
let server: http.Server;
let origin: string;

/** Fixture inputs in `root/in`, with their wire photo URLs pointing at a local server. */
beforeAll(async () => {
  root = await tempDir("import");
  await cp(path.resolve("tests/fixtures/import"), path.join(root, "in"), { recursive: true });
  server = http.createServer((request, response) => {
    const url = request.url ?? "/";
    if (url === "/slow") return; // never answers: the timeout must end the wait
    if (url === "/big" || url === "/big-streamed") {
      const body = "<rss>" + " ".repeat(5000) + "</rss>";
      // One answer says its size up front, the other streams it: the cap must hold for both.
      response.writeHead(200, url === "/big" ? { "content-length": String(body.length) } : {});
      response.write(body.slice(0, 2000));
      response.end(body.slice(2000));
      return;
    }
    readFile(path.join(root, "in", decodeURIComponent(url.replace(/^\/(?:feeds|media)\//, "/").split("?")[0] ?? "")))
      .then((body) => response.writeHead(200).end(body))
      .catch(() => response.writeHead(404).end("not found"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const photos: Record<string, Buffer> = {
    "photos/ferry.jpg": await smallPhoto(320, 200, "#336699"),
    "photos/plant.jpg": await smallPhoto(320, 200, "#669933"),
    "photos/array.jpg": await smallPhoto(320, 200, "#996633"),
    "photos/museum.png": await (
      await import("sharp")
    )
      .default({ create: { width: 300, height: 200, channels: 3, background: "#993366" } })
      .png()
      .toBuffer(),
    "ferry-second.jpg": await smallPhoto(320, 200, "#123456"),
    "orchid-lane-pharmacy.jpg": await smallPhoto(320, 200, "#654321"),
  };
  for (const [name, bytes] of Object.entries(photos)) {
    await mkdir(path.dirname(path.join(root, "in", name)), { recursive: true });
    await writeFile(path.join(root, "in", name), bytes);
  }
  for (const name of await readdir(path.join(root, "in"))) {
    if (!/\.(xml|html|txt)$/.test(name)) continue;
    const file = path.join(root, "in", name);
    await writeFile(
      file,
      (await readFile(file, "utf8")).replaceAll("https://mma.prnewswire.example/media", `${origin}/media`),
    );
  }
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const input = (name: string): string => path.join(root, "in", name);
const ALL_FORMATS = [
  "prnewswire.rss.xml",
  "globenewswire.newsml-g2.xml",
  "businesswire.newsml.xml",
  "xinhua.atom.xml",
  "pasted-page.html",
  "pasted-email.txt",
];

function importInto(
  articlesDir: string,
  inputs: string[],
  options: Partial<ImportOptions> = {},
): Promise<ImportSummary> {
  return importReleases({
    inputs,
    articlesDir,
    companiesDir: path.join(path.dirname(articlesDir), "companies"),
    displayRoot: path.dirname(articlesDir),
    site: { timeZone: fixtureSite.timeZone, sections: BUILT_IN_SECTIONS, language: "en" },
    partners,
    config,
    ...options,
  });
}

async function snapshot(folder: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[path.relative(folder, path.join(entry.parentPath, entry.name))] = (
        await readFile(path.join(entry.parentPath, entry.name))
      ).toString("base64");
  }
  return files;
}

const fileOf = (summary: ImportSummary, title: RegExp): string => {
  const item = summary.items.find((candidate) => title.test(candidate.file ?? ""));
  if (!item?.file) throw new Error(`no item for ${title}: ${JSON.stringify(summary.items)}`);
  return item.file;
};

describe("import: every format, then the build", () => {
  let site: string;
  let articles: string;
  let first: ImportSummary;
  let read: (sitePath: string) => Promise<string>;

  beforeAll(async () => {
    site = await tempDir("import-site");
    articles = path.join(site, "articles");
    first = await importInto(articles, ALL_FORMATS.map(input));
    ({ read } = await buildFixture({ articlesDir: articles, partners, now: "2026-11-24T00:00:00+07:00" }));
  });

  it("imports every release of every format, each reported", () => {
    expect(first.counts).toEqual({
      new: 7,
      updated: 0,
      unchanged: 0,
      withdrawn: 0,
      withheld: 0,
      conflict: 0,
      skipped: 0,
      failed: 0,
    });
    expect(first.items.map((item) => item.file)).toEqual([
      "articles/2026/11/lantern-bay-ferries-orders-four-battery-electric-passenger-ferries.md",
      "articles/2026/11/quiet-ridge-coffee-roasters-opens-export-office-in-da-nang.md",
      "articles/2026/11/fernhollow-analytics-reports-third-quarter-revenue-of-c-31-2-million.md",
      "articles/2026/11/kettleby-water-systems-wins-contract-for-three-municipal-treatment-plants.md",
      "articles/2026/11/jade-terrace-tea-town-opens-digital-heritage-museum.md",
      "articles/2026/11/saltmarsh-solar-begins-building-floating-array-on-reservoir.md",
      "articles/2026/11/orchid-lane-hospitals-adds-robotic-pharmacy-to-penang-campus.md",
    ]);
  });

  it.each([
    [
      "lantern-bay-ferries-orders-four-battery-electric-passenger-ferries",
      "HONG KONG, Nov. 3, 2026 /PRNewswire/ —",
      "Cision PR Newswire",
      "The first Lantern Bay ferry during sea trials off Cheung Chau.",
      undefined,
      "View original content: https://www.prnewswire.example/news-releases/lantern-bay-ferries-orders-four-ferries-301000001.html",
    ],
    [
      "fernhollow-analytics-reports-third-quarter-revenue-of-c-31-2-million",
      "VANCOUVER, British Columbia, Nov. 5, 2026 (GLOBE NEWSWIRE) —",
      "GlobeNewswire",
      undefined,
      undefined,
      "Original release: https://www.globenewswire.example/news-release/2026/11/05/2990001/0/en/",
    ],
    [
      "kettleby-water-systems-wins-contract-for-three-municipal-treatment-plants",
      "GREENWICH, Conn., Nov. 6, 2026 (BUSINESS WIRE) —",
      "Business Wire",
      "Ceramic membrane modules at Kettleby's pilot plant.",
      undefined,
      "View source version on businesswire.com: https://www.businesswire.example/news/home/20261106005511/en/",
    ],
    [
      "jade-terrace-tea-town-opens-digital-heritage-museum",
      "HANGZHOU, China, Nov. 7, 2026 /Xinhua-AsiaNet/ —",
      "Xinhua-AsiaNet",
      "Visitors at the digital heritage museum in Jade Terrace.",
      "Source: Xinhua Silk Road: Tea town opens digital heritage museum",
      "Original link: https://en.xinhua-asianet.example/2026-11/07/c_1001.htm",
    ],
    [
      "saltmarsh-solar-begins-building-floating-array-on-reservoir",
      "NAKHON RATCHASIMA, Thailand, Nov. 8, 2026 /PRNewswire/ —",
      "Cision PR Newswire",
      "Floats being assembled on the reservoir shore",
      "Source: Saltmarsh Solar",
      "View original content: https://www.prnewswire.example/news-releases/saltmarsh-solar-floating-array-301000009.html",
    ],
    [
      "orchid-lane-hospitals-adds-robotic-pharmacy-to-penang-campus",
      "PENANG, Malaysia, Nov. 9, 2026 /PRNewswire/ —",
      "Cision PR Newswire",
      undefined,
      undefined,
      undefined,
    ],
  ])(
    "%s: dateline, caption, source, original link and one disclaimer of its partner",
    async (slug, dateline, partnerName, caption, source, originalLink) => {
      const html = await read(`/news/2026/11/${slug}/`);
      const text = pageText(html);
      expect(html).toContain(`<span class="dateline">${dateline.replace(/'/g, "&#39;")}</span>`);
      expect(text.split(dateline).length - 1).toBe(1);
      if (caption) expect(text.split(caption).length - 1).toBe(1);
      if (source) expect(text).toContain(source);
      else expect(html).not.toContain('class="source"');
      if (originalLink) expect(text).toContain(originalLink);
      else expect(html).not.toContain('class="original-link"');
      const disclaimer = `The information provided in this article was created by ${partnerName}, our news partner.`;
      expect(text.split("The information provided in this article was created by").length - 1).toBe(1);
      expect(text).toContain(disclaimer);
      expect(text).toContain(`represent the perspectives of ${fixtureSite.name}.`);
      expect(text).not.toMatch(
        /Some (?:Other )?Directory|Sign in|Forgot your password|cookie|Photo -|Original link: *$/i,
      );
    },
  );

  it("keeps photos by content hash beside the article, with the remote ones downloaded", async () => {
    const folder = path.join(articles, "2026/11");
    const photos = (await readdir(folder)).filter((name) => !name.endsWith(".md")).sort();
    expect(photos).toHaveLength(6);
    for (const name of photos) expect(name).toMatch(/^[0-9a-f]{16}\.(?:jpg|png)$/);
    const lantern = await readFile(path.join(site, fileOf(first, /lantern-bay/)), "utf8");
    expect(lantern.match(/- src: [0-9a-f]{16}\.jpg/g)).toHaveLength(2);
    const orchid = await readFile(path.join(site, fileOf(first, /orchid-lane/)), "utf8");
    expect(orchid).toContain('alt: "Photo for: Orchid Lane Hospitals Adds Robotic Pharmacy to Penang Campus"');
    expect(first.items.find((item) => item.file?.includes("orchid-lane"))?.notes).toContainEqual(
      expect.stringMatching(/has no caption or alt text: its alt text is the headline; describe the photo/),
    );
  });

  it("changes nothing when the same inputs are imported again", async () => {
    const before = await snapshot(articles);
    const again = await importInto(articles, ALL_FORMATS.map(input));
    expect(again.counts).toEqual({
      new: 0,
      updated: 0,
      unchanged: 7,
      withdrawn: 0,
      withheld: 0,
      conflict: 0,
      skipped: 0,
      failed: 0,
    });
    expect(await snapshot(articles)).toEqual(before);
  });

  it("updates a newer revision in place, ignores an older one, and never overwrites an editor's change", async () => {
    const file = path.join(site, fileOf(first, /fernhollow/));
    const updated = await importInto(articles, [input("globenewswire-v2.newsml-g2.xml")]);
    expect(updated.counts.updated).toBe(1);
    const v2 = await readFile(file, "utf8");
    expect(v2).toContain("(corrected: the earlier version said 16%)");
    expect(v2).toContain('revision: "2"');

    const older = await importInto(articles, [input("globenewswire.newsml-g2.xml")]);
    expect(older.items[0]).toMatchObject({
      outcome: "unchanged",
      reason: "revision 1 is older than the file's revision 2",
    });
    expect(await readFile(file, "utf8")).toBe(v2);

    const edited = v2.replace("Recurring revenue was", "Editor's note: figures unaudited.\n\nRecurring revenue was");
    await writeFile(file, edited);
    const v3 = (await readFile(input("globenewswire-v2.newsml-g2.xml"), "utf8"))
      .replace('version="2"', 'version="3"')
      .replace("Customers: 412", "Customers: 415");
    await writeFile(input("globenewswire-v3.newsml-g2.xml"), v3);
    const conflict = await importInto(articles, [input("globenewswire-v3.newsml-g2.xml")]);
    expect(conflict.items[0]).toMatchObject({
      outcome: "conflict",
      file: "articles/2026/11/fernhollow-analytics-reports-third-quarter-revenue-of-c-31-2-million.md",
      reason:
        "the wire sent a new version, but an editor has changed the file since it was imported: left untouched (merge by hand, or delete the file and import again)",
    });
    expect(await readFile(file, "utf8")).toBe(edited);
  });

  it("recognises the same release from a second wire and imports it once", async () => {
    const copy = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>GlobeNewswire</title><item>
      <title>Kettleby Water Systems wins contract for three municipal treatment plants</title><guid>gnw-copy-1</guid>
      <pubDate>Fri, 06 Nov 2026 15:10:00 +0000</pubDate><dc:contributor>Kettleby Water Systems</dc:contributor>
      <description>&lt;p&gt;GREENWICH, Conn., Nov. 06, 2026 (GLOBE NEWSWIRE) -- Kettleby Water Systems was selected to build three plants.&lt;/p&gt;</description>
    </item></channel></rss>`;
    await writeFile(input("copy.rss.xml"), copy);
    const before = await snapshot(articles);
    const result = await importInto(articles, [input("copy.rss.xml")]);
    expect(result.items[0]).toMatchObject({
      outcome: "skipped",
      reason:
        "duplicate of articles/2026/11/kettleby-water-systems-wins-contract-for-three-municipal-treatment-plants.md (same headline and issuer within 48 hours, from another wire)",
    });
    expect(await snapshot(articles)).toEqual(before);
  });
});

describe("import: photos that cannot be used", () => {
  it("imports the article without them and says why for each", async () => {
    const good = await smallPhoto(320, 200, "#abcdef");
    await writeFile(input("photos/good.jpg"), good);
    await writeFile(input("photos/truncated.jpg"), good.subarray(0, Math.floor(good.length / 2)));
    await writeFile(
      input("photos/evil.svg"),
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    await writeFile(input("photos/page.jpg"), "<!DOCTYPE html><html><body>Not found</body></html>");
    await writeFile(
      input("photos/pixel.png"),
      await (
        await import("sharp")
      )
        .default({ create: { width: 1, height: 1, channels: 3, background: "#fff" } })
        .png()
        .toBuffer(),
    );
    const outside = await tempDir("import-outside");
    await writeFile(path.join(outside, "secret.jpg"), good);
    await rm(input("photos/linked.jpg"), { force: true });
    await symlink(path.join(outside, "secret.jpg"), input("photos/linked.jpg"));
    const media = ["good.jpg", "truncated.jpg", "evil.svg", "page.jpg", "pixel.png", "../../outside.jpg", "linked.jpg"]
      .map((name) => `<media:content url="photos/${name}" medium="image"/>`)
      .join("");
    const remote = `<media:content url="${origin}/media/missing.jpg" medium="image"/>`;
    await writeFile(
      input("photos.rss.xml"),
      `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>PR Newswire</title><item><title>Brightwater Mills Adds a Line</title><guid>bw-photos-1</guid><pubDate>Mon, 02 Nov 2026 08:00:00 +0700</pubDate>${media}${remote}<description>&lt;p&gt;BANGKOK, Nov. 2, 2026 /PRNewswire/ -- Brightwater Mills added a line.&lt;/p&gt;</description></item></channel></rss>`,
    );
    const articles = path.join(await tempDir("import-photos"), "articles");
    const result = await importInto(articles, [input("photos.rss.xml")]);
    expect(result.counts.new).toBe(1);
    const notes = result.items[0]?.notes ?? [];
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^left out photo photos\/truncated\.jpg: a damaged or unreadable JPG/),
        "left out photo photos/evil.svg: an SVG image (refused: SVG can carry scripts; ask the wire for a JPEG or PNG)",
        "left out photo photos/page.jpg: expected a JPEG, PNG, WebP, AVIF, GIF or TIFF photo, found HTML or XML text",
        "left out photo photos/pixel.png: only 1×1 pixels: a tracking pixel or an icon, not a photo",
        'left out photo photos/../../outside.jpg: expected a path inside the feed\'s folder, found "photos/../../outside.jpg"',
        `left out photo ${origin}/media/missing.jpg: the server answered HTTP 404`,
        `left out photo photos/linked.jpg: expected a photo inside the feed's folder, found a symbolic link to ${await realpath(path.join(outside, "secret.jpg"))}, which is outside it`,
      ]),
    );
    const text = await readFile(path.join(articles, "2026/11/brightwater-mills-adds-a-line.md"), "utf8");
    expect(text.match(/- src: /g)).toHaveLength(1);
    const folder = await readdir(path.join(articles, "2026/11"));
    expect(folder.filter((name) => !name.endsWith(".md"))).toEqual([expect.stringMatching(/^[0-9a-f]{16}\.jpg$/)]);
  });
});

describe("import: inputs, limits and failures", () => {
  it("writes nothing on a dry run", async () => {
    const articles = path.join(await tempDir("import-dry"), "articles");
    const result = await importInto(articles, [input("prnewswire.rss.xml")], { dryRun: true });
    expect(result.counts.new).toBe(2);
    await expect(readdir(articles)).rejects.toThrow(/ENOENT/);
  });

  it("reads a feed from a URL, resolving its relative photos against it", async () => {
    const articles = path.join(await tempDir("import-url"), "articles");
    const result = await importInto(articles, [`${origin}/feeds/xinhua.atom.xml`]);
    expect(result.counts.new).toBe(1);
    expect(
      await readFile(path.join(articles, "2026/11/jade-terrace-tea-town-opens-digital-heritage-museum.md"), "utf8"),
    ).toMatch(/- src: [0-9a-f]{16}\.png/);
  });

  it("reads standard input", async () => {
    const articles = path.join(await tempDir("import-stdin"), "articles");
    const result = await importInto(articles, ["-"], {
      stdin: Readable.from([await readFile(input("pasted-email.txt"))]),
    });
    expect(result.items[0]).toMatchObject({
      outcome: "new",
      file: "articles/2026/11/orchid-lane-hospitals-adds-robotic-pharmacy-to-penang-campus.md",
    });
  });

  it("fails an input over the size cap, past the timeout, missing or hostile, and goes on with the others", async () => {
    await writeFile(
      input("bomb.xml"),
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title></item></channel></rss>`,
    );
    const articles = path.join(await tempDir("import-fail"), "articles");
    const result = await importInto(
      articles,
      [
        `${origin}/big`,
        `${origin}/big-streamed`,
        `${origin}/slow`,
        `${origin}/nothing.xml`,
        input("missing.xml"),
        input("bomb.xml"),
        input("pasted-email.txt"),
      ],
      {
        feedLimits: { maxBytes: 1000, timeoutMs: 500 },
      },
    );
    expect(result.items.map((item) => [item.outcome, item.reason])).toEqual([
      ["failed", "expected at most 1 KB, found 5 KB"],
      ["failed", "expected at most 1 KB, found more"],
      ["failed", "could not fetch it (no answer within 0.5 s)"],
      ["failed", "the server answered HTTP 404"],
      ["failed", "cannot read it (ENOENT)"],
      [
        "failed",
        "expected XML without entity declarations, found <!ENTITY …> (entity expansion and external entities are refused)",
      ],
      ["new", undefined],
    ]);
  });

  it("fails an unknown wire, saying how to add it; --partner does not re-label it unless --relabel says so", async () => {
    const text =
      "Ashgrove Tiles Opens a Kiln\n\nPERTH, Australia, Nov. 10, 2026 /Wire Service Co/ -- Ashgrove Tiles today opened a kiln.\n";
    await writeFile(input("unknown-wire.txt"), text);
    const articles = path.join(await tempDir("import-wire"), "articles");
    const refused = await importInto(articles, [input("unknown-wire.txt")]);
    expect(refused.items[0]?.reason).toBe(
      'unknown wire "Wire Service Co" in the dateline: expected the tag of a configured partner (PRNewswire, BUSINESS WIRE, GLOBE NEWSWIRE, Xinhua-AsiaNet); to import releases from this wire, add it to src/data/partners.ts with datelineTag "Wire Service Co"',
    );
    const relabelled = await importInto(articles, [input("unknown-wire.txt")], { partner: "businesswire" });
    expect(relabelled.items[0]?.reason).toBe(
      'the dateline names the wire "Wire Service Co", not Business Wire (--partner businesswire): a release is published under the wire that sent it; give --relabel to publish it as Business Wire anyway',
    );
    const forced = await importInto(articles, [input("unknown-wire.txt")], { partner: "businesswire", relabel: true });
    expect(forced.items[0]?.outcome).toBe("new");
    expect(forced.items[0]?.notes).toContain(
      'published as Business Wire (--relabel) although the dateline names "Wire Service Co"',
    );
    // Added as a partner, the wire's tag is recognised: one entry, nothing else.
    const wire = { ...partners[0]!, id: "wsc", name: "Wire Service Co", datelineTag: "Wire Service Co" };
    const added = await importInto(
      path.join(await tempDir("import-wire-added"), "articles"),
      [input("unknown-wire.txt")],
      {
        partners: [...partners, wire],
      },
    );
    expect(added.items.map((item) => [item.outcome, item.reason])).toEqual([["new", undefined]]);
  });

  it("takes the headline from --title when a paste starts with its dateline, and says so when it is missing", async () => {
    const text =
      "PERTH, Australia, Nov. 10, 2026 /PRNewswire/ -- Ashgrove Tiles today opened a kiln.\nIt fires at night.\n\n- Two chambers\n- One chimney\n";
    await writeFile(input("no-headline.txt"), text);
    const articles = path.join(await tempDir("import-title"), "articles");
    const missing = await importInto(articles, [input("no-headline.txt")]);
    expect(missing.items[0]?.reason).toBe(
      'no headline: the pasted text starts with its dateline ("PERTH, Australia, Nov. 10, 2026 /PRNewsw"…), so the headline was not copied; give it with --title "…", or paste it as the first line',
    );
    const titled = await importInto(articles, [input("no-headline.txt")], { title: "Ashgrove Tiles Opens a Kiln" });
    expect(titled.items[0]?.outcome).toBe("new");
    const written = await readFile(path.join(path.dirname(articles), titled.items[0]!.file!), "utf8");
    expect(written).toContain("title: Ashgrove Tiles Opens a Kiln\n");
    expect(written).toContain(
      "Ashgrove Tiles today opened a kiln. It fires at night.\n\n- Two chambers\n- One chimney",
    );
    const many = await importInto(articles, [input("prnewswire.rss.xml")], { title: "One headline" });
    expect(many.items.map((item) => item.reason)).toEqual([
      "--title gives one headline, but this input holds 2 releases: import it without --title",
    ]);
  });

  it("keeps a pasted Source line and the original link apart, and takes the headline from the Source line", async () => {
    const text = [
      "SINGAPORE, Nov. 12, 2026 /PRNewswire/ -- Kallang Bikes opened a repair school.",
      "Classes start in January.",
      "Source: Kallang Bikes: Kallang Bikes Opens a Repair School",
      "View original content: https://www.prnewswire.example/news-releases/kallang-bikes-300000077.html",
    ].join("\n");
    await writeFile(input("source-line.txt"), text);
    const articles = path.join(await tempDir("import-source-line"), "articles");
    const result = await importInto(articles, [input("source-line.txt")]);
    expect(result.items[0]?.outcome).toBe("new");
    const written = await readFile(path.join(path.dirname(articles), result.items[0]!.file!), "utf8");
    expect(written).toContain("title: Kallang Bikes Opens a Repair School\n");
    expect(written).toContain("source:\n  name: Kallang Bikes\n  title: Kallang Bikes Opens a Repair School\n");
    expect(written).toContain(
      "originalUrl: https://www.prnewswire.example/news-releases/kallang-bikes-300000077.html\n",
    );
    expect(written).toContain("Kallang Bikes opened a repair school. Classes start in January.\n");
  });

  it("keeps wire HTML inert: no script survives and template tags stay text after the build", async () => {
    const hostile = `<rss version="2.0"><channel><title>PR Newswire</title><item><title>Redfern Labs {{ 7 * 7 }} &lt;script&gt;alert(1)&lt;/script&gt;</title><guid>hostile-1</guid><pubDate>Mon, 02 Nov 2026 08:00:00 +0700</pubDate><description><![CDATA[
      <p>SINGAPORE, Nov. 2, 2026 /PRNewswire/ -- Redfern Labs said {{ site.name }} and {% include "secret.njk" %} stay literal.</p>
      <p><img src=x onerror="alert(2)"><iframe src="https://evil.example"></iframe><a href="javascript:alert(3)">click</a> <a href="data:text/html;base64,PHNjcmlwdD4=">data</a><svg onload="alert(4)"></svg></p>
      <script>alert(5)</script><style>body{display:none}</style><p onclick="alert(6)">Plain.</p>]]></description></item></channel></rss>`;
    await writeFile(input("hostile.rss.xml"), hostile);
    const articles = path.join(await tempDir("import-hostile"), "articles");
    const result = await importInto(articles, [input("hostile.rss.xml")]);
    expect(result.counts.new).toBe(1);
    const { read } = await buildFixture({ articlesDir: articles, partners, now: "2026-11-24T00:00:00+07:00" });
    const html = await read(`/news/2026/11/${path.basename(result.items[0]?.file ?? "", ".md")}/`);
    const body = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
    expect(body).not.toMatch(/<script|<iframe|<svg|onerror|onclick|onload|javascript:|data:text|display:none/i);
    expect(body).toContain("Redfern Labs {{ 7 * 7 }} &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(body).toContain('said {{ site.name }} and {% include "secret.njk" %} stay literal.');
  });
});

describe("import: feed settings and names", () => {
  it("applies a feed's own filters and partner to inputs whose path contains its match", async () => {
    const articles = path.join(await tempDir("import-feeds"), "articles");
    const feeds = validateImportConfig(
      { ...importSettings, feeds: [{ match: "prnewswire.rss", exclude: ["coffee"] }] },
      partners.map((partner) => partner.id),
      BUILT_IN_SECTIONS,
    );
    const result = await importReleases({
      inputs: [input("prnewswire.rss.xml")],
      articlesDir: articles,
      companiesDir: path.join(path.dirname(articles), "companies"),
      displayRoot: path.dirname(articles),
      site: { timeZone: "Asia/Bangkok", sections: BUILT_IN_SECTIONS, language: "en" },
      partners,
      config: feeds,
    });
    expect(result.items.map((item) => [item.outcome, item.reason])).toEqual([
      ["new", undefined],
      ["skipped", 'excluded by the keyword filter "coffee"'],
    ]);
  });

  it("gives two different releases with one headline two files", async () => {
    const release = (guid: string, issuer: string) =>
      `<item><title>Annual Results Announced</title><guid>${guid}</guid><pubDate>Mon, 02 Nov 2026 08:00:00 +0700</pubDate><dc:contributor>${issuer}</dc:contributor><description>&lt;p&gt;BANGKOK, Nov. 2, 2026 /PRNewswire/ -- ${issuer} reported results.&lt;/p&gt;</description></item>`;
    await writeFile(
      input("same-title.rss.xml"),
      `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>PR Newswire</title>${release("a-1", "Alder Foods")}${release("b-1", "Birchwood Paper")}</channel></rss>`,
    );
    const articles = path.join(await tempDir("import-names"), "articles");
    const result = await importInto(articles, [input("same-title.rss.xml")]);
    expect(result.items.map((item) => item.file)).toEqual([
      "articles/2026/11/annual-results-announced.md",
      "articles/2026/11/annual-results-announced-2.md",
    ]);
  });
});

describe("npm run import", () => {
  const cli = (args: string[]) =>
    run(path.resolve("node_modules/.bin/tsx"), ["scripts/import.ts", ...args]).then(
      (output) => ({ code: 0, ...output }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it("prints progress, a summary, and exits 0 when nothing failed; a dry run says so", async () => {
    const articles = path.join(await tempDir("import-cli"), "articles");
    const dry = await cli([input("prnewswire.rss.xml"), "--dry-run", "--articles", articles]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe(
      "Dry run (nothing written): 2 new, 0 updated, 0 unchanged, 0 withdrawn, 0 withheld, 0 conflicts, 0 skipped, 0 failed.\n",
    );
    expect(dry.stderr).toMatch(
      /^\[1\] would create +.*lantern-bay-ferries-orders-four-battery-electric-passenger-ferries\.md\n/,
    );
    await expect(readdir(articles)).rejects.toThrow(/ENOENT/);

    const real = await cli([input("prnewswire.rss.xml"), "--articles", articles]);
    expect(real.stdout).toBe(
      "2 new, 0 updated, 0 unchanged, 0 withdrawn, 0 withheld, 0 conflicts, 0 skipped, 0 failed.\nReview the new and updated files (git diff), then commit them.\n",
    );
  });

  it("exits 1 and lists each failure with its reason", async () => {
    const articles = path.join(await tempDir("import-cli-fail"), "articles");
    const result = await cli([input("nope.xml"), input("pasted-email.txt"), "--articles", articles]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "1 new, 0 updated, 0 unchanged, 0 withdrawn, 0 withheld, 0 conflicts, 0 skipped, 1 failed.\n",
    );
    expect(result.stdout).toContain(`  FAILED       ${input("nope.xml")} — cannot read it (ENOENT)\n`);
  });

  it.each([
    [
      [],
      "Give at least one input: a file, an http(s) URL, or - for standard input; or give feeds a `url` in src/data/import.ts to import them all with no argument.\nUsage: npm run import -- [<file | URL | -> …] [--partner <id> [--relabel]] [--title <headline>] [--include <keyword>] [--exclude <keyword>] [--dry-run] [--articles <folder>] [--companies <folder>]\n",
    ],
    [
      ["x.xml", "--partner", "reuters"],
      '--partner: expected one of prnewswire, businesswire, globenewswire, xinhua-asianet, found "reuters"\n',
    ],
  ])("refuses bad arguments: %j", async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(message);
  });
});
