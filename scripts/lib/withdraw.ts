import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DateTime } from "luxon";
import { stringify } from "yaml";
import { readArticleSources, type ArticleSource, type ReadArticlesOptions } from "../../src/lib/content/articles.ts";
import { parseFrontMatter } from "../../src/lib/content/front-matter.ts";
import { WITHDRAWN_RECORD_FIELDS, withdrawnRecord } from "../../src/lib/content/withdrawal-record.ts";
import { formatIsoDateTime } from "../../src/lib/core/dates.ts";
import { UserError } from "../../src/lib/core/problems.ts";

export interface WithdrawOptions extends Omit<ReadArticlesOptions, "now"> {
  /** A file path, the wire's guid, or the article's URL (absolute or a site path). */
  target: string;
  reason: string;
  now: DateTime;
}

export interface WithdrawResult {
  file: string;
  url: string;
  /** What the command changed in the file, one line each. */
  changed: string[];
  /** What the next build removes from the site, one line each. */
  nextBuild: string[];
}

/**
 * Withdraws one article: its file keeps a small record (headline, date, dateline, partner,
 * guid, original link) and `withdrawn: { date, reason }`; the release's text, summary, photos
 * and directory terms go. The next build answers its URL with 410 Gone and shows it nowhere.
 */
export async function withdrawArticle(options: WithdrawOptions): Promise<WithdrawResult> {
  const reason = options.reason.trim();
  if (!reason)
    throw new UserError('--reason: expected why it is withdrawn, such as "takedown request from the issuer"');
  const { sources, problems } = await readArticleSources(options);
  const source = findArticle(sources, options.target, options.displayRoot);
  if (!source) {
    const broken = problems.find(
      (problem) => path.resolve(options.displayRoot, problem.file) === path.resolve(options.target),
    );
    throw new UserError(
      broken
        ? `${broken.file}: cannot withdraw a file with problems; fix them first (\`${broken.field}\`: expected ${broken.expected}, found ${broken.found})`
        : `No article matches ${JSON.stringify(options.target)}: expected an article file, the wire's guid, or the article's URL`,
    );
  }
  if (source.status === "withdrawn") throw new UserError(`${source.file} is already withdrawn`);

  const text = await readFile(source.absolute, "utf8");
  const parsed = parseFrontMatter(text, source.file);
  if (Array.isArray(parsed)) throw new UserError(`${source.file}: cannot read its front matter`);
  const { fields: kept, dropped } = withdrawnRecord(parsed.data, {
    date: formatIsoDateTime(options.now.startOf("second")),
    reason,
  });
  const temporary = `${source.absolute}.withdraw-${process.pid}`;
  await writeFile(temporary, `---\n${stringify(kept, { lineWidth: 0 })}---\n`);
  await rename(temporary, source.absolute);

  const photos = source.fields.images.map((image) => image.src);
  const bodyWords = parsed.body.split(/\s+/).filter(Boolean).length;
  const terms = Object.values(source.fields.terms).flat();
  return {
    file: source.file,
    url: source.url,
    changed: [
      `removed the release's text (${bodyWords} words)${dropped.length ? ` and ${dropped.join(", ")}` : ""}`,
      `kept a record: ${WITHDRAWN_RECORD_FIELDS.filter((field) => kept[field] !== undefined).join(", ")}`,
      `added withdrawn: { date: ${String((kept.withdrawn as { date: string }).date)}, reason: ${JSON.stringify(reason)} }`,
      ...(photos.length
        ? [`its photos are no longer used: ${photos.join(", ")} (delete them too if the request covers them)`]
        : []),
    ],
    nextBuild: [
      `${source.url} answers 410 Gone with a short notice (rules in _redirects for Netlify and _dateline/nginx-rules.conf for nginx; a noindex notice page elsewhere)`,
      `removed from the home page, the archive, its partner's page${terms.length ? ` and its ${terms.length} directory terms (${terms.join(", ")})` : ""}`,
      "removed from every feed, the sitemaps and the news sitemap, the search index and related-release boxes",
      "the syndication audit fails the build if any of its text is still found",
    ],
  };
}

function findArticle(sources: readonly ArticleSource[], target: string, root: string): ArticleSource | undefined {
  const asFile = path.resolve(root, target);
  const sitePath = (() => {
    try {
      return /^https?:\/\//i.test(target) ? new URL(target).pathname : target;
    } catch {
      return target;
    }
  })();
  const withSlash = sitePath.endsWith("/") ? sitePath : `${sitePath}/`;
  return (
    sources.find((source) => source.absolute === asFile) ??
    sources.find((source) => source.fields.guid === target) ??
    sources.find((source) => source.url === withSlash)
  );
}
