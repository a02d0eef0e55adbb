import { existsSync } from "node:fs";
import { createHash } from "node:crypto";
import { readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { mapConcurrently } from "../core/concurrency.ts";
import { writeFileAtomically } from "../core/cache-files.ts";
import { identifyFilesInBackground, identityKey, LinkingThread } from "../core/link-files.ts";
import { identify, isFileIdentity, sha256, stillTheSame, type FileIdentity } from "../core/file-identity.ts";

/**
 * The page cache of production builds (`.cache/build/`): which page the previous build wrote for
 * which signature, so that a build renders only the pages whose signature changed and links the
 * others from the site it replaces. A signature is a hash of everything the page draws: its page
 * data (articles by the hash of their content, see `PageSigner`) and the build's global digest
 * (Dateline's code, layouts, assets, settings: `globalDigest`). Nothing in it is an object
 * version or a path of this machine, so it holds between processes, machines and checkouts.
 *
 * A cached entry is used only when the previous site still holds the file it describes: the same
 * inode, size and modification time, or else the same content hash (a site restored from a
 * deploy cache has new inodes). A missing, stale or corrupt cache therefore costs time, never
 * output: the page is rendered.
 */
export const PAGE_CACHE_FORMAT = "dateline-page-cache/1";

/** What the cache knows of one file of the previous site: its signature and identity. */
export interface CachedPage extends FileIdentity {
  signature: string;
}

/** Output path (`news/2026/10/x/index.html`) → what the cache knows of it. */
export type PageManifest = Map<string, CachedPage>;

/**
 * The digest of everything every page depends on besides its own data: the files at `sources`
 * (each a file or a folder, hashed under its label, so the digest is the same wherever the
 * project is checked out; `exclude`d folders left out) and `values` (settings, as JSON). A
 * missing file or folder counts as missing, not as an error.
 */
export async function globalDigest(input: {
  sources: Record<string, string>;
  exclude?: readonly string[];
  values: unknown;
}): Promise<string> {
  const hash = createHash("sha256");
  const excluded = (input.exclude ?? []).map((folder) => path.resolve(folder) + path.sep);
  const named: Array<[string, string]> = [];
  for (const [label, source] of Object.entries(input.sources)) {
    const info = await stat(source).catch(() => undefined);
    if (!info?.isDirectory()) {
      named.push([label, source]);
      continue;
    }
    for (const entry of await readdir(source, { recursive: true, withFileTypes: true })) {
      const file = path.join(entry.parentPath, entry.name);
      if (entry.isFile() && !excluded.some((prefix) => file.startsWith(prefix)))
        named.push([`${label}/${path.relative(source, file).split(path.sep).join("/")}`, file]);
    }
  }
  named.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, file] of named) {
    const content = await readFile(file).catch(() => undefined);
    hash.update(`${name}\0${content === undefined ? "missing" : sha256(content)}\n`);
  }
  hash.update(JSON.stringify(input.values));
  return hash.digest("hex");
}

/**
 * The signatures of a build's pages. Each article is hashed once, from its fields and the
 * SHA-256 of its Markdown (`markdownDigestOf`; not the rendered body, which is rendered only
 * when a page draws it); a page's signature is then the hash of its data with each article it
 * holds written as its hash. Keys listed in `IGNORED_KEYS` are data the pages do not draw.
 */
export class PageSigner {
  private readonly articleDigests = new WeakMap<object, string>();

  constructor(
    private readonly global: string,
    articles: readonly object[],
    markdownDigestOf: (article: object) => string,
  ) {
    for (const article of articles) {
      const fields: Record<string, unknown> = {};
      // Own enumerable keys, without reading the lazily rendered body.
      for (const key of Object.keys(article))
        if (key !== "bodyHtml") fields[key] = (article as Record<string, unknown>)[key];
      this.articleDigests.set(article, sha256(`${JSON.stringify(fields)}\n${markdownDigestOf(article)}`));
    }
  }

  /** The hash of an article of the build (its fields and Markdown), or undefined for any other object. */
  digestOf(article: object): string | undefined {
    return this.articleDigests.get(article);
  }

  /** The signature of a page drawn from `data`. */
  sign(data: unknown): string {
    const json = JSON.stringify(data, (key, value: unknown) => {
      if (IGNORED_KEYS.has(key)) return undefined;
      if (value !== null && typeof value === "object") {
        const digest = this.articleDigests.get(value);
        if (digest !== undefined) return `#${digest}`;
      }
      return value;
    });
    return sha256(`${this.global}\n${json}`);
  }
}

/**
 * Page data no page draws: every page of a list holds the URLs of all the list's pages
 * (`pageUrls`) but shows only a few of them (`pageLinks`, which the signature keeps).
 */
