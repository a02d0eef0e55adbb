import type { BigIntStats } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { identityOf, sameFile, sha256, type FileIdentity } from "../core/file-identity.ts";
import { writeFileAtomically } from "../core/cache-files.ts";
import { decodeOutcome, encodeOutcome, settingsOf, type ArticleReading } from "./article-snapshot.ts";
import type { FileOutcome } from "./articles.ts";

/**
 * The articles' part of the build cache (`.cache/build/articles.v8`): each article file's
 * outcome (its validated source, or its problems) with the file's identity (`FileIdentity`), so
 * that a production build parses and validates only the files that changed. A file with the
 * same inode, size and modification time as when it was cached is not even read; any other is
 * read and recognised by the SHA-256 of its text (a checkout restored elsewhere, a file touched
 * but unchanged). Made under other reading settings (another time zone, other partners or
 * sections, the project at another path), or unreadable, it is not used: the files are read
 * afresh, which only costs time.
 */
export const ARTICLE_CACHE_FILE = "articles.v8";
const FORMAT = "dateline-article-cache/2";

/**
 * A file modified this close to when the cache was written could be modified again within the
 * same clock tick without its identity changing (git calls this "racily clean"): its text is
 * checked by hash instead.
 */
const RACY_WINDOW_NS = 2_000_000_000n;

interface Entry extends FileIdentity {
  outcome: FileOutcome;
}

export class PersistentArticleCache {
  private readonly seen = new Map<string, Entry>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly settings: string,
    private readonly entries: ReadonlyMap<string, Entry>,
    /** When the cache was written (ns since the epoch, by this machine's clock). */
    private readonly writtenNs: bigint,
  ) {}

  /** The cache in `dir` for articles read under `reading` (empty when there is none to use). */
  static async open(dir: string, reading: ArticleReading): Promise<PersistentArticleCache> {
    const file = path.join(dir, ARTICLE_CACHE_FILE);
    const settings = settingsOf(reading);
    const entries = new Map<string, Entry>();
    let writtenNs = 0n;
    try {
      const stored = deserialize(await readFile(file)) as {
        format?: unknown;
        settings?: unknown;
        writtenNs?: unknown;
        entries?: Array<[string, Entry]>;
      };
      if (
        stored?.format === FORMAT &&
        stored.settings === settings &&
        typeof stored.writtenNs === "bigint" &&
        Array.isArray(stored.entries)
      ) {
        writtenNs = stored.writtenNs;
        for (const [absolute, entry] of stored.entries)
          entries.set(absolute, { ...entry, outcome: decodeOutcome(entry.outcome) });
      }
    } catch {
      // Missing or unreadable: start empty.
    }
    return new PersistentArticleCache(file, settings, entries, writtenNs);
  }

  /** The outcome of the file at `absolute`, without reading it, if `info` shows the very file the cache saw. */
  recall(absolute: string, info: BigIntStats): FileOutcome | undefined {
    const entry = this.entries.get(absolute);
    if (!entry || !sameFile(info, entry) || info.mtimeNs >= this.writtenNs - RACY_WINDOW_NS) return undefined;
    this.seen.set(absolute, entry);
    return entry.outcome;
  }

  /** The outcome of the file at `absolute` (as `info` shows it) if its text is the one the cache saw. */
  lookup(absolute: string, text: string, info: BigIntStats): FileOutcome | undefined {
    const entry = this.entries.get(absolute);
    const hash = sha256(text);
    if (entry?.sha256 !== hash) return undefined;
    const current = { ...identityOf(info, hash), outcome: entry.outcome };
    this.seen.set(absolute, current);
    // A new identity, or one still too recent to trust: written again, so the next build need not read it.
    this.changed = true;
    return entry.outcome;
  }

  /** Records the outcome of a file read afresh. */
  remember(absolute: string, text: string, info: BigIntStats, outcome: FileOutcome): void {
    this.seen.set(absolute, { ...identityOf(info, sha256(text)), outcome });
    this.changed = true;
  }

  /** Writes the files seen in this build (atomically), when anything changed. */
  async save(): Promise<void> {
    // Nothing read through it (the build started from a snapshot), or nothing new: keep the file.
    if (this.seen.size === 0 || (!this.changed && this.seen.size === this.entries.size)) return;
    const entries = [...this.seen].map(([absolute, entry]) => [
      absolute,
      { ...entry, outcome: encodeOutcome(entry.outcome) },
    ]);
    const writtenNs = BigInt(Date.now()) * 1_000_000n;
    await writeFileAtomically(this.file, serialize({ format: FORMAT, settings: this.settings, writtenNs, entries }));
  }
}
