import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  promisedArticleSnapshot,
  readArticleSnapshot,
  snapshotArticles,
  type ArticleReading,
} from "../../../src/lib/content/article-snapshot.ts";
import { readArticleSources, type ArticleSource } from "../../../src/lib/content/articles.ts";
import { article, fixturePartners, tempDir, writeFiles } from "../../helpers/fixture-site.ts";
import { BUILT_IN_SECTIONS } from "../../../src/lib/config/sections.ts";

const NOW = DateTime.fromISO("2023-11-01T00:00:00+07:00");

async function articlesFolder(): Promise<{ root: string; reading: ArticleReading }> {
  const root = await tempDir("snapshot");
  await writeFiles(path.join(root, "articles"), {
    "offset.md": article({
      title: "Dated with its own offset",
      date: "2023-10-24T09:00:00+08:00",
      updated: "2023-10-25T10:30:00+08:00",
    }),
    "zoned.md": article({
      title: "Dated in the site's zone",
      date: "2023-10-20",
      embargo: "2023-12-01T08:00:00+07:00",
      categories: "[Energy]",
    }),
    "nested/bad.md": article({ title: "Wrong partner", partner: "nowire" }),
  });
  return {
    root,
    reading: {
      articlesDir: path.join(root, "articles"),
      displayRoot: root,
      timeZone: "Asia/Bangkok",
      partners: fixturePartners,
      sections: BUILT_IN_SECTIONS,
    },
  };
}

/** Sources as comparable values: dates as ISO text with their zone and locale. */
const plain = (sources: ArticleSource[]) =>
  sources.map(({ fields, ...rest }) => ({
    ...rest,
    fields: Object.fromEntries(
      Object.entries(fields).map(([name, value]) => [
        name,
        DateTime.isDateTime(value) ? `${value.toISO()} ${value.zoneName} ${value.locale}` : value,
      ]),
    ),
  }));

describe("the article snapshot of a build", () => {
  it("gives every reader the same sources and problems as reading the files, dates included", async () => {
    const { root, reading } = await articlesFolder();
    const file = path.join(root, "snapshot");
    await snapshotArticles(file, reading);
    const direct = await readArticleSources({ ...reading, now: NOW });
    const fromSnapshot = await readArticleSources({ ...reading, now: NOW }, await readArticleSnapshot(file, reading));
    expect(fromSnapshot.problems).toEqual(direct.problems);
    expect(fromSnapshot.problems.map((problem) => `${problem.file} ${problem.field}`)).toEqual([
      "articles/nested/bad.md partner",
    ]);
    expect(plain(fromSnapshot.sources)).toEqual(plain(direct.sources));
    const offset = fromSnapshot.sources.find((source) => source.slug === "offset")!;
    expect(offset.fields.date.equals(direct.sources.find((source) => source.slug === "offset")!.fields.date)).toBe(
      true,
    );
    expect([offset.fields.date.zoneName, offset.fields.date.toISO()]).toEqual([
      "Asia/Bangkok",
      "2023-10-24T08:00:00.000+07:00",
    ]);
    expect(fromSnapshot.sources.find((source) => source.slug === "zoned")!.status).toBe("embargoed");
  });

  it("is the articles as they were when it was made: later edits wait for the next build, new and deleted files still count", async () => {
    const { root, reading } = await articlesFolder();
    const file = path.join(root, "snapshot");
    await snapshotArticles(file, reading);
    await writeFile(path.join(reading.articlesDir, "offset.md"), article({ title: "Edited during the build" }));
    await writeFile(path.join(reading.articlesDir, "added.md"), article({ title: "Added during the build" }));
    await rm(path.join(reading.articlesDir, "zoned.md"));
    const { sources } = await readArticleSources({ ...reading, now: NOW }, await readArticleSnapshot(file, reading));
    expect(sources.map((source) => source.fields.title).sort()).toEqual([
      "Added during the build",
      "Dated with its own offset",
    ]);
  });

  it("is not used when it was made under other settings", async () => {
    const { root, reading } = await articlesFolder();
    const file = path.join(root, "snapshot");
    await snapshotArticles(file, reading);
    expect(await readArticleSnapshot(file, reading)).toBeDefined();
    expect(await readArticleSnapshot(file, { ...reading, timeZone: "Europe/Paris" })).toBeUndefined();
    expect(await readArticleSnapshot(file, { ...reading, partners: fixturePartners.slice(1) })).toBeUndefined();
    expect(await readArticleSnapshot(file, { ...reading, displayRoot: reading.articlesDir })).toBeUndefined();
    // Its dates carry offsets worked out with this Node.js's time-zone data: not another's.
    const made = deserialize(await readFile(file)) as { settings: string };
    const otherData = path.join(root, "other-time-zone-data");
    const settings = { ...JSON.parse(made.settings), timeZoneData: "1999z" };
    await writeFile(otherData, serialize({ ...made, settings: JSON.stringify(settings) }));
    expect(await readArticleSnapshot(otherData, reading)).toBeUndefined();
  });

  it("refuses a file that is missing or is not a snapshot, naming it", async () => {
    const { root, reading } = await articlesFolder();
    const missing = path.join(root, "no-such-snapshot");
    await expect(readArticleSnapshot(missing, reading)).rejects.toThrow(
      `The build's article snapshot ${missing} could not be read: ENOENT`,
    );
    const json = path.join(root, "not-a-snapshot");
    await writeFile(json, JSON.stringify({ format: "dateline-article-snapshot/2" }));
    await expect(readArticleSnapshot(json, reading)).rejects.toThrow(
      `The build's article snapshot ${json} could not be read:`,
    );
    const other = path.join(root, "other-format");
    await writeFile(other, serialize({ format: "something-else/2", outcomes: [] }));
    await expect(readArticleSnapshot(other, reading)).rejects.toThrow(
      `The build's article snapshot ${other} could not be read: expected dateline-article-snapshot/2, found "something-else/2"`,
    );
  });

  it("is read only once the build says it was written, and not at all when it was not", async () => {
    const { root, reading } = await articlesFolder();
    const file = path.join(root, "snapshot");
    let announce: (ok: boolean) => void = () => undefined;
    const announced = new Promise<boolean>((resolve) => (announce = resolve));
    const pending = promisedArticleSnapshot({ file, ready: () => announced }, reading);
    await snapshotArticles(file, reading);
    announce(true);
    expect((await pending)?.outcomes.size).toBe(3);
    expect(
      await promisedArticleSnapshot({ file: path.join(root, "never-written"), ready: async () => false }, reading),
    ).toBeUndefined();
    expect(await promisedArticleSnapshot(undefined, reading)).toBeUndefined();
  });
});
