import { readFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { sha256 } from "../core/file-identity.ts";
import { writeFileAtomically } from "../core/cache-files.ts";
import { decodeOutcome, encodeOutcome, settingsOf, type ArticleReading } from "./article-snapshot.ts";
import type { FileOutcome } from "./articles.ts";

/**
 * The articles' part of the build cache (`.cache/build/articles.v8`): each article file's
 * outcome (its validated source, or its problems) by the SHA-256 of its text, so that a
 * production build reads every file but parses and validates only those that changed. Made
 * under other reading settings (another time zone, other partners or sections, the project at
 * another path), or unreadable, it is not used: the files are read afresh, which only costs time.
 */
export const ARTICLE_CACHE_FILE = "articles.v8";
const FORMAT = "dateline-article-cache/1";

interface Entry {
  sha256: string;
  outcome: FileOutcome;
}

export class PersistentArticleCache {
  private readonly seen = new Map<string, Entry>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly settings: string,
    private readonly entries: ReadonlyMap<string, Entry>,
  ) {}

  /** The cache in `dir` for articles read under `reading` (empty when there is none to use). */
  static async open(dir: string, reading: ArticleReading): Promise<PersistentArticleCache> {
    const file = path.join(dir, ARTICLE_CACHE_FILE);
    const settings = settingsOf(reading);
    const entries = new Map<string, Entry>();
    try {
      const stored = deserialize(await readFile(file)) as {
        format?: unknown;
        settings?: unknown;
        entries?: Array<[string, Entry]>;
      };
      if (stored?.format === FORMAT && stored.settings === settings && Array.isArray(stored.entries))
        for (const [absolute, entry] of stored.entries)
          entries.set(absolute, { sha256: entry.sha256, outcome: decodeOutcome(entry.outcome) });
    } catch {
      // Missing or unreadable: start empty.
    }
    return new PersistentArticleCache(file, settings, entries);
  }

  /** The outcome of the file at `absolute` if its text is the one the cache saw. */
  lookup(absolute: string, text: string): FileOutcome | undefined {
    const entry = this.entries.get(absolute);
    const hash = sha256(text);
    if (entry?.sha256 === hash) {
      this.seen.set(absolute, entry);
      return entry.outcome;
    }
    return undefined;
  }

  /** Records the outcome of a file read afresh. */
  remember(absolute: string, text: string, outcome: FileOutcome): void {
    this.seen.set(absolute, { sha256: sha256(text), outcome });
    this.changed = true;
  }

  /** Writes the files seen in this build (atomically), when anything changed. */
  async save(): Promise<void> {
    // Nothing read through it (the build started from a snapshot), or nothing new: keep the file.
    if (this.seen.size === 0 || (!this.changed && this.seen.size === this.entries.size)) return;
    const entries = [...this.seen].map(([absolute, { sha256: hash, outcome }]) => [
      absolute,
      { sha256: hash, outcome: encodeOutcome(outcome) },
    ]);
    await writeFileAtomically(this.file, serialize({ format: FORMAT, settings: this.settings, entries }));
  }
}
