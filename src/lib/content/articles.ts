import { statSync, type BigIntStats } from "node:fs";
import { readdir, readFile, readlink, stat } from "node:fs/promises";
import path from "node:path";
import type { PersistentArticleCache } from "./article-cache.ts";
import type { DateTime } from "luxon";
import {
  validateArticleBody,
  validateArticleFields,
  type ArticleFields,
  type ArticleImageFields,
} from "./article-schema.ts";
import { formatDateline } from "../core/dates.ts";
import { renderFigure, renderPicture, type PhotoMetadata, type PhotoRendition } from "../photos/figure.ts";
import { duplicateProblems } from "./duplicates.ts";
import { parseFrontMatter } from "./front-matter.ts";
import { renderArticleBody } from "./markdown.ts";
import { PhotoError } from "../photos/photos.ts";
import type { Section } from "../config/sections.ts";
import type { Partner } from "../config/partners.ts";
import { ProblemsError, type Problem } from "../core/problems.ts";
import { mapConcurrently } from "../core/concurrency.ts";
import { realPathOutside } from "../core/paths.ts";
import { slugify } from "../core/slug.ts";
import { sha256 } from "../core/file-identity.ts";

export const ARTICLE_BYTE_LIMIT = 2 * 1024 * 1024;
const READ_CONCURRENCY = 32;
export const PHOTO_SIZES = "(min-width: 46rem) 44rem, 100vw";
export const THUMBNAIL_SIZES = "(min-width: 46rem) 10rem, 28vw";

export interface ArticlePhoto extends ArticleImageFields {
  /** The complete `<figure>`, built from escaped text and our own URLs. */
  html: string;
  /** The widest rendition in the fallback format, for social cards and structured data. */
  largest: { url: string; width: number; height: number };
  /** The narrowest rendition in the fallback format: a search result's thumbnail. */
  smallest: { url: string; width: number; height: number };
  /** A small lazy `<picture>` for lists; its alt is empty because the headline beside it says it all. */
  thumbnailHtml: string;
}

export type PublicationStatus = "published" | "draft" | "embargoed" | "withdrawn";

/** An article ready for the templates. */
export interface Article extends Omit<ArticleFields, "partner" | "images"> {
  /** Path from the project root, with forward slashes: `articles/2023/10/slug.md`. */
  file: string;
  slug: string;
  /** Site path: `/news/2023/10/slug/`. */
  url: string;
  partner: Partner;
  photos: ArticlePhoto[];
  /** Sanitized HTML of the body, rendered afresh on each read (see loadArticles). */
  readonly bodyHtml: string;
  status: PublicationStatus;
}

export type PhotoProcessor = (file: string) => Promise<{ metadata: PhotoMetadata; files: string[] }>;

export interface LoadArticlesOptions {
  articlesDir: string;
  /** How file paths are shown in messages and `article.file` (usually the project root). */
  displayRoot: string;
  timeZone: string;
  partners: readonly Partner[];
  /** The site's directory sections: each with a field adds a list to the front matter. */
  sections: readonly Section[];
  now: DateTime;
  /** Preview builds show drafts and embargoed articles; production builds never do. */
  includeUnpublished: boolean;
  processPhoto: PhotoProcessor;
  /** Production builds: the articles' part of the build cache (`article-cache.ts`). */
  articleCache?: PersistentArticleCache;
  /** How a body is rendered to HTML (production builds: through the cache of `rendered-html.ts`). */
  renderBody?: (source: ArticleSource) => string;
}

export interface LoadedArticles {
  /** Newest first. */
  articles: Article[];
  /** Every article file read, whatever its status (for the audit). */
  sources: ArticleSource[];
  /** Rendition file names the built articles use. */
  photoFiles: Set<string>;
}

/** An article file that parsed and validated, before its photos and body are rendered. */
export interface ArticleSource {
  fields: ArticleFields;
  /** Path from the project root, with forward slashes. */
  file: string;
  absolute: string;
  /** The Markdown. From the build cache it is read only when asked for (see `article-cache.ts`). */
  body: string;
  /** The SHA-256 of `body`: what the page cache and the search segments know it by, without reading it. */
  bodySha256: string;
  slug: string;
  url: string;
  status: PublicationStatus;
}

export type ReadArticlesOptions = Omit<LoadArticlesOptions, "includeUnpublished" | "processPhoto" | "renderBody">;

/**
 * Reads and validates every article file, whatever its status, and works out its URL.
 * Problems (front matter, fields, duplicate URLs) are collected, not thrown.
 */