const IGNORED_KEYS = new Set(["pageUrls"]);

const MANIFEST_PREFIX = "pages-";

/**
 * Reads every manifest part in `cacheDir` (one per shard of the builds that wrote them; where
 * two describe one file, the newer part wins). A corrupt part is skipped and named.
 */
export async function readPageManifest(
  cacheDir: string,
): Promise<{ manifest: PageManifest; skipped: string[]; globals: Set<string> }> {
  const manifest: PageManifest = new Map();
  const skipped: string[] = [];
  /** The global digests the parts were written under (`globalDigest`). */
  const globals = new Set<string>();
  const parts = await Promise.all(
    (await readdir(cacheDir).catch(() => [] as string[]))
      .filter((name) => name.startsWith(MANIFEST_PREFIX) && name.endsWith(".json"))
      .map(async (name) => ({ name, modified: (await stat(path.join(cacheDir, name))).mtimeMs })),
  );
  const names = parts.sort((a, b) => a.modified - b.modified || (a.name < b.name ? -1 : 1)).map(({ name }) => name);
  for (const name of names) {
    try {
      const part = JSON.parse(await readFile(path.join(cacheDir, name), "utf8")) as {
        format?: unknown;
        global?: unknown;
        pages?: Record<string, CachedPage>;
      };
      if (part.format !== PAGE_CACHE_FORMAT || typeof part.pages !== "object" || part.pages === null)
        throw new Error("not a page cache of this version");
      if (typeof part.global === "string") globals.add(part.global);
      for (const [file, entry] of Object.entries(part.pages)) if (isCachedPage(entry)) manifest.set(file, entry);
    } catch {
      skipped.push(name);
    }
  }
  return { manifest, skipped, globals };
}

function isCachedPage(value: unknown): value is CachedPage {
  return isFileIdentity(value) && typeof (value as { signature?: unknown }).signature === "string";
}

/** The manifest part of one shard (`index` of `count`). */
export function manifestPartName(index: number, count: number): string {
  return `${MANIFEST_PREFIX}${index + 1}-of-${count}.json`;
}

/**
 * Writes one shard's part of the manifest, atomically, with the global digest its pages were
 * signed under (a build can tell from it alone that every page will be rendered). A build in one process also removes the
 * parts of builds split another way (its own part now describes every page); a shard of a
 * parallel build cannot know when its siblings have read them, so it leaves them.
 */
export async function writePageManifest(
  cacheDir: string,
  shard: { index: number; count: number },
  pages: PageManifest,
  global: string,
): Promise<void> {
  const name = manifestPartName(shard.index, shard.count);
  const sorted = Object.fromEntries([...pages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  await writeFileAtomically(
    path.join(cacheDir, name),
    JSON.stringify({ format: PAGE_CACHE_FORMAT, global, pages: sorted }),
  );
  if (shard.count !== 1) return;
  for (const other of await readdir(cacheDir))
    if (other.startsWith(MANIFEST_PREFIX) && other.endsWith(".json") && other !== name)
      await rm(path.join(cacheDir, other), { force: true });
}

const FILES_IN_FLIGHT = 32;

/** The SHA-256 of each file Eleventy wrote, by output path (hashed here so no copy of the content is kept). */
export function contentHashes(
  output: string,
  results: ReadonlyArray<{ outputPath: string | false; content: string }>,
): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const { outputPath, content } of results)
    if (outputPath) hashes.set(path.relative(output, outputPath).split(path.sep).join("/"), sha256(content));
  return hashes;
}

/**
 * One build's use of the page cache: `choose` splits the pages into those to render and those
 * the previous site already holds; `finish` links the reused files into the new output and
 * describes every file of this shard for the next build.
 */
export class PageReuse {
  private readonly reused = new Map<string, CachedPage>();
  private readonly signatures = new Map<string, string>();
  /** The thread linking reused files into the new output, and the files handed to it, in order. */
  private linking: { output: string; thread: LinkingThread; files: string[] } | undefined;
  /** Pages rendered and reused, for the build's summary and the bench. */
  readonly counts = { rendered: 0, reused: 0 };
  /** The previous site's files as they are now (`identityKey`), read on a thread while the build goes on. */
  private readonly current: Promise<Map<string, string | undefined>> | undefined;

  constructor(
    private readonly previous: PageManifest,
    private readonly previousOutput: string | undefined,
  ) {
    if (previousOutput === undefined || previous.size === 0) return;
    const files = [...previous.keys()];
    this.current = identifyFilesInBackground(files.map((file) => path.join(previousOutput, file))).then(
      (keys) => new Map(files.map((file, index) => [file, keys[index]])),
      () => new Map(), // each file is then looked at by `choose` itself
    );
  }

