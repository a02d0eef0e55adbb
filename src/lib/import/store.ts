import { createHash } from "node:crypto";
import { link, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DateTime } from "luxon";
import { stringify } from "yaml";
import { articleUrl, findMarkdownFiles } from "../content/articles.ts";
import { parseArticleDate } from "../core/dates.ts";
import { isPlainRecord } from "../core/fields.ts";
import { parseFrontMatter } from "../content/front-matter.ts";
import { slugify } from "../core/slug.ts";

/** What the importer needs to know about an article already in `articles/`. */
export interface ExistingArticle {
  absolute: string;
  text: string;
  guid?: string;
  /** The hash the importer wrote; absent in files written by hand. */
  importHash?: string;
  revision?: string;
  title?: string;
  date?: DateTime;
  companies: string[];
  url?: string;
}

const HASH_LINE = /^([ \t]*hash:[ \t]*)["']?sha256-[0-9a-f]{64}["']?[ \t]*$/m;
const HASH_PLACEHOLDER = `sha256-${"0".repeat(64)}`;

/**
 * Reads every article's identity. A file with broken front matter is still listed (its
 * name and URL stay taken) but matches no release.
 */
export async function scanExistingArticles(articlesDir: string, timeZone: string): Promise<ExistingArticle[]> {
  const articles: ExistingArticle[] = [];
  for (const absolute of await findMarkdownFiles(articlesDir)) {
    const text = await readFile(absolute, "utf8");
    const parsed = parseFrontMatter(text, absolute);
    const article: ExistingArticle = { absolute, text, companies: [] };
    if (!Array.isArray(parsed)) {
      const data = parsed.data;
      if (typeof data.guid === "string") article.guid = data.guid.trim();
      if (typeof data.title === "string") article.title = data.title;
      const date = typeof data.date === "string" ? parseArticleDate(data.date, timeZone) : undefined;
      if (date) {
        article.date = date;
        article.url = articleUrl(date, slugify(path.basename(absolute, ".md")));
      }
      if (Array.isArray(data.companies))
        article.companies = data.companies.filter((name): name is string => typeof name === "string");
      if (isPlainRecord(data.imported)) {
        if (typeof data.imported.hash === "string") article.importHash = data.imported.hash;
        if (typeof data.imported.revision === "string") article.revision = data.imported.revision;
      }
    }
    articles.push(article);
  }
  return articles;
}

/** The hash of a file's text with its own hash left out. */
export function contentHash(text: string): string {
  const digest = createHash("sha256").update(text.replace(HASH_LINE, "$1")).digest("hex");
  return `sha256-${digest}`;
}

/** True when the file is no longer exactly what the importer wrote. */
export function editedSinceImport(article: ExistingArticle): boolean {
  return article.importHash === undefined || contentHash(article.text) !== article.importHash;
}

/**
 * An article file: front matter written by a YAML serializer (never by string pasting, so
 * `:`, quotes, `#`, `{{` and leading zeros survive), the body, and the importer's hash.
 */
export function serializeArticle(fields: Record<string, unknown>, body: string, revision: string | undefined): string {
  const imported = revision === undefined ? { hash: HASH_PLACEHOLDER } : { hash: HASH_PLACEHOLDER, revision };
  const frontMatter = stringify(
    { ...fields, imported },
    { lineWidth: 0, defaultStringType: "PLAIN", defaultKeyType: "PLAIN" },
  );
  const draft = `---\n${frontMatter}---\n${body.trim()}\n`;
  return draft.replace(HASH_PLACEHOLDER, contentHash(draft));
}

/** Writes through a temporary file and a rename: a reader never sees half a file. */
export async function writeFileAtomic(
  file: string,
  data: string | Buffer,
  options: { exclusive?: boolean } = {},
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await writeFile(temporary, data);
  try {
    if (options.exclusive) {
      // link() fails when the name is taken: a new file never replaces one that appeared meanwhile.
      await link(temporary, file);
      await rm(temporary);
    } else {
      await rename(temporary, file);
    }
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** A free `articles/YYYY/MM/<slug>.md` for a new release: neither the file nor its URL taken. */
export function newArticlePath(
  articlesDir: string,
  title: string,
  date: DateTime,
  taken: { files: Set<string>; urls: Set<string> },
): string {
  const folder = path.join(articlesDir, String(date.year), String(date.month).padStart(2, "0"));
  const base = slugify(title);
  for (let attempt = 1; ; attempt++) {
    const slug = attempt === 1 ? base : `${base}-${attempt}`;
    const file = path.join(folder, `${slug}.md`);
    if (!taken.files.has(file) && !taken.urls.has(articleUrl(date, slug))) return file;
  }
}
