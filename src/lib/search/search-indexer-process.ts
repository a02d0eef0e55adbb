/**
 * The search indexer process (see `startSearchIndexer`): receives one job over IPC, reads and
 * validates the article files (or starts from the build's snapshot of them), and writes the index
 * in segments: a segment the last build indexed from the same records is linked from the
 * previous site; the others' bodies are rendered and Pagefind indexes them. Reports `{ error }` and
 * exits non-zero when it cannot.
 */
import path from "node:path";
import { DateTime } from "luxon";
import { smallestRenditionUrl } from "../photos/photos.ts";
import { mapConcurrently } from "../core/concurrency.ts";
import { readArticleSnapshot } from "../content/article-snapshot.ts";
import { readArticleSources, sourcesToBuild, type ArticleSource } from "../content/articles.ts";
import { PersistentArticleCache } from "../content/article-cache.ts";
import { renderArticleBody } from "../content/markdown.ts";
import { RenderedHtml } from "../content/rendered-html.ts";
import type { Partner } from "../config/partners.ts";
import { filterSpellings, searchRecord, writeSearchIndex } from "./search-index.ts";
import { readSearchCache, writeSearchCache } from "./search-segment-cache.ts";
import { searchSlots } from "./search-segments.ts";
import type { ArticleFields } from "../content/article-schema.ts";
import type { IndexerReport, SearchIndexJob } from "./search-indexer.ts";
import type { IndexedSegment } from "./search-index.ts";

/** Lead photos read at once to name their thumbnails. */
const THUMBNAILS_IN_FLIGHT = 8;

// The build that started this process is gone (killed, or a shard stopped by its sibling's
// failure): nobody will use the index.
process.once("disconnect", () => process.exit(1));

process.once("message", (job: SearchIndexJob) => {
  indexArticles(job).then(
    // What each segment holds, for the audit (which re-checks a segment only for what it has not checked).
    (segments) => process.send?.({ segments } satisfies IndexerReport, undefined, {}, () => process.exit(0)),
    (error: unknown) => {
      process.send?.(
        { error: `The search index could not be built: ${error instanceof Error ? error.message : String(error)}` },
        undefined,
        {},
        () => process.exit(1),
      );
    },
  );
});

async function indexArticles(job: SearchIndexJob): Promise<IndexedSegment[]> {
  const now = DateTime.fromISO(job.now, { setZone: true });
  const reading = {
    articlesDir: job.articlesDir,
    displayRoot: job.displayRoot,
    timeZone: job.site.timeZone,
    partners: job.partners,
    sections: job.site.sections,
  };
  const snapshot =
    job.articleSnapshot === undefined ? undefined : await readArticleSnapshot(job.articleSnapshot, reading);
  // Without a snapshot, the articles the build cache already knows are not parsed again (only
  // the build's own process writes that cache).
  const articleCache =
    snapshot === undefined && job.cache ? await PersistentArticleCache.open(job.cache.dir, reading) : undefined;
  const { sources, problems } = await readArticleSources({ ...reading, now }, snapshot, articleCache);
  // The build reports these itself, file by file, and fails.
  if (problems.length > 0)
    throw new Error(
      `the article files have ${problems.length === 1 ? "a problem" : `${problems.length} problems`} (the build lists them)`,
    );
  const partners = new Map(job.partners.map((partner) => [partner.id, partner]));
  const built = sourcesToBuild(sources, job.includeUnpublished);
  // Withdrawn releases keep their places among the segments, as on the search page.
  const slots = searchSlots(
    built.map((source) => ({ url: source.url, date: source.fields.date })),
    sources
      .filter((source) => source.status === "withdrawn")
      .map((source) => ({ url: source.url, date: source.fields.date })),
  );
  const partnerOf = (fields: ArticleFields) => partners.get(fields.partner) as Partner;
  const spellings = filterSpellings(
    built.map(({ fields }) => ({ ...fields, partner: partnerOf(fields) })),
    job.site.sections,
  );
  // Named before indexing starts: records reach Pagefind in the site's order, so that the index
  // is the same file for file however the build is split.
  const { photos } = job;
  const thumbnails = new Map(
    await mapConcurrently(built, THUMBNAILS_IN_FLIGHT, async (source) => {
      const lead = source.fields.images[0];
      const url =
        photos && lead
          ? await smallestRenditionUrl(path.join(path.dirname(source.absolute), lead.src), photos)
          : undefined;
      return [source, url] as const;
    }),
  );
  const record = (source: (typeof built)[number], bodyHtml: string) =>
    searchRecord(
      {
        ...source.fields,
        url: source.url,
        partner: partnerOf(source.fields),
        photos: source.fields.images,
        bodyHtml,
        thumbnail: thumbnails.get(source),
      },
      job.site,
      spellings,
    );
  const cache = job.cache ? await readSearchCache(job.cache.dir) : undefined;
  // The bodies rendered for pages, feeds or segments, in this build or an earlier one; a segment
  // indexed again keeps the bodies it lacked (a first build leaves that to the build's process).
  const bodies = job.cache
    ? RenderedHtml.open(job.cache.dir, job.cache.codeDigest, { readOnly: !job.cache.previousIndex })
    : undefined;
  const renderBody = (source: ArticleSource) => (bodies ? bodies.bodyOf(source) : renderArticleBody(source.body));
  if (cache?.problem) console.warn(`[dateline] search cache: ${cache.problem}`);
  const written = await writeSearchIndex({
    items: built,
    url: (source) => source.url,
    slots,
    toRecord: (source) => record(source, renderBody(source)),
    // The record without its body, and the body's Markdown (by its hash): what the record is made of, unrendered.
    recordSource: (source) => `${JSON.stringify(record(source, ""))}\n${source.bodySha256}`,
    folder: job.folder,
    maxArticles: job.segmentSize,
    ...(job.cache && cache
      ? {
          cache: {
            key: job.cache.key,
            // Without a previous site, nothing to reuse: the segments are indexed and the cache written.
            ...(job.cache.previousIndex ? { previous: job.cache.previousIndex, manifest: cache.manifest } : {}),
          },
        }
      : {}),
  });
  await bodies?.settled();
  if (job.cache) {
    await writeSearchCache(job.cache.dir, written.manifest);
    console.log(
      `[dateline] search: ${written.rebuilt} of ${written.segments} segments indexed, ${written.segments - written.rebuilt} reused from the previous build`,
    );
  }
  return written.keys;
}