  /** The items to render; the others are reused. `file` is an item's output path, `signature` its signature. */
  async choose<T>(items: readonly T[], file: (item: T) => string, signature: (item: T) => string): Promise<T[]> {
    const identities = await this.current;
    const render = new Array<boolean>(items.length);
    // Most pages are decided here, without waiting: their file is the one the thread identified.
    const unsure: Array<[index: number, output: string, entry: CachedPage]> = [];
    items.forEach((item, index) => {
      const output = file(item);
      const signed = signature(item);
      this.signatures.set(output, signed);
      const entry = this.previous.get(output);
      render[index] = !this.previousOutput || entry?.signature !== signed;
      if (render[index] || !entry) return;
      if (identities?.get(output) === identityKey(entry)) this.reused.set(output, entry);
      else unsure.push([index, output, entry]);
    });
    await mapConcurrently(unsure, FILES_IN_FLIGHT, async ([index, output, entry]) => {
      const current = await stillTheSame(path.join(this.previousOutput as string, output), entry);
      if (current) this.reused.set(output, current);
      else render[index] = true;
    });
    const rendered = items.filter((_, index) => render[index]);
    this.counts.rendered += rendered.length;
    this.counts.reused += items.length - rendered.length;
    if (this.linking) this.hand(items.filter((_, index) => !render[index]).map(file));
    return rendered;
  }

  /** Whether the page at output path `file` is reused from the previous site. */
  isReused(file: string): boolean {
    return this.reused.has(file);
  }

  /**
   * Links (or, across file systems, copies) the reused files into `output` on a thread of its
   * own: those chosen so far at once, the others as soon as `choose` picks them, while the build
   * goes on choosing and rendering. The thread starts by making the folders of the previous
   * site's pages (those left empty are removed by `finish`), so a build calls this as soon as it
   * has read the manifest, with a thread it started before (`thread`): one a failed build has
   * stopped meanwhile (`linkingSettled`) makes nothing.
   */
  linkInto(output: string, thread = new LinkingThread()): void {
    void this.linking?.thread.stop(); // into another output: that one is not finished
    const target = path.resolve(output);
    this.linking = { output: target, thread, files: [] };
    // The folders of the previous site's pages, made before the pages are chosen: most are reused
    // (none when that site is not there: a build into a new folder renders every page).
    if (this.previousOutput !== undefined && existsSync(this.previousOutput))
      this.linking.thread.makeFolders(
        [...new Set([...this.previous.keys()].map((file) => path.dirname(file)))].map((folder) =>
          path.join(target, folder),
        ),
      );
    this.hand([...this.reused.keys()]);
  }

  private hand(files: readonly string[]): void {
    const { output, thread, files: handed } = this.linking as NonNullable<PageReuse["linking"]>;
    handed.push(...files);
    thread.add(files.map((file) => [path.join(this.previousOutput as string, file), path.join(output, file)] as const));
  }

  /**
   * Waits for the reused files to be in `output` (linking them now if `linkInto` was not
   * called), and returns the manifest of every file this build signed: reused ones as they are
   * (a copy with its own identity), rendered ones from `rendered` (the SHA-256 of their content
   * by output path; see `contentHashes`).
   */
  async finish(output: string, rendered: ReadonlyMap<string, string>): Promise<PageManifest> {
    if (this.linking?.output !== path.resolve(output)) this.linkInto(output);
    const { thread, files } = this.linking as NonNullable<PageReuse["linking"]>;
    const copied = new Set((await thread.finish()).map((index) => files[index]));
    const manifest: PageManifest = new Map();
    await mapConcurrently([...this.reused], FILES_IN_FLIGHT, async ([file, entry]) => {
      // A link is the same file (inode, size, modification time): its entry stands as it is.
      manifest.set(
        file,
        copied.has(file)
          ? { ...(await identify(path.join(output, file), entry.sha256)), signature: entry.signature }
          : entry,
      );
    });
    await mapConcurrently([...this.signatures], FILES_IN_FLIGHT, async ([file, signature]) => {
      const sha = rendered.get(file);
      if (this.reused.has(file) || sha === undefined) return;
      manifest.set(file, { ...(await identify(path.join(output, file), sha)), signature });
    });
    return manifest;
  }
}

/** Set to `off` to render every page (`npm run build -- --verify` builds its clean copy so). */
export const PAGE_CACHE_VARIABLE = "DATELINE_PAGE_CACHE";

export function pageCacheEnabled(): boolean {
  return process.env[PAGE_CACHE_VARIABLE] !== "off";
}
