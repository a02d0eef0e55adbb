import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface SearchHit {
  url: string;
  title: string;
  filters: Record<string, string[]>;
}

/**
 * Runs a query against a built site's Pagefind index in Node, the way the browser would:
 * it loads Dateline's `pagefind/dateline/pagefind.js` (over Pagefind's), merges the segments the
 * search page lists (`data-merge-index`), and serves its `fetch` calls from the files.
 */
export async function searchBuiltSite(
  siteDir: string,
  query: string | null,
  filters: Record<string, string> = {},
): Promise<SearchHit[]> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith("file:")) return realFetch(input);
    try {
      return new Response(await readFile(fileURLToPath(url)));
    } catch {
      return new Response(null, { status: 404 });
    }
  }) as typeof fetch;
  try {
    // Dateline's module over Pagefind's, as the search page loads it (`bundlePath`); Pagefind's
    // own is one module per site folder, so each site gets its own.
    const entry = pathToFileURL(path.join(siteDir, "pagefind", "dateline", "pagefind.js")).href;
    const pagefind = await import(entry);
    await pagefind.options({ basePath: pathToFileURL(path.join(siteDir, "pagefind")).href + "/", baseUrl: "/" });
    for (const bundle of await mergedBundles(siteDir))
      await pagefind.mergeIndex(pathToFileURL(path.join(siteDir, bundle)).href, { baseUrl: "/" });
    const search = await pagefind.search(query, { filters });
    const hits: SearchHit[] = [];
    for (const result of search.results) {
      const data = await result.data();
      hits.push({ url: data.url, title: data.meta.title, filters: data.filters });
    }
    await pagefind.destroy?.();
    return hits;
  } finally {
    globalThis.fetch = realFetch;
  }
}

/** The segments the built search page asks the browser to merge, as site paths. */
export async function mergedBundles(siteDir: string): Promise<string[]> {
  const page = await readFile(path.join(siteDir, "search", "index.html"), "utf8");
  const listed = /data-merge-index="([^"]*)"/.exec(page);
  if (!listed) throw new Error("The search page has no data-merge-index attribute");
  return listed[1]!.split(" ").filter(Boolean);
}