export async function readArticleSources(
  options: ReadArticlesOptions,
  cache?: ArticleFileCache,
  persistent?: PersistentArticleCache,
): Promise<{ sources: ArticleSource[]; problems: Problem[] }> {
  const { articlesDir, displayRoot, timeZone, partners, sections, now } = options;
  const partnerIds = partners.map((partner) => partner.id);
  const problems: Problem[] = [];
  const sources: ArticleSource[] = [];

  const { files: absolutes, links } = await scanArticleFolder(articlesDir);
  for (const link of links) problems.push(symbolicLinkProblem(link, await readlink(link), displayRoot));
  const toRead = cache ? absolutes.filter((absolute) => !cache.outcomes.has(absolute)) : absolutes;
  // A file the build cache knows unchanged is not read; the others are, many at once (one at a
  // time, a large site mostly waits on the disk: bench/results/design-measurements.md).
  type Read = { known: FileOutcome } | { text: string | number; info: BigIntStats };
  const fresh = new Map(
    await mapConcurrently(toRead, READ_CONCURRENCY, async (absolute): Promise<[string, Read]> => {
      const info = statSync(absolute, { bigint: true });
      const known = persistent?.recall(absolute, info);
      if (known) return [absolute, { known }];
      const text = info.size > ARTICLE_BYTE_LIMIT ? Number(info.size) : await readFile(absolute, "utf8");
      return [absolute, { text, info }];
    }),
  );
  for (const absolute of absolutes) {
    let outcome = cache?.outcomes.get(absolute);
    if (!outcome) {
      const read = fresh.get(absolute) as Read;
      if ("known" in read) outcome = read.known;
      else {
        const { text, info } = read;
        outcome = typeof text === "string" ? persistent?.lookup(absolute, text, info) : undefined;
        if (!outcome) {
          outcome = readArticleFile(absolute, text, { displayRoot, timeZone, partnerIds, sections });
          if (typeof text === "string") persistent?.remember(absolute, text, info, outcome);
        }
      }
      cache?.outcomes.set(absolute, outcome);
    }
    problems.push(...outcome.problems);
    if (!outcome.source) continue;
    const status = publicationStatus(outcome.source.fields, now);
    // The same object while the file and its status stay the same: preview builds reuse its article.
    if (outcome.status?.status !== status) outcome.status = { status, source: withStatus(outcome.source, status) };
    sources.push(outcome.status.source);
  }
  if (cache) {
    const present = new Set(absolutes);
    for (const absolute of cache.outcomes.keys()) if (!present.has(absolute)) cache.outcomes.delete(absolute);
  }

  const byUrl = new Map<string, string>();
  for (const source of sources) {
    const earlier = byUrl.get(source.url);
    if (earlier !== undefined) {
      problems.push({
        file: source.file,
        field: "",
        expected: `a URL of its own (rename one of the files or change its date)`,
        found: `${source.url}, which ${earlier} also writes`,
      });
    } else {
      byUrl.set(source.url, source.file);
    }
  }
  // An alias redirects an old URL here: it must be nobody's page and nobody else's alias.
  for (const source of sources) {
    source.fields.aliases.forEach((alias, index) => {
      const owner = byUrl.get(alias);
      if (owner === undefined) byUrl.set(alias, source.file);
      else
        problems.push({
          file: source.file,
          field: `aliases[${index}]`,
          expected: "an old URL no article and no other alias uses",
          found: `${alias}, which ${owner === source.file ? "this article itself" : owner} also uses`,
        });
    });
  }
  problems.push(...duplicateProblems(sources));
  return { sources, problems };
}

/** `source` with its status; a body the build cache reads only when asked for stays so (a spread would read it). */
function withStatus(source: Omit<ArticleSource, "status">, status: PublicationStatus): ArticleSource {
  if (!Object.getOwnPropertyDescriptor(source, "body")?.get) return { ...source, status };
  const withIt = Object.defineProperties({}, Object.getOwnPropertyDescriptors(source)) as ArticleSource;
  withIt.status = status;
  return withIt;
}

/** What reading one article file came to: its source, or the problems that stop it. */
export interface FileOutcome {
  problems: Problem[];
  source?: Omit<ArticleSource, "status">;
  status?: { status: PublicationStatus; source: ArticleSource };
}

