import { mkdirSync, readFileSync } from "node:fs";
import { readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { sha256 } from "../core/file-identity.ts";
import type { ArticleSource } from "./articles.ts";
import { renderArticleBody } from "./markdown.ts";

/**
 * HTML a build rendered, kept in the build cache (`.cache/build/rendered/<code>/`) for the next:
 * article bodies by the SHA-256 of their Markdown, feed items by a key of everything they draw.
 * One folder per version of the code that renders them (`codeDigest`: Dateline's code and the
 * packages it runs on). A build then renders only what no earlier build rendered: a new
 * release's body, not the fifty items of each feed it changes nor the thousands of bodies of a
 * search segment it joins. Each file starts with the hash of the HTML after it, so a damaged
 * file is rendered again, never served.
 */
export const RENDERED_HTML_FOLDER = "rendered";

/**
 * Files written at once. A feed renders its fifty items at once, and a large site's feeds
 * thousands: one open file each would run out of file handles (EMFILE).
 */
const WRITES_IN_FLIGHT = 8;

/**
 * New pieces one process keeps per build. A first build (or one after Dateline changed) renders
 * every body: writing them all cost 11 s more at 10 000 articles (54 s instead of 43), more than
 * later builds win back. Kept a few thousand at a time, the cache fills over the next builds, and
 * what a build renders again is mostly what it kept the build before (feed items, new bodies).
 */
export const KEPT_PER_BUILD = 2_000;

export class RenderedHtml {
  /** Writes waiting or going on, by file, so the same HTML is not written twice at once. */
  private readonly writing = new Map<string, Promise<void>>();
  /** Writes waiting for one of the `WRITES_IN_FLIGHT`. */
  private readonly queue: Array<() => void> = [];
  private inFlight = 0;
  private kept = 0;
  private folderMade = false;

  private constructor(
    private readonly folder: string,
    private readonly readOnly: boolean,
  ) {}

  /**
   * The HTML rendered by the code of `codeDigest` under `cacheDir`. The folders of other
   * versions are removed meanwhile: nothing could use them again. `readOnly`: renders what it
   * lacks without keeping it (the search indexer of a first build, which renders every body
   * beside the build's own process).
   */
  static open(cacheDir: string, codeDigest: string, { readOnly = false } = {}): RenderedHtml {
    const root = path.join(cacheDir, RENDERED_HTML_FOLDER);
    const version = codeDigest.slice(0, 16);
    if (readOnly) return new RenderedHtml(path.join(root, version), true);
    void readdir(root)
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name !== version)
            .map((name) => rm(path.join(root, name), { recursive: true, force: true })),
        ),
      )
      .catch(() => undefined); // nothing there, or already gone: it only takes room
    return new RenderedHtml(path.join(root, version), false);
  }

  /**
   * The sanitized HTML of the article body `markdown` (`renderArticleBody`); kept unless `keep`
   * is false (a body an article page asks for: that page is rendered again only when it changed).
   */
  body(markdown: string, options: { keep?: boolean } = {}): string {
    return this.bodyOf({ body: markdown, bodySha256: sha256(markdown) }, options);
  }

  /**
   * `body` for an article's source, by the hash it carries: its Markdown (which the build
   * cache reads only when asked for) is read only when the HTML is not kept.
   */
  bodyOf(source: Pick<ArticleSource, "body" | "bodySha256">, { keep = true } = {}): string {
    const file = this.fileOf(source.bodySha256);
    const kept = readKept(file);
    if (kept !== undefined) return kept;
    const html = renderArticleBody(source.body);
    if (keep) this.keep(file, html);
    return html;
  }

  /** The HTML `render` makes, kept under `key`: a hash of everything that HTML is made from. */
  async cached(key: string, render: () => Promise<string>): Promise<string> {
    const file = this.fileOf(key);
    const kept = readKept(file);
    if (kept !== undefined) return kept;
    const html = await render();
    this.keep(file, html);
    return html;
  }

  /** Waits for the HTML being written. */
  async settled(): Promise<void> {
    await Promise.all(this.writing.values());
  }

  private fileOf(key: string): string {
    return path.join(this.folder, `${key}.html`);
  }

  private keep(file: string, html: string): void {
    if (this.readOnly || this.writing.has(file) || this.kept >= KEPT_PER_BUILD) return;
    this.kept++;
    const written = this.write(file, html).catch(() => undefined); // a full disk only costs time
    this.writing.set(file, written);
    void written.finally(() => this.writing.delete(file));
  }

  private async write(file: string, html: string): Promise<void> {
    // A write that ends hands its place to the next waiting.
    if (this.inFlight < WRITES_IN_FLIGHT) this.inFlight++;
    else await new Promise<void>((start) => this.queue.push(start));
    try {
      if (!this.folderMade) {
        mkdirSync(this.folder, { recursive: true });
        this.folderMade = true;
      }
      // Into place whole: another process of the build may read it at any moment.
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, `${sha256(html)}\n${html}`);
      await rename(temporary, file);
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.inFlight--;
    }
  }
}

/** The HTML a file holds, or undefined when there is none or it is damaged. */
function readKept(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const newline = text.indexOf("\n");
  if (newline !== 64) return undefined;
  const html = text.slice(newline + 1);
  return sha256(html) === text.slice(0, newline) ? html : undefined;
}
