import { decodeHTML } from "entities";
import * as pagefind from "pagefind";
import { articleDateline, type Article } from "./articles.ts";

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
export function searchRecord(article: Article, language: string): SearchRecord {
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
 * Builds the search index from records with Pagefind. Pagefind runs as a process of its own
 * and the index depends only on the records, so the whole index is built and written into
 * `folder` while Eleventy renders, on the other core. Resolves when it is written.
 */
export async function writeSearchIndex(records: SearchRecord[], folder: string): Promise<void> {
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    const added = await Promise.all(records.map((record) => index.addCustomRecord(record)));
    const failed = added.flatMap((response) => response.errors);
    if (failed.length > 0) throw new Error(`Pagefind could not index: ${failed.slice(0, 5).join("; ")}`);
    const written = await index.writeFiles({ outputPath: folder });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
  } finally {
    await closeSearchIndex();
  }
}

/** Stops Pagefind's process (also after a failed build, so nothing keeps the process alive). */
export function closeSearchIndex(): Promise<unknown> {
  return pagefind.close();
}
