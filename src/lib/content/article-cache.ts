import type { BigIntStats } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { identityOf, sameFile, sha256, type FileIdentity } from "../core/file-identity.ts";
import { writeFileAtomically } from "../core/cache-files.ts";
import { decodeOutcome, encodeOutcome, settingsOf, type ArticleReading } from "./article-snapshot.ts";
import type { FileOutcome } from "./articles.ts";

/**
 * The articles' part of the build cache (`.cache/build/articles/`): each article file's outcome
 * (its validated source, or its problems) with the file's identity (`FileIdentity`), so that a
 * production build parses and validates only the files that changed. A file with the same inode,
 * size and modification time as when it was cached is not even read; any other is read and
 * recognised by the SHA-256 of its text (a checkout restored elsewhere, a file touched but
 * unchanged). One part per folder of articles (a month, as `npm run new` files them), so that a
 * build writes again only the parts whose files changed. Made under other reading settings
 * (another time zone, other partners or sections, the project at another path, another
 * Node.js's time-zone data), or unreadable,
 * a part is not used: its files are read afresh, which only costs time.
 */
export const ARTICLE_CACHE_FOLDER = "articles";
const FORMAT = "dateline-article-cache/4";

/**
 * A file modified this close to when its part was written could be modified again within the
 * same clock tick without its identity changing (git calls this "racily clean"): its text is
 * checked by hash instead.
 */
const RACY_WINDOW_NS = 2_000_000_000n;

interface Entry extends FileIdentity {
  outcome: FileOutcome;
}

interface StoredPart {
  format?: unknown;
  settings?: unknown;
  writtenNs?: unknown;
  entries?: Array<[string, Entry]>;
}

export class PersistentArticleCache {
  private readonly seen = new Map<string, Entry>();
  /** Folders whose part must be written again: an entry in it is new, changed or newly identified. */
  private readonly changedFolders = new Set<string>();

  private constructor(
    private readonly folder: string,
    private readonly settings: string,
    private readonly entries: ReadonlyMap<string, Entry & { writtenNs: bigint }>,
    /** The part files read, and the article files each held. */
    private readonly parts: ReadonlyMap<string, ReadonlySet<string>>,
  ) {}

  /** The cache in `dir` for articles read under `reading` (empty when there is none to use). */
  static async open(dir: string, reading: ArticleReading): Promise<PersistentArticleCache> {
    const folder = path.join(dir, ARTICLE_CACHE_FOLDER);
    const settings = settingsOf(reading);
    const entries = new Map<string, Entry & { writtenNs: bigint }>();
    const parts = new Map<string, Set<string>>();
    const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith(".v8"));
    for (const name of names) {
      try {
        const stored = deserialize(await readFile(path.join(folder, name))) as StoredPart;
        if (
          stored?.format !== FORMAT ||
          stored.settings !== settings ||
          typeof stored.writtenNs !== "bigint" ||
          !Array.isArray(stored.entries)
        )
          continue;
        const writtenNs = stored.writtenNs;
        parts.set(name, new Set(stored.entries.map(([absolute]) => absolute)));
        // In place: the entries are fresh from `deserialize`.
        for (const [absolute, entry] of stored.entries)
          entries.set(absolute, Object.assign(entry, { outcome: decodeOutcome(entry.outcome), writtenNs }));
      } catch {
        // Unreadable: its files are read afresh.
      }
    }
    return new PersistentArticleCache(folder, settings, entries, parts);
  }

  /** The outcome of the file at `absolute`, without reading it, if `info` shows the very file the cache saw. */
  recall(absolute: string, info: BigIntStats): FileOutcome | undefined {
    const entry = this.entries.get(absolute);
    if (!entry || !sameFile(info, entry) || info.mtimeNs >= entry.writtenNs - RACY_WINDOW_NS) return undefined;
    this.seen.set(absolute, entry);
    return entry.outcome;
  }

  /** The outcome of the file at `absolute` (as `info` shows it) if its text is the one the cache saw. */
  lookup(absolute: string, text: string, info: BigIntStats): FileOutcome | undefined {
    const entry = this.entries.get(absolute);
    const hash = sha256(text);
    if (entry?.sha256 !== hash) return undefined;
    // A new identity, or one still too recent to trust: written again, so the next build need not read it.
    this.keep(absolute, { ...identityOf(info, hash), outcome: entry.outcome });
    return entry.outcome;
  }

  /** Records the outcome of a file read afresh. */
  remember(absolute: string, text: string, info: BigIntStats, outcome: FileOutcome): void {
    this.keep(absolute, { ...identityOf(info, sha256(text)), outcome });
  }

  private keep(absolute: string, entry: Entry): void {
    this.seen.set(absolute, entry);
    this.changedFolders.add(path.dirname(absolute));
  }

  /**
   * Writes (atomically) the parts of folders whose files changed, were added or went away, and
   * removes the parts of folders with no article left. Nothing read through it (the build started
   * from a snapshot): nothing written.
   */
  async save(): Promise<void> {
    if (this.seen.size === 0) return;
    const byFolder = new Map<string, Array<[string, Entry]>>();
    for (const [absolute, entry] of this.seen) {
      const folder = path.dirname(absolute);
      const list = byFolder.get(folder);
      if (list) list.push([absolute, entry]);
      else byFolder.set(folder, [[absolute, entry]]);
    }
    const writtenNs = BigInt(Date.now()) * 1_000_000n;
    for (const [folder, list] of byFolder) {
      const name = partName(folder);
      const stored = this.parts.get(name);
      const same = stored?.size === list.length && list.every(([absolute]) => stored.has(absolute));
      if (same && !this.changedFolders.has(folder)) continue;
      const entries = list.map(([absolute, { sha256: hash, size, dev, ino, mtimeNs, outcome }]) => [
        absolute,
        { sha256: hash, size, dev, ino, mtimeNs, outcome: encodeOutcome(outcome) },
      ]);
      await writeFileAtomically(
        path.join(this.folder, name),
        serialize({ format: FORMAT, settings: this.settings, writtenNs, entries }),
      );
    }
    const current = new Set([...byFolder.keys()].map(partName));
    for (const name of this.parts.keys())
      if (!current.has(name)) await rm(path.join(this.folder, name), { force: true });
  }
}

/** The part file of the articles in `folder`. */
function partName(folder: string): string {
  return `${sha256(folder).slice(0, 16)}.v8`;
}
