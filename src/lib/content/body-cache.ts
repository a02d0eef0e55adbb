import { mkdirSync, readFileSync } from "node:fs";
import { readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { sha256 } from "../core/file-identity.ts";
import { renderArticleBody } from "./markdown.ts";

/**
 * Rendered article bodies in the build cache (`.cache/build/bodies/<code>/`), one file per body,
 * named by the SHA-256 of its Markdown, in a folder per version of the code that renders them
 * (`codeDigest`: Dateline's code and the packages it runs on). A build renders again only the
 * bodies it has not rendered before: a new release's, not the fifty in each feed it changes nor
 * the thousands of a search segment it joins. Each file starts with the hash of the HTML after
 * it, so a damaged file is rendered again, never served.
 */
export const BODY_CACHE_FOLDER = "bodies";

export class RenderedBodies {
  /** Writes still going on, by file, so the same body is not written twice at once. */
  private readonly writing = new Map<string, Promise<void>>();
  private folderMade = false;

  private constructor(
    private readonly folder: string,
    private readonly readOnly: boolean,
  ) {}

  /**
   * The bodies rendered by the code of `codeDigest` under `cacheDir`. The folders of other
   * versions are removed meanwhile: nothing could use them again. `readOnly`: a process beside
   * the one that renders the pages (the search indexer) renders what it lacks without keeping
   * it, so that a first build does not write every body twice.
   */
  static open(cacheDir: string, codeDigest: string, { readOnly = false } = {}): RenderedBodies {
    const root = path.join(cacheDir, BODY_CACHE_FOLDER);
    const version = codeDigest.slice(0, 16);
    if (readOnly) return new RenderedBodies(path.join(root, version), true);
    void readdir(root)
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name !== version)
            .map((name) => rm(path.join(root, name), { recursive: true, force: true })),
        ),
      )
      .catch(() => undefined); // nothing there, or already gone: it only takes room
    return new RenderedBodies(path.join(root, version), false);
  }

  /** The sanitized HTML of the body `markdown` (`renderArticleBody`), rendered only if no file holds it. */
  render(markdown: string): string {
    const file = path.join(this.folder, `${sha256(markdown)}.html`);
    const kept = readKept(file);
    if (kept !== undefined) return kept;
    const html = renderArticleBody(markdown);
    if (!this.readOnly && !this.writing.has(file)) {
      const written = this.keep(file, html).catch(() => undefined); // a full disk only costs time
      this.writing.set(file, written);
      void written.finally(() => this.writing.delete(file));
    }
    return html;
  }

  /** Waits for the bodies being written. */
  async settled(): Promise<void> {
    await Promise.all(this.writing.values());
  }

  private async keep(file: string, html: string): Promise<void> {
    if (!this.folderMade) {
      mkdirSync(this.folder, { recursive: true });
      this.folderMade = true;
    }
    // Into place whole: another process of the build may read it at any moment.
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, `${sha256(html)}\n${html}`);
    await rename(temporary, file);
  }
}

/** The HTML a body file holds, or undefined when there is none or it is damaged. */
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
