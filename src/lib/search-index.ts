import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { decodeHTML } from "entities";
import * as pagefind from "pagefind";
import { articleDateline, type Article } from "./articles.ts";
import { mapConcurrently } from "./concurrency.ts";

const RECORDS_IN_FLIGHT = 64;

export interface SearchRecord {
  url: string;
  content: string;
  language: string;
  meta: { title: string };
  filters: Record<string, string[]>;
}

/**
 * What search knows of an article: headline, summary, dateline, photo captions and body text,
 * and the filters (partner, category, region, year). Navigation, footers and disclaimers are
 * not part of it.
 */
export type SearchableArticle = Pick<Article, "url" | "title" | "summary" | "dateline" | "date" | "partner" | "categories" | "bodyHtml"> & {
  photos: ReadonlyArray<{ caption?: string | undefined; credit?: string | undefined }>;
};

export function searchRecord(article: SearchableArticle, language: string): SearchRecord {
  const captions = article.photos.map((photo) => [photo.caption, photo.credit].filter(Boolean).join(" "));
  const body = decodeHTML(article.bodyHtml.replace(/<[^>]*>/g, " "));
  const content = [article.title, article.summary ?? "", articleDateline(article), ...captions, body].join("\n").replace(/[ \t]+/g, " ");
  return {
    url: article.url,
    content,
    language,
    meta: { title: article.title },
    filters: {
      partner: [article.partner.name],
      category: article.categories,
      ...(article.dateline.country ? { region: [article.dateline.country] } : {}),
      year: [String(article.date.year)],
    },
  };
}

/**
 * Builds the search index with Pagefind (a process of its own) from `items`, each turned into
 * its record by `toRecord`, and writes it into `folder`. Resolves when it is written.
 */
export async function writeSearchIndex<T>(items: readonly T[], toRecord: (item: T) => SearchRecord, folder: string): Promise<void> {
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    // A bounded number of records in flight, each made just before it is sent: handing
    // Pagefind 100 000 records at once queued them all, encoded, in memory (4 GiB, out of heap).
    const added = await mapConcurrently(items, RECORDS_IN_FLIGHT, (item) => index.addCustomRecord(toRecord(item)));
    const failed = added.flatMap((response) => response.errors);
    if (failed.length > 0) throw new Error(`Pagefind could not index: ${failed.slice(0, 5).join("; ")}`);
    // Pagefind's own writer starts hundreds of threads that fight the build's writes for the
    // disk (a 10 000-article index took 19 s beside Eleventy); one file at a time takes 0.5 s.
    const built = await index.getFiles();
    if (built.errors.length > 0) throw new Error(`Pagefind could not build its index: ${built.errors.join("; ")}`);
    await writeIndexFiles(folder, built.files);
  } finally {
    await closeSearchIndex();
  }
}

/** Writes Pagefind's files into `folder`, one at a time, never outside it. */
export async function writeIndexFiles(folder: string, files: ReadonlyArray<{ path: string; content: Uint8Array }>): Promise<void> {
  const made = new Set<string>();
  for (const file of files) {
    const target = path.join(folder, file.path);
    if (path.relative(folder, target).startsWith("..")) throw new Error(`Pagefind asked to write outside its folder: ${file.path}`);
    const parent = path.dirname(target);
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true });
      made.add(parent);
    }
    await writeFile(target, file.content);
  }
}

/** Stops Pagefind's process (also after a failure, so nothing keeps the process alive). */
function closeSearchIndex(): Promise<unknown> {
  return pagefind.close();
}