/** One article file's text (or its size when too large) to a source, or to its problems. */
function readArticleFile(
  absolute: string,
  text: string | number,
  context: { displayRoot: string; timeZone: string; partnerIds: string[]; sections: readonly Section[] },
): FileOutcome {
  const file = path.relative(context.displayRoot, absolute).split(path.sep).join("/");
  if (typeof text === "number") {
    return {
      problems: [
        {
          file,
          field: "",
          expected: `an article of at most ${ARTICLE_BYTE_LIMIT / 1024 / 1024} MB`,
          found: `${(text / 1024 / 1024).toFixed(1)} MB`,
        },
      ],
    };
  }
  const parsed = parseFrontMatter(text, file);
  if (Array.isArray(parsed)) return { problems: parsed };
  const fields = validateArticleFields(parsed.data, {
    file,
    timeZone: context.timeZone,
    partnerIds: context.partnerIds,
    sections: context.sections,
  });
  const bodyProblems = validateArticleBody(parsed.body, file);
  if (!Array.isArray(fields) && fields.withdrawn && parsed.body.trim() !== "")
    bodyProblems.push({
      file,
      field: "withdrawn",
      expected: "no release text in a withdrawn article's file (npm run withdraw removes it)",
      found: `${parsed.body.trim().length} characters of body text`,
    });
  if (Array.isArray(fields)) return { problems: [...fields, ...bodyProblems] };
  if (bodyProblems.length > 0) return { problems: bodyProblems };
  const slug = slugify(path.basename(absolute, path.extname(absolute)));
  return {
    problems: [],
    source: {
      fields,
      file,
      absolute,
      body: parsed.body,
      bodySha256: sha256(parsed.body),
      slug,
      url: articleUrl(fields.date, slug),
    },
  };
}

/**
 * What preview builds remember between builds: each file's outcome and each article, so an
 * edit re-reads and re-renders only what changed, not every file of the site.
 * `forget` takes the files that changed, or nothing to start afresh.
 */
export class ArticleFileCache {
  readonly outcomes = new Map<string, FileOutcome>();
  readonly articles = new WeakMap<ArticleSource, { article: Article; photoFiles: string[] }>();

  forget(files?: Iterable<string>): void {
    if (files === undefined) this.outcomes.clear();
    else for (const file of files) this.outcomes.delete(path.resolve(file));
  }
}

/**
 * Reads, validates and renders every article. Every problem in every file (front matter,
 * fields, duplicate URLs, photos) is collected, and then all are thrown together.
 */
export async function loadArticles(options: LoadArticlesOptions, cache?: ArticleFileCache): Promise<LoadedArticles> {
  const { includeUnpublished, renderBody = (source: ArticleSource) => renderArticleBody(source.body) } = options;
  const partnersById = new Map(options.partners.map((partner) => [partner.id, partner]));
  const { sources, problems } = await readArticleSources(options, cache, options.articleCache);
  await options.articleCache?.save();
  const included = sourcesToBuild(sources, includeUnpublished);

  const photoFiles = new Set<string>();
  const articles = await Promise.all(
    included.map(async (source): Promise<Article> => {
      const known = cache?.articles.get(source);
      if (known) {
        known.photoFiles.forEach((name) => photoFiles.add(name));
        return known.article;
      }
      const { fields, file, absolute, slug, url, status } = source;
      const ownPhotoFiles: string[] = [];
      let failed = false;
      const photos: ArticlePhoto[] = [];
      await Promise.all(
        fields.images.map(async (image, index) => {
          try {
            const photo = path.join(path.dirname(absolute), image.src);
            // A photo that is a link out of the articles folder would publish any image of the machine.
            const outside = await realPathOutside(photo, options.articlesDir);
            if (outside !== undefined) {
              throw new PhotoError(
                "a photo inside the articles folder",
                `a symbolic link to ${outside}, which is outside it`,
              );
            }
            const { metadata, files } = await options.processPhoto(photo);
            files.forEach((name) => photoFiles.add(name));
            ownPhotoFiles.push(...files);
            const html = renderFigure(metadata, { ...image, lead: index === 0, sizes: PHOTO_SIZES });
            const fallback = Object.values(metadata).at(-1) as PhotoRendition[];
            const { url, width, height } = fallback.at(-1) as PhotoRendition;
            const narrowest = fallback[0] as PhotoRendition;
            const smallest = { url: narrowest.url, width: narrowest.width, height: narrowest.height };
            const thumbnailHtml = renderPicture(metadata, { alt: "", sizes: THUMBNAIL_SIZES, loading: "lazy" });
            photos[index] = { ...image, html, largest: { url, width, height }, smallest, thumbnailHtml };
          } catch (error) {
            if (!(error instanceof PhotoError)) throw error;
            failed = true;
            problems.push({
              file,
              field: `images[${index}].src`,
              expected: `${error.expected} at ${JSON.stringify(image.src)}`,
              found: error.found,
            });
          }
        }),
      );
      const { images: _images, partner, ...rest } = fields;
      const article = {
        ...rest,
        file,
        slug,
        url,
        status,
        partner: partnersById.get(partner) as Partner,
        photos,
      } as Article;
      // Rendered when a page, feed or search record asks for it, and not kept: a shard of a
      // parallel build renders only its own pages, and 100 000 bodies need not sit in memory.
      Object.defineProperty(article, "bodyHtml", { enumerable: true, get: () => renderBody(source) });
      if (!failed) cache?.articles.set(source, { article, photoFiles: ownPhotoFiles });
      return article;
    }),
  );

  if (problems.length > 0) {
    const files = new Set(problems.map((problem) => problem.file));
    problems.sort((a, b) => a.file.localeCompare(b.file) || a.field.localeCompare(b.field));
    throw new ProblemsError(
      `Cannot build: ${files.size} article ${files.size === 1 ? "file has" : "files have"} problems`,
      problems,
    );
  }
  return { articles, sources, photoFiles };
}

