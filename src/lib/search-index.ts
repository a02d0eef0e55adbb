import * as pagefind from "pagefind";

/**
 * Indexes a built site with Pagefind and writes the index and its UI into `<siteDir>/pagefind/`.
 * Only article pages mark their content with `data-pagefind-body`, so lists, navigation,
 * footers and disclaimers stay out of the index. Returns the number of pages indexed.
 */
export async function buildSearchIndex(siteDir: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${siteDir}: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: `${siteDir}/pagefind` });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}
