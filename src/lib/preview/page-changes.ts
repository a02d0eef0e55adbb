import { createHash } from "node:crypto";

/**
 * Which pages a preview build must render again. Each page gets a signature: the JSON of what
 * the page draws, with every article written as the version of its object (an article object
 * is rebuilt only when its file changes, see `ArticleFileCache`), plus a site-wide part. A page
 * whose signature is the one it had in the previous build is already on disk as it should be.
 */
export class PageChanges {
  private readonly versions = new WeakMap<object, number>();
  private nextVersion = 0;
  private previous = new Map<string, string>();
  private next: Map<string, string> | undefined;

  /** Starts a build; signatures of a build that fails are never compared with. */
  start(): void {
    this.next = new Map();
  }

  /**
   * The pages whose signature differs from the previous build's (all of them the first time).
   * `site` is what every page depends on besides its own data (term URLs, for one).
   */
  select<T>(pages: readonly T[], url: (page: T) => string, articles: readonly object[], site: string): T[] {
    for (const article of articles) if (!this.versions.has(article)) this.versions.set(article, this.nextVersion++);
    const token = (value: unknown) =>
      value !== null && typeof value === "object" ? this.versions.get(value) : undefined;
    // Articles sit at the top of a page (`article`, `articles`): swapped for their versions there,
    // the rest is left to the native JSON.stringify (a replacer function was 4× slower).
    const shallow = (page: object) => {
      const copy: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(page)) {
        // Every page of a list holds the URLs of all its pages but draws only a few (pageLinks).
        if (key === "pageUrls") continue;
        const version = token(value);
        if (version !== undefined) copy[key] = `#${version}`;
        else if (Array.isArray(value) && token(value[0]) !== undefined)
          copy[key] = value.map((item) => token(item) ?? item);
        else copy[key] = value;
      }
      return copy;
    };
    const changed: T[] = [];
    // A digest, not the text: the site-wide part is tens of KB, and every page's signature has it.
    const siteDigest = createHash("sha256").update(site).digest("base64");
    for (const page of pages) {
      const key = url(page);
      const signature = `${siteDigest}\n${JSON.stringify(shallow(page as object))}`;
      if (this.previous.get(key) !== signature) changed.push(page);
      this.next?.set(key, signature);
    }
    return changed;
  }

  /**
   * Ends a build: its signatures become the ones the next build compares with. A build that
   * selected nothing (Eleventy reused its data) leaves them as they were.
   */
  commit(): void {
    if (this.next) this.previous = this.next;
    this.next = undefined;
  }

  /** Starts afresh: the next build renders every page (a layout or setting changed). */
  reset(): void {
    this.previous = new Map();
    this.next = undefined;
  }
}