/**
 * The sources a build turns into pages, in the site's order: newest first, then by URL. The
 * search index is planned from the articles made from them, so it lists the same articles in the
 * same order.
 */
export function sourcesToBuild(sources: readonly ArticleSource[], includeUnpublished: boolean): ArticleSource[] {
  // A withdrawn release is never shown, not even in a preview.
  return sources
    .filter((source) => source.status === "published" || (includeUnpublished && source.status !== "withdrawn"))
    .sort((a, b) => newestFirst({ date: a.fields.date, url: a.url }, { date: b.fields.date, url: b.url }));
}

/** The order of articles everywhere: newest first, then by URL. */
export function newestFirst(a: { date: DateTime; url: string }, b: { date: DateTime; url: string }): number {
  return b.date.toMillis() - a.date.toMillis() || a.url.localeCompare(b.url);
}

/** `/news/2023/10/slug/`, from the date in the site's zone. */
export function articleUrl(date: DateTime, slug: string): string {
  // Plain numbers, not toFormat(): luxon formats with the machine's locale and numbering system.
  return `/news/${date.year}/${String(date.month).padStart(2, "0")}/${slug}/`;
}

export function publicationStatus(
  fields: Pick<ArticleFields, "draft" | "embargo" | "withdrawn">,
  now: DateTime,
): PublicationStatus {
  if (fields.withdrawn) return "withdrawn";
  if (fields.draft) return "draft";
  if (fields.embargo && fields.embargo > now) return "embargoed";
  return "published";
}

/** Every article file under a folder, skipping hidden files and folders, in a stable order. */
export async function findMarkdownFiles(folder: string): Promise<string[]> {
  return (await scanArticleFolder(folder)).files;
}

/**
 * The article files under a folder (hidden files and folders skipped, in a stable order), and
 * the symbolic links to article files or folders, which are never followed: a link could
 * publish any file of the build machine.
 */
async function scanArticleFolder(folder: string): Promise<{ files: string[]; links: string[] }> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { files: [], links: [] };
    throw error;
  }
  const visible = (file: string) =>
    !path
      .relative(folder, file)
      .split(path.sep)
      .some((part) => part.startsWith("."));
  const files: string[] = [];
  const links: string[] = [];
  for (const entry of entries) {
    const absolute = path.join(entry.parentPath, entry.name);
    if (!visible(absolute)) continue;
    if (entry.isFile() && entry.name.endsWith(".md")) files.push(absolute);
    else if (
      entry.isSymbolicLink() &&
      (entry.name.endsWith(".md") || (await stat(absolute).catch(() => undefined))?.isDirectory())
    )
      links.push(absolute);
  }
  return { files: files.sort(), links: links.sort() };
}

function symbolicLinkProblem(absolute: string, target: string, displayRoot: string): Problem {
  return {
    file: path.relative(displayRoot, absolute).split(path.sep).join("/"),
    field: "",
    expected: "an article file or folder, not a symbolic link (links are not followed: copy the file or folder in)",
    found: `a symbolic link to ${target}`,
  };
}

/**
 * The names an article files under a section, as written in its front matter (or its partner's
 * name, or its source's). Regions also get the dateline's country with its city beneath it: the
 * directory adds those itself.
 */
export function sectionNames(
  section: Section,
  article: Pick<Article, "terms" | "partner" | "source">,
): readonly string[] {
  if (section.field !== undefined) return article.terms[section.key] ?? [];
  if (section.key === "partners") return [article.partner.name];
  if (section.key === "sources") return article.source ? [article.source.name] : [];
  return [];
}

/** When the release last changed: its date, its `updated` time or its latest correction. */
export function articleModified(article: Pick<Article, "date" | "updated" | "corrections">): DateTime {
  return [article.updated, ...article.corrections.map((correction) => correction.date)].reduce<DateTime>(
    (latest, when) => (when && when > latest ? when : latest),
    article.date,
  );
}

/** Who the release is by, for feeds and structured data: the issuer, else the source, else the wire. */
export function articleAuthor(article: Pick<Article, "terms" | "source" | "partner">): string {
  return article.terms.companies?.[0] ?? article.source?.name ?? article.partner.name;
}

/** The article's dateline, from its fields and its partner's tag. */
export function articleDateline(article: Pick<Article, "dateline" | "datelineDate" | "partner" | "language">): string {
  return formatDateline({
    city: article.dateline.city,
    date: article.datelineDate,
    language: article.language,
    tag: article.partner.datelineTag,
    tagStyle: article.partner.datelineTagStyle,
  });
}
