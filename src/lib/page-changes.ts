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
  private next = new Map<string, string>();

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
    const replacer = (_key: string, value: unknown) => (value !== null && typeof value === "object" && this.versions.has(value) ? `#${this.versions.get(value)}` : value);
    const changed: T[] = [];
    for (const page of pages) {
      const key = url(page);
      const signature = `${site}\n${JSON.stringify(page, replacer)}`;
      if (this.previous.get(key) !== signature) changed.push(page);
      this.next.set(key, signature);
    }
    return changed;
  }

  /** Ends a build: its signatures become the ones the next build compares with. */
  commit(): void {
    this.previous = this.next;
    this.next = new Map();
  }

  /** Starts afresh: the next build renders every page (a layout or setting changed). */
  reset(): void {
    this.previous = new Map();
    this.next = new Map();
  }
}
