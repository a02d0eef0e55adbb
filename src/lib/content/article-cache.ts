import { readFileSync, type BigIntStats } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { identityOf, sameFile, sha256, type FileIdentity } from "../core/file-identity.ts";
import { writeFileAtomically } from "../core/cache-files.ts";
import { decodeOutcome, encodeOutcome, settingsOf, type ArticleReading } from "./article-snapshot.ts";
import type { FileOutcome } from "./articles.ts";
import { parseFrontMatter } from "./front-matter.ts";

/**
 * The articles' part of the build cache (`.cache/build/articles/`): each article file's outcome
 * (its validated source, or its problems) with the file's identity (`FileIdentity`), so that a
 * production build parses and validates only the files that changed. A file with the same inode,
 * size and modification time as when it was cached is not even read; any other is read and
 * recognised by the SHA-256 of its text (a checkout restored elsewhere, a file touched but
 * unchanged). One part per folder of articles (a month, as `npm run new` files them), so that a
 * build writes again only the parts whose files changed. Made under other reading settings
 * (another time zone, other partners or sections, the project at another path, another
 * Node.js's time-zone data), or unreadable, a part is not used: its files are read afresh,
 * which only costs time.
 *
 * A part keeps its articles' Markdown apart from their fields, as one block of UTF-8: a build
 * reads an article's Markdown only to render it (a page, a feed item or a search segment that
 * changed), so ten thousand bodies never become strings for the garbage collector to copy. A
 * body read from the cache is checked against its SHA-256; if the part was damaged, it is read
 * from its article file instead.
 */
export const ARTICLE_CACHE_FOLDER = "articles";
const FORMAT = "dateline-article-cache/5";

/**
 * A file modified this close to when its part was written could be modified again within the
 * same clock tick without its identity changing (git calls this "racily clean"): its text is
 * checked by hash instead.
 */
const RACY_WINDOW_NS = 2_000_000_000n;

interface Entry extends FileIdentity {
  outcome: FileOutcome;
}

/** An entry as a part stores it: its source without its Markdown, and where that is in the part's `bodies`. */
interface StoredEntry extends Entry {
  body?: [start: number, end: number];
}

interface StoredPart {
  format?: unknown;
  settings?: unknown;
  writtenNs?: unknown;
  entries?: Array<[string, StoredEntry]>;
  bodies?: unknown;
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
          !Array.isArray(stored.entries) ||
          !(stored.bodies instanceof Uint8Array)
        )
          continue;
        const { writtenNs, bodies } = stored;
        const inBodies = (range: unknown) =>
          Array.isArray(range) && 0 <= range[0] && range[0] <= range[1] && range[1] <= bodies.length;
        if (!stored.entries.every(([, entry]) => !entry.outcome.source || inBodies(entry.body))) continue;
        parts.set(name, new Set(stored.entries.map(([absolute]) => absolute)));
        // In place: the entries are fresh from `deserialize`.
        for (const [absolute, { body, ...entry }] of stored.entries) {
          const outcome = decodeOutcome(entry.outcome);
          if (outcome.source && body) readBodyWhenAsked(outcome.source, bodies, body);
          entries.set(absolute, Object.assign(entry, { outcome, writtenNs }));
        }
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
      const bodies: Buffer[] = [];
      let length = 0;
      const entries = list.map(
        ([absolute, { sha256: hash, size, dev, ino, mtimeNs, outcome }]): [string, StoredEntry] => {
          const { source, ...rest } = encodeOutcome(outcome);
          const entry: StoredEntry = { sha256: hash, size, dev, ino, mtimeNs, outcome: rest };
          if (source) {
            const bytes = Buffer.from(source.body, "utf8");
            bodies.push(bytes);
            // Its place kept, so that the source has its keys in the same order when read back.
            entry.outcome.source = { ...source, body: "" };
            entry.body = [length, length + bytes.length];
            length += bytes.length;
          }
          return [absolute, entry];
        },
      );
      await writeFileAtomically(
        path.join(this.folder, name),
        serialize({
          format: FORMAT,
          settings: this.settings,
          writtenNs,
          entries,
          bodies: Buffer.concat(bodies, length),
        }),
      );
    }
    const current = new Set([...byFolder.keys()].map(partName));
    for (const name of this.parts.keys())
      if (!current.has(name)) await rm(path.join(this.folder, name), { force: true });
  }
}

/**
 * Gives `source` its Markdown from `bodies` when asked for, checked against its hash; if the
 * part was damaged, from its article file, which the build saw unchanged.
 */
function readBodyWhenAsked(
  source: NonNullable<FileOutcome["source"]>,
  bodies: Uint8Array,
  [start, end]: [number, number],
): void {
  Object.defineProperty(source, "body", {
    enumerable: true,
    configurable: true,
    get: () => {
      const markdown = Buffer.from(bodies.buffer, bodies.byteOffset + start, end - start).toString();
      if (sha256(markdown) === source.bodySha256) return markdown;
      let text = "";
      try {
        text = readFileSync(source.absolute, "utf8");
      } catch {
        // Gone since: changed, as far as this build can tell.
      }
      const parsed = parseFrontMatter(text, source.file);
      if (!Array.isArray(parsed) && sha256(parsed.body) === source.bodySha256) return parsed.body;
      throw new Error(
        `${source.file} changed while the build was reading it (its text is not the one the build started with): build again`,
      );
    },
  });
}

/** The part file of the articles in `folder`. */
function partName(folder: string): string {
  return `${sha256(folder).slice(0, 16)}.v8`;
}
