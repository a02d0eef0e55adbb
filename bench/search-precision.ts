/**
 * Search precision of `npm run bench` (issue 19): the same records indexed once as one Pagefind
 * index and once in Dateline's segments, and queries with known answers run against one index,
 * the segments merged as Pagefind merges them, and the segments through the search page's module
 * (`src/lib/search/browser/segmented-pagefind.js`), which leaves out the segments that answer a
 * word they lack with a shorter one.
 *
 * Known answers: each query is a word; the articles that answer it are those whose text holds a
 * word starting with it. Queries come in two kinds: company names the corpus uses (most held by a
 * few articles, so most segments lack them), and the same names with a letter added, which no
 * article holds (the right answer is nothing at all).
 */
import { cp, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DateTime } from "luxon";
import * as pagefind from "pagefind";
import partners from "../src/data/partners.ts";
import site from "../src/data/site.ts";
import { validateSettings } from "../src/lib/config/settings.ts";
import { readArticleSources, sourcesToBuild } from "../src/lib/content/articles.ts";
import { renderArticleBody } from "../src/lib/content/markdown.ts";
import {
  completeSearchRecord,
  writeIndexFiles,
  writeSearchIndex,
  type SearchRecord,
} from "../src/lib/search/search-index.ts";
import { planSearchIndex } from "../src/lib/search/search-plan.ts";
import { filterSpellings, searchRecord } from "../src/lib/search/search-records.ts";
import { MAX_SEGMENT_ARTICLES, mergedSearchBundles } from "../src/lib/search/search-segments.ts";

export interface PrecisionRow {
  index: string;
  /** Mean over the present-word queries: answers among the results. */
  precision: number;
  /** Mean over the present-word queries: results among the answers. */
  recall: number;
  /** Results returned, summed over the absent-word queries (all wrong). */
  absentResults: number;
  queries: number;
}

const normalize = (text: string) =>
  text
    .toLocaleLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}\s]/gu, " ");

/** The search records of the articles in `articlesDir`, as the build makes them (the corpus has no photos). */
export async function corpusRecords(articlesDir: string, now: string): Promise<SearchRecord[]> {
  const settings = validateSettings(site, partners);
  const { sources } = await readArticleSources({
    articlesDir,
    displayRoot: articlesDir,
    timeZone: settings.site.timeZone,
    partners: settings.partners,
    sections: settings.site.sections,
    now: DateTime.fromISO(now, { setZone: true }),
  });
  const byId = new Map(settings.partners.map((partner) => [partner.id, partner]));
  const built = sourcesToBuild(sources, false).map((source) => ({
    source,
    partner: byId.get(source.fields.partner) as (typeof settings.partners)[number],
  }));
  const spellings = filterSpellings(
    built.map(({ source, partner }) => ({ ...source.fields, partner })),
    settings.site.sections,
  );
  return built.map(({ source, partner }) =>
    searchRecord(
      {
        ...source.fields,
        url: source.url,
        partner,
        photos: source.fields.images,
        bodyHtml: renderArticleBody(source.body),
      },
      settings.site,
      spellings,
    ),
  );
}

/** Indexes `records` both ways into `work` and measures the queries; returns one row per way of searching. */
export async function measureSearchPrecision(
  records: readonly SearchRecord[],
  companies: readonly string[],
  work: string,
): Promise<{ rows: PrecisionRow[]; segments: number }> {
  const single = path.join(work, "single", "pagefind");
  const segmented = path.join(work, "segmented", "pagefind");
  const merged = path.join(work, "merged", "pagefind");
  const { index } = await pagefind.createIndex({});
  if (!index) throw new Error("Pagefind could not start");
  for (const record of records) await index.addCustomRecord(record);
  await writeIndexFiles(single, (await index.getFiles()).files);
  await pagefind.close();
  // Planned as the build plans it, from records already complete: each one's text is all "before".
  const plan = planSearchIndex({
    items: records,
    url: (record) => record.url,
    unrendered: ({ content, ...record }) => ({ ...record, before: content, after: "" }),
    body: () => ({ sha256: "", markdown: () => "" }),
    maxArticles: MAX_SEGMENT_ARTICLES,
    key: "",
  });
  const written = await writeSearchIndex({
    segments: plan.segments,
    items: async (segment) => plan.items(segment.id),
    toRecord: (item) => completeSearchRecord(item.record, ""),
    folder: segmented,
  });
  // Pagefind's own merge, without Dateline's module: a copy, so each is a module of its own.
  await cp(segmented, merged, { recursive: true });
  const bundles = mergedSearchBundles(
    records.map((record) => record.url),
    MAX_SEGMENT_ARTICLES,
  );

  const texts = records.map((record) => ({ url: record.url, words: normalize(record.content).split(/\s+/) }));
  const answers = (word: string) =>
    new Set(texts.filter((text) => text.words.some((w) => w.startsWith(word))).map((text) => text.url));
  const names = [...new Set(companies.map((company) => normalize(company).split(/\s+/)[0] ?? ""))].filter(
    (word) => word.length >= 5,
  );
  const present = names.filter((word) => answers(word).size > 0).slice(0, 40);
  const absent = present.slice(0, 20).map((word) => `${word}q`);

  const ways: Array<{ name: string; folder: string; entry: string; merges: boolean }> = [
    { name: "one index", folder: single, entry: path.join(single, "pagefind.js"), merges: false },
    { name: "segments, Pagefind's merge", folder: merged, entry: path.join(merged, "pagefind.js"), merges: true },
    {
      name: "segments, the search page's module",
      folder: segmented,
      entry: path.join(segmented, "dateline", "pagefind.js"),
      merges: true,
    },
  ];
  const rows: PrecisionRow[] = [];
  for (const { name, folder, entry, merges } of ways) {
    const search = await searcher(
      entry,
      folder,
      merges ? bundles.map((bundle) => path.join(path.dirname(folder), bundle)) : [],
    );
    let precision = 0;
    let recall = 0;
    for (const word of present) {
      const expected = answers(word);
      const found = await search(word);
      const right = found.filter((url) => expected.has(url)).length;
      precision += found.length === 0 ? 0 : right / found.length;
      recall += right / expected.size;
    }
    let absentResults = 0;
    for (const word of absent) absentResults += (await search(word)).length;
    rows.push({
      index: name,
      precision: precision / present.length,
      recall: recall / present.length,
      absentResults,
      queries: present.length,
    });
  }
  return { rows, segments: written.segments };
}

/** A search function over the index in `folder`, through the module at `entry`, with `bundles` merged. */
async function searcher(
  entry: string,
  folder: string,
  bundles: string[],
): Promise<(query: string) => Promise<string[]>> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith("file:")) return realFetch(input);
    return readFile(fileURLToPath(url)).then(
      (bytes) => new Response(bytes),
      () => new Response(null, { status: 404 }),
    );
  }) as typeof fetch;
  const module = await import(pathToFileURL(entry).href);
  await module.options({ basePath: `${pathToFileURL(folder).href}/`, baseUrl: "/" });
  for (const bundle of bundles) await module.mergeIndex(`${pathToFileURL(bundle).href}/`, { baseUrl: "/" });
  await module.filters();
  return async (query) => {
    const response = await module.search(query);
    const urls: string[] = [];
    for (const result of response.results) urls.push((await result.data()).url);
    return urls;
  };
}
