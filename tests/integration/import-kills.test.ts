import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import importSettings from "../../src/data/import.ts";
import partners from "../../src/data/partners.ts";
import { BUILT_IN_SECTIONS } from "../../src/lib/config/sections.ts";
import { validateImportConfig } from "../../src/lib/import/import-config.ts";
import { importReleases } from "../../src/lib/import/run.ts";
import { buildFixture, tempDir } from "../helpers/fixture-site.ts";

/** A wire's kill and hold notices, in each format that carries them, applied by the importer. */
const config = validateImportConfig(
  importSettings,
  partners.map((partner) => partner.id),
  BUILT_IN_SECTIONS,
);

const g2 = (version: number, status: string) => `<?xml version="1.0"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>
<newsItem guid="urn:newsml:globenewswire.example:kiln-1" version="${version}"><itemMeta><itemClass qcode="ninat:text"/>
<firstCreated>2026-11-03T09:00:00+07:00</firstCreated><pubStatus qcode="${status}"/></itemMeta>
<contentMeta><headline>Ashgrove Tiles Opens a Kiln</headline></contentMeta>
<contentSet><inlineXML><html xmlns="http://www.w3.org/1999/xhtml"><body><p>PERTH, Australia, Nov. 03, 2026 (GLOBE NEWSWIRE) -- Ashgrove Tiles opened a kiln, version ${version}.</p></body></html></inlineXML></contentSet>
</newsItem></itemSet></newsMessage>`;

const bw = (status: string) => `<?xml version="1.0"?>
<NewsML><NewsEnvelope><SentFrom><Party FormalName="Business Wire"/></SentFrom></NewsEnvelope><NewsItem>
<Identification><NewsIdentifier><NewsItemId>20261103000001</NewsItemId><RevisionId>1</RevisionId>
<PublicIdentifier>urn:newsml:businesswire.com:20010714:20261103000001:1</PublicIdentifier></NewsIdentifier></Identification>
<NewsManagement><FirstCreated>20261103T020000+0000</FirstCreated><Status FormalName="${status}"/></NewsManagement>
<NewsComponent><NewsLines><HeadLine>Quillmoor Opens a Mill</HeadLine><DateLine>LEEDS, England</DateLine></NewsLines>
<NewsComponent><Role FormalName="Body"/><ContentItem><DataContent><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Quillmoor opened a mill.</p></body></html></DataContent></ContentItem></NewsComponent>
</NewsComponent></NewsItem></NewsML>`;

async function importText(root: string, name: string, text: string) {
  const file = path.join(root, name);
  await writeFile(file, text);
  const summary = await importReleases({
    inputs: [file],
    articlesDir: path.join(root, "articles"),
    companiesDir: path.join(root, "companies"),
    displayRoot: root,
    site: { timeZone: "Asia/Bangkok", sections: BUILT_IN_SECTIONS, language: "en" },
    partners,
    config,
  });
  return summary.items.map((item) => ({ outcome: item.outcome, reason: item.reason, file: item.file }));
}

describe("a wire's kill notice", () => {
  it("withdraws the article it names (NewsML-G2 stat:canceled), and the build answers 410 for it", async () => {
    const root = await tempDir("kill-g2");
    const [first] = await importText(root, "v1.xml", g2(1, "stat:usable"));
    expect(first?.outcome).toBe("new");
    expect(await importText(root, "v2.xml", g2(2, "stat:canceled"))).toEqual([
      {
        outcome: "withdrawn",
        reason:
          "the wire marked it stat:canceled: withdrawn (the next build answers its URL with 410 Gone and shows it nowhere)",
        file: first!.file,
      },
    ]);
    const record = await readFile(path.join(root, first!.file!), "utf8");
    expect(record).toContain("withdrawn:\n");
    expect(record).toContain("reason: The wire canceled the release (stat:canceled)\n");
    expect(record).not.toContain("opened a kiln");
    const { read } = await buildFixture({ articlesDir: path.join(root, "articles"), partners });
    const notice = await read(`/news/2026/11/${path.basename(first!.file!, ".md")}/`);
    expect(notice).toContain("This release was withdrawn on");
    expect(await importText(root, "v2-again.xml", g2(2, "stat:canceled"))).toEqual([
      { outcome: "unchanged", reason: "the wire marked it stat:canceled; already withdrawn", file: first!.file },
    ]);
  });

  it("withdraws the article a Business Wire NewsML 1.2 Status Canceled names", async () => {
    const root = await tempDir("kill-bw");
    const [first] = await importText(root, "usable.xml", bw("Usable"));
    expect(first?.outcome).toBe("new");
    const [kill] = await importText(root, "canceled.xml", bw("Canceled"));
    expect(kill).toMatchObject({ outcome: "withdrawn", file: first!.file });
  });

  it("says so when it names no article, and leaves an article an editor changed to the editor", async () => {
    const root = await tempDir("kill-edge");
    expect(await importText(root, "kill.xml", g2(2, "stat:canceled"))).toEqual([
      {
        outcome: "skipped",
        reason: "the wire marked it stat:canceled, and no article holds it: nothing to do",
        file: undefined,
      },
    ]);
    const [first] = await importText(root, "v1.xml", g2(1, "stat:usable"));
    const file = path.join(root, first!.file!);
    await writeFile(file, (await readFile(file, "utf8")).replace("version 1", "version 1, edited"));
    expect(await importText(root, "kill.xml", g2(2, "stat:canceled"))).toEqual([
      {
        outcome: "conflict",
        reason:
          "the wire marked it stat:canceled, but an editor has changed the file: withdraw it with npm run withdraw",
        file: first!.file,
      },
    ]);
  });
});

describe("a wire's hold", () => {
  it("unpublishes the article until a usable version arrives, which publishes it again", async () => {
    const root = await tempDir("hold");
    const [first] = await importText(root, "v1.xml", g2(1, "stat:usable"));
    const file = path.join(root, first!.file!);
    expect(await importText(root, "v2.xml", g2(2, "stat:withheld"))).toEqual([
      {
        outcome: "withheld",
        reason:
          "the wire marked it stat:withheld: unpublished until the wire sends a usable version, which will update it",
        file: first!.file,
      },
    ]);
    expect(await readFile(file, "utf8")).toContain("draft: true\n");
    const [usable] = await importText(root, "v3.xml", g2(3, "stat:usable"));
    expect(usable?.outcome).toBe("updated");
    const text = await readFile(file, "utf8");
    expect(text).not.toContain("draft: true");
    expect(text).toContain("version 3");
  });
});
