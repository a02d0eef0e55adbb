import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { identify, isFileIdentity, sha256, stillTheSame, type FileIdentity } from "../core/file-identity.ts";
import { mapConcurrently } from "../core/concurrency.ts";
import { linkOrCopy, writeFileAtomically } from "../core/cache-files.ts";

export { sha256 };

/**
 * The search index's part of the build cache (`.cache/build/search.json`): for each segment the
 * last build wrote, the key it was built from and each of its files as written (`FileIdentity`).
 * A segment is reused only when its key is unchanged and the previous site still holds every one
 * of its files unchanged, so a missing, stale or corrupt cache only costs the time to re-index.
 */
export const SEARCH_CACHE_FORMAT = "dateline-search-cache/1";
export const SEARCH_CACHE_FILE = "search.json";

export interface CachedSegment {
  key: string;
  /** Path inside the index folder → the file as it was written. */
  files: Record<string, FileIdentity>;
}

/** Segment id → what the last build wrote for it. */
export type SearchIndexManifest = Map<string, CachedSegment>;

const FILES_IN_FLIGHT = 32;

/** The key of a segment: the build's search settings, whether it is the first, and its records' sources. */
export function segmentKey(global: string, first: boolean, sources: readonly string[]): string {
  const hash = createHash("sha256").update(`${global}\n${first ? "first" : "merged"}\n`);
  for (const source of sources) hash.update(`${sha256(source)}\n`);
  return hash.digest("hex");
}

/**
 * Links the segment's files from the previous index into `folder` (copies them across file
 * systems) and returns its entry, or undefined when it cannot be reused.
 */
export async function reuseSegment(
  cache: { previous: string; manifest: SearchIndexManifest },
  id: string,
  key: string,
  folder: string,
): Promise<CachedSegment | undefined> {
  const entry = cache.manifest.get(id);
  if (!entry || entry.key !== key) return undefined;
  const files = Object.entries(entry.files);
  const current = await mapConcurrently(files, FILES_IN_FLIGHT, ([file, known]) =>
    stillTheSame(path.join(cache.previous, file), known),
  );
  if (current.some((identity) => identity === undefined)) return undefined;
  const folders = new Map<string, Promise<unknown>>();
  const made = (dir: string) => folders.get(dir) ?? folders.set(dir, mkdir(dir, { recursive: true })).get(dir);
  const linked = await mapConcurrently(files, FILES_IN_FLIGHT, async ([file, known], index) => {
    const target = path.join(folder, file);
    await made(path.dirname(target));
    // A link is the file as it is now; a copy has an identity of its own.
    const identity = (await linkOrCopy(path.join(cache.previous, file), target))
      ? (current[index] as FileIdentity)
      : await identify(target, known.sha256);
    return [file, identity] as const;
  });
  return { key, files: Object.fromEntries(linked) };
}

/** The manifest in `cacheDir`, or an empty one (and why) when it is missing or unreadable. */
export async function readSearchCache(cacheDir: string): Promise<{ manifest: SearchIndexManifest; problem?: string }> {
  const file = path.join(cacheDir, SEARCH_CACHE_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return { manifest: new Map() };
  }
  try {
    const parsed = JSON.parse(text) as { format?: unknown; segments?: Record<string, CachedSegment> };
    if (parsed.format !== SEARCH_CACHE_FORMAT || typeof parsed.segments !== "object" || parsed.segments === null)
      throw new Error("not a search cache of this version");
    const manifest: SearchIndexManifest = new Map();
    for (const [id, entry] of Object.entries(parsed.segments))
      if (
        typeof entry?.key === "string" &&
        typeof entry.files === "object" &&
        entry.files !== null &&
        Object.values(entry.files).every(isFileIdentity)
      )
        manifest.set(id, { key: entry.key, files: entry.files });
    return { manifest };
  } catch {
    return { manifest: new Map(), problem: `${SEARCH_CACHE_FILE} could not be read; every search segment is indexed` };
  }
}

/** Writes the manifest atomically. */
export async function writeSearchCache(cacheDir: string, manifest: SearchIndexManifest): Promise<void> {
  const segments = Object.fromEntries([...manifest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  await writeFileAtomically(
    path.join(cacheDir, SEARCH_CACHE_FILE),
    JSON.stringify({ format: SEARCH_CACHE_FORMAT, segments }),
  );
}
