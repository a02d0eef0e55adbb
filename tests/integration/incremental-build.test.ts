import { differingFiles } from "../../src/lib/build/compare-trees.ts";
import { rm, stat } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { BUILT_IN_SECTIONS } from "../../src/lib/config/sections.ts";
import { DateTime } from "luxon";
import { withdrawArticle } from "../../scripts/lib/withdraw.ts";
import {
  article,
  buildFixture,
  company,
  fixturePartners,
  smallPhoto,
  tempDir,
  writeFiles,
  type FixtureBuildOptions,
} from "../helpers/fixture-site.ts";
import { readTree } from "../helpers/run-build.ts";

/**
 * Incremental production builds (the page cache, `src/lib/build/page-cache.ts`) against clean
 * ones: after each change of a sequence, the build that reuses the previous site's pages must
 * write exactly the files, byte for byte, that a build rendering every page writes.
 */
let root: string;
let articlesDir: string;
let cacheDir: string;
let previous: string;
let now = "2023-11-01T12:00:00+07:00";
let partners = fixturePartners;
let allowRemoved: string[] = [];

const month = (m: number) => String(m).padStart(2, "0");

beforeAll(async () => {
  root = await tempDir("incremental");
  articlesDir = path.join(root, "articles");
  cacheDir = path.join(root, ".cache/build");
  const files: Record<string, string | Buffer> = {
    "companies/lotus-grid.md": company({ name: "Lotus Grid", website: "https://lotus.example" }, "Solar fields."),
    "articles/2023/09/photo.jpg": await smallPhoto(200, 120, "#228844"),
    // Embargoed until after the first builds' clock.
    "articles/2023/10/embargoed.md": article({
      title: "Lotus Grid reports its quarter",
      date: "2023-10-31T09:00:00+07:00",
      embargo: "2023-11-03T09:00:00+07:00",
      companies: "[Lotus Grid]",
    }),
  };
  for (let i = 1; i <= 14; i++) {
    const m = i <= 7 ? 9 : 10;
    files[`articles/2023/${month(m)}/release-${i}.md`] = article(
      {
        title: `Release number ${i} of the fixture wire`,
        date: `2023-${month(m)}-${String(i + 1).padStart(2, "0")}T09:00:00+07:00`,
        partner: i % 3 === 0 ? "globenewswire" : "prnewswire",
        categories: i % 2 === 0 ? "[Energy]" : "[Finance]",
        tags: `[tag-${i % 4}]`,
        ...(i % 5 === 0 ? { companies: "[Lotus Grid]" } : {}),
        ...(i === 2 ? { images: "[{ src: photo.jpg, alt: Green fields }]" } : {}),
      },
      `Release ${i} says something only it says, word${i}.`,
    );
  }
  await writeFiles(root, files);
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Builds the current inputs incrementally over the last site and cleanly; returns the page counts. */
async function buildAndCompare(): Promise<{
  rendered: number;
  reused: number;
  unchanged: (file: string) => Promise<boolean>;
}> {
  const options: FixtureBuildOptions = {
    articlesDir,
    partners,
    now,
    search: true,
    // Search segments of at most 4 articles: some are reused, some indexed again, at each step.
    searchSegmentSize: 4,
    allowRemoved,
    ...(previous ? { previousOutput: previous } : {}),
  };
  const said: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void said.push(args.join(" ")));
  const { outDir: incremental } = await buildFixture({ ...options, buildCacheDir: cacheDir });
  vi.restoreAllMocks();
  const { outDir: clean } = await buildFixture({ ...options, buildCacheDir: false });
  const [a, b] = await Promise.all([readTree(incremental), readTree(clean)]);
  const differing = [...new Set([...a.keys(), ...b.keys()])].filter(
    (file) => !b.has(file) || !a.get(file)?.equals(b.get(file) as Buffer),
  );
  expect(differing).toEqual([]);
  // Nor a folder only one of them holds (one made ahead of a page that did not come, left empty).
  expect(await differingFiles(incremental, clean)).toEqual([]);
  expect(a.size).toBeGreaterThan(40);
  await rm(clean, { recursive: true });
  const before = previous;
  previous = incremental;
  // Whether the page at `file` is the previous build's file, linked rather than rendered.
  const unchanged = async (file: string) => {
    const [old, now] = await Promise.all([stat(path.join(before, file)), stat(path.join(incremental, file))]);
    return old.ino === now.ino;
  };
  const match = /(\d+) rendered, (\d+) reused/.exec(said.find((line) => line.startsWith("[dateline] pages:")) ?? "");
  expect(match).not.toBeNull();
  return { rendered: Number(match?.[1]), reused: Number(match?.[2]), unchanged };
}

describe("an incremental build", () => {
  it("writes what a clean build writes, byte for byte, through a sequence of changes", async () => {
    const cold = await buildAndCompare();
    expect(cold.reused).toBe(0);

    // Nothing changed: nothing is rendered.
    const unchanged = await buildAndCompare();
    expect(unchanged).toMatchObject({ rendered: 0 });
    expect(unchanged.reused).toBeGreaterThan(40);

    // Two releases added: their pages and the lists they join, not the older articles' pages.
    await writeFiles(root, {
      "articles/2023/10/added-1.md": article({
        title: "An added release",
        date: "2023-10-30T09:00:00+07:00",
        categories: "[Energy]",
      }),
      "articles/2023/10/added-2.md": article({
        title: "Another added release",
        date: "2023-10-30T10:00:00+07:00",
        tags: "[tag-1]",
      }),
    });
    const added = await buildAndCompare();
    expect(added.rendered).toBeGreaterThan(0);
    expect(await added.unchanged("news/2023/09/release-1/index.html")).toBe(true);
    expect(await added.unchanged("index.html")).toBe(false);

    // An old release corrected.
    await writeFiles(root, {
      "articles/2023/09/release-2.md": article(
        {
          title: "Release number 2 of the fixture wire",
          date: "2023-09-03T09:00:00+07:00",
          categories: "[Energy]",
          tags: "[tag-2]",
          images: "[{ src: photo.jpg, alt: Green fields }]",
        },
        "Release 2 says something only it says, word2. Corrected: the plant opens in May.",
      ),
    });
    const corrected = await buildAndCompare();
    expect(await corrected.unchanged("news/2023/09/release-2/index.html")).toBe(false);
    expect(await corrected.unchanged("news/2023/10/release-14/index.html")).toBe(true);

    // One deleted (the operator lets its URL go), one withdrawn, one renamed with its old URL kept.
    await rm(path.join(articlesDir, "2023/09/release-4.md"));
    allowRemoved = ["/news/2023/09/release-4/"];
    await buildAndCompare();
    allowRemoved = [];
    await withdrawArticle({
      articlesDir,
      displayRoot: root,
      timeZone: "Asia/Bangkok",
      partners,
      sections: BUILT_IN_SECTIONS,
      target: path.join(articlesDir, "2023/10/release-9.md"),
      reason: "Takedown request from the issuer",
      now: DateTime.fromISO(now, { setZone: true }),
    });
    await buildAndCompare();
    await rm(path.join(articlesDir, "2023/10/release-11.md"));
    await writeFiles(root, {
      "articles/2023/10/renamed-11.md": article(
        {
          title: "Release number 11 of the fixture wire",
          date: "2023-10-12T09:00:00+07:00",
          categories: "[Finance]",
          tags: "[tag-3]",
          aliases: "[/news/2023/10/release-11/]",
        },
        "Release 11 says something only it says, word11.",
      ),
    });
    await buildAndCompare();

    // A company's profile edited: its page and the articles naming it.
    await writeFiles(root, {
      "companies/lotus-grid.md": company(
        { name: "Lotus Grid", website: "https://lotus.example" },
        "Solar and wind fields.",
      ),
    });
    await buildAndCompare();

    // A partner's disclaimer changed: a setting every page may draw.
    partners = fixturePartners.map((partner) =>
      partner.id === "globenewswire"
        ? { ...partner, disclaimer: `${partner.disclaimer} Corrections: write to us.` }
        : partner,
    );
    const disclaimer = await buildAndCompare();
    expect(disclaimer.reused).toBe(0);
    // Settings unchanged since: fully reused again.
    expect((await buildAndCompare()).rendered).toBe(0);

    // The clock passes the embargo: the release appears, and the lists with it.
    now = "2023-11-04T12:00:00+07:00";
    const embargoEnded = await buildAndCompare();
    expect(embargoEnded.rendered).toBeGreaterThan(0);
    expect(await embargoEnded.unchanged("news/2023/09/release-1/index.html")).toBe(true);
  });
});
