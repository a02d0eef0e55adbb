import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Article } from "../content/articles.ts";
import type { Problem } from "../core/problems.ts";
import type { Withdrawal } from "./withdrawals.ts";

/**
 * No published URL disappears silently. Each build writes the URLs it published
 * (`_dateline/published.json`); the next build compares: an article URL that is neither an
 * article, an alias (`aliases:` in front matter, redirected with 301) nor a withdrawal (410) any
 * more stops the build, naming it and saying how to keep it or let it go.
 */
export const PUBLISHED_MANIFEST_PATH = "/_dateline/published.json";

export interface PublishedManifest {
  /** Article URL → its file and guid, as that build published them. */
  articles: Record<string, { file: string; guid?: string }>;
}

export interface Redirect {
  from: string;
  to: string;
  file: string;
}

/** The manifest the site in `outputDir` was built with, if it has one (a first build has none). */
export async function readPublishedManifest(outputDir: string): Promise<PublishedManifest | undefined> {
  const text = await readFile(path.join(outputDir, PUBLISHED_MANIFEST_PATH), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as PublishedManifest;
    return parsed && typeof parsed.articles === "object" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The permanent redirects articles ask for with `aliases`, oldest URL first. */
export function redirectsOf(articles: readonly Article[]): Redirect[] {
  return articles
    .flatMap((article) => article.aliases.map((from) => ({ from, to: article.url, file: article.file })))
    .sort((a, b) => a.from.localeCompare(b.from));
}

export function publishedManifest(articles: readonly Article[]): string {
  const entries = [...articles]
    .sort((a, b) => a.url.localeCompare(b.url))
    .map((article): [string, { file: string; guid?: string }] => [
      article.url,
      { file: article.file, ...(article.guid ? { guid: article.guid } : {}) },
    ]);
  return `${JSON.stringify({ articles: Object.fromEntries(entries) } satisfies PublishedManifest, null, 1)}\n`;
}

/**
 * The previously published URLs this build would drop: one problem each, saying where the
 * release went when its guid is still here, and the three ways out. `allowed` lists URLs the
 * operator said to let go (`all` lets every one go).
 */
export function droppedUrls(
  previous: PublishedManifest,
  current: { articles: readonly Article[]; redirects: readonly Redirect[]; withdrawals: readonly Withdrawal[] },
  allowed: readonly string[],
): Problem[] {
  if (allowed.includes("all")) return [];
  const kept = new Set([
    ...current.articles.map((article) => article.url),
    ...current.redirects.map((redirect) => redirect.from),
    ...current.withdrawals.map((withdrawal) => withdrawal.url),
  ]);
  const byGuid = new Map(current.articles.filter((a) => a.guid).map((article) => [article.guid as string, article]));
  const problems: Problem[] = [];
  for (const [url, { file, guid }] of Object.entries(previous.articles)) {
    if (kept.has(url) || allowed.includes(url)) continue;
    const moved = guid ? byGuid.get(guid) : undefined;
    problems.push({
      file: moved?.file ?? file,
      field: moved ? "aliases" : "",
      expected: moved
        ? `the URL it was published at kept: add \`aliases: [${url}]\` to ${moved.file} (its release moved to ${moved.url}), or let it go with --allow-removed ${url}`
        : `every published URL kept: withdraw it (npm run withdraw), redirect it (\`aliases: [${url}]\` in the article that replaces it), or let it go with --allow-removed ${url}`,
      found: `${url}, published by the last build from ${file}, is gone`,
    });
  }
  return problems;
}
