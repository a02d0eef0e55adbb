/**
 * The search indexer process (see `startSearchIndexer`): receives its job over IPC when the build
 * starts, then the build's plan of the index, and writes it in segments. A segment the last build
 * indexed with the same key is linked from the previous site; for each other one it asks the
 * build for its items, renders their bodies (or takes them from the build cache) and Pagefind
 * indexes them. It reads no article file: the build's process has them. Reports `{ error }` and
 * exits non-zero when it cannot.
 */
import { readFile, rm } from "node:fs/promises";
import type { SearchIndexJob, IndexerReport, IndexerRequest } from "./search-indexer.ts";
import {
  completeSearchRecord,
  writeSearchIndex,
  type IndexedSegment,
  type SegmentItem,
  type SegmentPlan,
} from "./search-index.ts";
import { readSearchCache, writeSearchCache } from "./search-segment-cache.ts";

// The build that started this process is gone (killed, or a shard stopped by its sibling's
// failure): nobody will use the index.
process.once("disconnect", () => process.exit(1));

/** The segments whose items were asked for, by id, waiting for the build's answer. */
const asked = new Map<string, (items: SegmentItem[]) => void>();
/** The segments whose items the build hands over in a file, by id: the file, once it has come. */
const handed = new Map<string, { file: Promise<string>; came: (file: string) => void }>();
/** The build's plan, which comes once the build has loaded its articles. */
let planned: (segments: SegmentPlan[]) => void = () => undefined;
const plan = new Promise<SegmentPlan[]>((resolve) => (planned = resolve));

process.on("message", (message: IndexerRequest) => {
  if ("job" in message) {
    indexArticles(message.job).then(
      // What each segment holds, for the audit (which re-checks a segment only for what it has not checked).
      (segments) => report({ segments }, 0),
      (error: unknown) =>
        report(
          { error: `The search index could not be built: ${error instanceof Error ? error.message : String(error)}` },
          1,
        ),
    );
  } else if ("segments" in message) {
    for (const id of message.handed) {
      let came: (file: string) => void = () => undefined;
      handed.set(id, { file: new Promise((resolve) => (came = resolve)), came });
    }
    planned(message.segments);
  } else if ("file" in message) {
    handed.get(message.segment)?.came(message.file);
  } else {
    asked.get(message.segment)?.(message.items);
    asked.delete(message.segment);
  }
});

function report(message: IndexerReport, code: number): void {
  process.send?.(message, undefined, {}, () => process.exit(code));
}

/**
 * The items of a segment to index: from the file the build handed over (it arrives just after the
 * plan), or else asked for (a segment whose previous files turned out changed or gone).
 */
async function itemsOf(segment: string): Promise<SegmentItem[]> {
  const coming = handed.get(segment);
  if (coming !== undefined) {
    const file = await coming.file;
    const items = JSON.parse(await readFile(file, "utf8")) as SegmentItem[];
    await rm(file, { force: true });
    return items;
  }
  return new Promise((resolve) => {
    asked.set(segment, resolve);
    process.send?.({ want: segment } satisfies IndexerReport);
  });
}

/** Reads the search cache and loads what renders bodies while the build plans, then writes the index. */
async function indexArticles(job: SearchIndexJob): Promise<IndexedSegment[]> {
  const renderer = bodyRenderer(job);
  renderer.catch(() => undefined); // thrown where it is awaited, when a segment is indexed
  const cache = job.cache ? await readSearchCache(job.cache.dir) : undefined;
  if (cache?.problem) console.warn(`[dateline] search cache: ${cache.problem}`);
  const segments = await plan;
  let renderBody: (item: SegmentItem) => string = () => "";
  const written = await writeSearchIndex({
    segments,
    items: async (segment) => {
      renderBody = (await renderer).render;
      return itemsOf(segment.id);
    },
    toRecord: (item) => completeSearchRecord(item.record, renderBody(item)),
    folder: job.folder,
    ...(job.cache?.previousIndex && cache
      ? { cache: { previous: job.cache.previousIndex, manifest: cache.manifest } }
      : {}),
  });
  await (await renderer).settled();
  if (job.cache) {
    await writeSearchCache(job.cache.dir, written.manifest);
    console.log(
      `[dateline] search: ${written.rebuilt} of ${written.segments} segments indexed, ${written.segments - written.rebuilt} reused from the previous build`,
    );
  }
  return written.keys;
}

/**
 * Renders an item's body: from the bodies rendered for pages, feeds or segments, in this build or
 * an earlier one, keeping those it lacked (a first build, with no previous site, leaves keeping
 * them to the build's process, which renders every body too). Loaded while the build plans: a
 * build that adds a release indexes at least the newest segment.
 */
async function bodyRenderer(job: SearchIndexJob) {
  const { RenderedHtml } = await import("../content/rendered-html.ts");
  const { renderArticleBody } = await import("../content/markdown.ts");
  const { cache } = job;
  if (!cache)
    return { render: (item: SegmentItem) => renderArticleBody(item.markdown), settled: async () => undefined };
  const bodies = RenderedHtml.open(cache.dir, cache.codeDigest, { readOnly: !cache.previousIndex });
  return {
    render: (item: SegmentItem) => bodies.bodyOf({ body: item.markdown, bodySha256: item.bodySha256 }),
    settled: () => bodies.settled(),
  };
}
