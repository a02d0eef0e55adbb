/**
 * The article files as one build read them, for every process of that build. When `npm run
 * build` splits a site into shards, it reads and validates the articles once, in a process of
 * its own, and writes this snapshot; the Eleventy shards start from it instead of each parsing
 * every file again (at 100 000 articles: 7 shards; the search indexer is handed what it needs by
 * shard 0), and all of them see the same articles even if an editor saves a file while the build runs.
 */
import { readFile, writeFile } from "node:fs/promises";
import { deserialize, serialize } from "node:v8";
import { DateTime } from "luxon";
import { decodeDateTime, encodeDateTime, TIME_ZONE_DATA, type EncodedDateTime } from "../core/dates.ts";
import { isPlainRecord } from "../core/fields.ts";
import { ArticleFileCache, readArticleSources, type FileOutcome, type ReadArticlesOptions } from "./articles.ts";
import type { PersistentArticleCache } from "./article-cache.ts";

/** Set by the build script for its shards: where the snapshot of this build will be. */
export const ARTICLE_SNAPSHOT_VARIABLE = "DATELINE_ARTICLE_SNAPSHOT";

const FORMAT = "dateline-article-snapshot/2";

/** What an article's outcome depends on besides its text: a snapshot made under other settings is not used. */
export type ArticleReading = Pick<
  ReadArticlesOptions,
  "articlesDir" | "displayRoot" | "timeZone" | "partners" | "sections"
>;

/** The reading settings an outcome depends on, as text (a snapshot or cache made under others is not used). */
export const settingsOf = ({ articlesDir, displayRoot, timeZone, partners, sections }: ArticleReading) =>
  JSON.stringify({
    articlesDir,
    displayRoot,
    timeZone,
    partnerIds: partners.map((partner) => partner.id),
    fields: sections.map((section) => section.field ?? ""),
    // Encoded dates carry their offsets, worked out with this time-zone data.
    timeZoneData: TIME_ZONE_DATA,
  });

/**
 * Reads and validates every article file under `reading` and writes the snapshot to `file`;
 * with the build cache's articles (`article-cache.ts`), parses only the files changed since.
 */
export async function snapshotArticles(
  file: string,
  reading: ArticleReading,
  articleCache?: PersistentArticleCache,
): Promise<void> {
  const cache = new ArticleFileCache();
  // "Now" only decides each article's status, which the snapshot leaves to each reader.
  await readArticleSources({ ...reading, now: DateTime.now() }, cache, articleCache);
  await Promise.all([writeArticleSnapshot(file, reading, cache), articleCache?.save()]);
}

/** Writes what `cache` holds of each file (its validated source or its problems), read under `reading`. */
async function writeArticleSnapshot(file: string, reading: ArticleReading, cache: ArticleFileCache): Promise<void> {
  const outcomes = [...cache.outcomes].map(([absolute, outcome]) => [absolute, encodeOutcome(outcome)]);
  await writeFile(file, serialize({ format: FORMAT, settings: settingsOf(reading), outcomes }));
}

/**
 * The outcomes of a snapshot as a file cache for `readArticleSources`, or undefined when the
 * snapshot was made under other settings (the caller then reads the files itself). Throws
 * when the file is missing or is not a snapshot: the build that announced it is broken.
 */
export async function readArticleSnapshot(
  file: string,
  reading: ArticleReading,
): Promise<ArticleFileCache | undefined> {
  let snapshot: { format?: unknown; settings?: string; outcomes?: Array<[string, FileOutcome]> };
  try {
    snapshot = deserialize(await readFile(file));
  } catch (error) {
    throw new Error(
      `The build's article snapshot ${file} could not be read: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  if (snapshot?.format !== FORMAT || !Array.isArray(snapshot.outcomes)) {
    throw new Error(
      `The build's article snapshot ${file} could not be read: expected ${FORMAT}, found ${JSON.stringify(snapshot?.format ?? typeof snapshot)}`,
    );
  }
  if (snapshot.settings !== settingsOf(reading)) return undefined;
  const cache = new ArticleFileCache();
  for (const [absolute, outcome] of snapshot.outcomes) cache.outcomes.set(absolute, decodeOutcome(outcome));
  return cache;
}

/** A file's outcome as structured clone can carry it (its dates encoded), without its status. */
export function encodeOutcome({ problems, source }: FileOutcome): FileOutcome {
  return {
    problems,
    ...(source ? { source: { ...source, fields: mapDateTimes(source.fields, encodeDate) } } : {}),
  };
}

/**
 * The outcome `encodeOutcome` made, with its dates revived in place: it comes fresh from
 * `deserialize` and is nobody else's (ten thousand copies would only be garbage to collect).
 */
export function decodeOutcome(outcome: FileOutcome): FileOutcome {
  if (outcome.source) reviveDateTimes(outcome.source.fields as unknown as Record<string, unknown>);
  return outcome;
}

function reviveDateTimes(container: Record<string, unknown> | unknown[]): void {
  const values = container as Record<string, unknown>;
  for (const key of Array.isArray(container) ? container.keys() : Object.keys(container)) {
    const value = values[key];
    if (value === null || typeof value !== "object") continue;
    if ("dateTimeMillis" in value) values[key] = decodeDateTime(value as EncodedDateTime);
    else reviveDateTimes(value as Record<string, unknown>);
  }
}

// Dates are luxon objects, which structured clone turns into plain objects: they travel
// encoded (`encodeDateTime`), and the revived date is `equals` to the original.
function encodeDate(value: unknown): unknown {
  return DateTime.isDateTime(value) ? encodeDateTime(value) : value;
}

/** Article fields with every date mapped, wherever it is (`date`, `withdrawn.date`, `corrections[0].date`). */
function mapDateTimes<T extends object>(fields: T, map: (value: unknown) => unknown): T {
  const mapValue = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(mapValue);
    if (isPlainRecord(value) && !DateTime.isDateTime(value) && !("dateTimeMillis" in value))
      return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, mapValue(inner)]));
    return map(value);
  };
  return mapValue(fields) as T;
}

/** A snapshot a process has been promised: its file, and whether it was written once it is. */
export interface PromisedArticleSnapshot {
  file: string;
  ready: () => Promise<boolean>;
}

/** The promised snapshot as a file cache, or undefined when there is none to use (then read the files). */
export async function promisedArticleSnapshot(
  snapshot: PromisedArticleSnapshot | undefined,
  reading: ArticleReading,
): Promise<ArticleFileCache | undefined> {
  const file = snapshot && (await snapshot.ready()) ? snapshot.file : undefined;
  return file === undefined ? undefined : readArticleSnapshot(file, reading);
}
