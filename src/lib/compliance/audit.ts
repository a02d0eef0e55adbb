import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import { mapConcurrently } from "../core/concurrency.ts";
import { writeFileAtomically } from "../core/cache-files.ts";
import type { IndexedSegment } from "../search/search-index.ts";
import { decodeHTML, decodeXML } from "entities";
import type { DateTime } from "luxon";
import { articleDateline, type Article, type ArticleSource } from "../content/articles.ts";
import { formatIsoDateTime } from "../core/dates.ts";
import { disclaimerText, type Partner } from "../config/partners.ts";
import { UserError } from "../core/problems.ts";
import type { SiteConfig } from "../config/site-config.ts";
import { NEWS_SITEMAP_LIMIT, NEWS_WINDOW_HOURS } from "../site/sitemaps.ts";

/**
 * The syndication compliance audit: reads a built site and checks what the contracts with the
 * wires require of it. It trusts nothing the build computed; it compares the output files
 * with the article files.
 */

export const AUDIT_RULES = {
  "published-page": "every published article has its page",
  disclaimer: "its own partner's disclaimer, naming the site, exactly once, and no other partner's",
  "source-line": "the source line when the article has a source",
  "original-link": "the original link when the article has one",
  dateline: "the dateline",
  "photo-text": "a caption or alt text on every photo",
  "unpublished-leak": "no draft or embargoed article in the pages, sitemaps or feeds",
  withdrawn: "no text of a withdrawn release anywhere: a notice at its URL, and nothing in pages, sitemaps or feeds",
  "news-sitemap-window": `only articles of the last ${NEWS_WINDOW_HOURS} hours in the news sitemap`,
  "news-sitemap-size": `at most ${NEWS_SITEMAP_LIMIT} URLs in the news sitemap`,
  "search-segments": "the search page searches every segment of the search index, and only those",
} as const;
export type AuditRule = keyof typeof AUDIT_RULES;

export interface AuditFinding {
  /** Site path of the page or file, e.g. `/news/2023/10/x/`. */
  page: string;
  rule: AuditRule;
  message: string;
}

/** What one build loaded, as the audit checks it; handed over by the plugin that loads the articles. */
export interface LoadedBuild {
  sources: ArticleSource[];
  /** The articles the build publishes, newest first (with drafts in a preview that shows them). */
  articles: Article[];
  /** The page signer's hash of an article (its fields and Markdown), when the build signs its pages. */
  digestOf?: (article: Article) => string | undefined;
  now: DateTime;
  includeUnpublished: boolean;
  /**
   * Whether the page at this URL was reused from the previous site (the page cache, see
   * `src/lib/build/page-cache.ts`) instead of rendered: the same signature, so the same bytes,
   * which a build has already audited.
   */
  isReused?: (url: string) => boolean;
  /** Called once the audit found nothing: the build's pages may be remembered for the next one. */
  onAudited?: () => Promise<void>;
}

export interface AuditInput {
  siteDir: string;
  site: SiteConfig;
  partners: readonly Partner[];
  /** Every article file, whatever its status. */
  sources: readonly ArticleSource[];
  now: DateTime;
  /**
   * The rendered files by path from the site folder (`news/2023/10/x/index.html`), when the build
   * has them in memory; without it, the files are read from `siteDir`.
   */
  rendered?: ReadonlyMap<string, string>;
}

export function formatFinding(finding: AuditFinding): string {
  return `${finding.page}: [${finding.rule}] ${finding.message}`;
}

export class AuditError extends UserError {
  constructor(readonly findings: AuditFinding[]) {
    super(
      `The syndication audit failed (${findings.length} ${findings.length === 1 ? "finding" : "findings"}):\n${findings.map((f) => `  - ${formatFinding(f)}`).join("\n")}`,
    );
  }
}

export async function auditSite(input: AuditInput): Promise<AuditFinding[]> {
  const { siteDir, site, partners, sources, now, rendered } = input;
  const findings: AuditFinding[] = [];
  const partnersById = new Map(partners.map((partner) => [partner.id, partner]));
  // Disclaimers are counted in the page's text, so a copy pasted into a body counts too,
  // however its characters were encoded.
  const disclaimers = new Map(
    partners.map((partner) => [partner.id, normalizeSpace(disclaimerText(partner, site.name))]),
  );
  // A build audits what it rendered and nothing else: in a parallel build another shard may be
  // writing the rest of the folder at this moment.
  const readSite = async (sitePath: string) =>
    rendered
      ? rendered.get(sitePath.replace(/^\//, ""))
      : readFile(path.join(siteDir, sitePath), "utf8").catch(() => undefined);

  for (const source of sources.filter((s) => s.status === "published")) {
    const page = source.url;
    const add = (rule: AuditRule, message: string) => findings.push({ page, rule, message });
    const html = await readSite(`${page}index.html`);
    if (html === undefined) {
      add("published-page", `expected the page of ${source.file}, found no file`);
      continue;
    }
    const partner = partnersById.get(source.fields.partner) as Partner;
    const own = disclaimers.get(partner.id) as string;
    const text = pageText(html);
    const times = count(text, own);
    if (times !== 1)
      add(
        "disclaimer",
        `expected the ${partner.name} disclaimer naming ${site.name} exactly once, found it ${times} times`,
      );
    for (const other of partners) {
      const otherText = disclaimers.get(other.id) as string;
      if (other.id !== partner.id && otherText !== own && text.includes(otherText))
        add("disclaimer", `expected only the ${partner.name} disclaimer, found the ${other.name} one too`);
    }
    // Compared as decoded text: the layouts' escaping (Nunjucks writes `\\` as `&#92;`) is theirs.
    if (source.fields.source) {
      const line = paragraphText(html, "source");
      if (line === undefined || !line.startsWith(normalizeSpace(`Source: ${source.fields.source.name}`))) {
        add(
          "source-line",
          `expected "Source: ${source.fields.source.name}…", found ${line === undefined ? "no such line" : JSON.stringify(line)}`,
        );
      }
    }
    const { originalUrl } = source.fields;
    if (originalUrl) {
      const links = paragraphLinks(html, "original-link");
      if (!links.includes(originalUrl))
        add("original-link", `expected a link to ${originalUrl}, found ${links.length ? links.join(", ") : "none"}`);
    }
    const dateline = articleDateline({ ...source.fields, partner });
    const printed = paragraphText(html, "dateline");
    if (printed !== normalizeSpace(dateline))
      add("dateline", `expected "${dateline}", found ${printed === undefined ? "none" : JSON.stringify(printed)}`);
    const figures = html.match(/<figure class="photo[^"]*">.*?<\/figure>/gs) ?? [];
    figures.forEach((figure, index) => {
      const hasCaption = /<figcaption>\s*\S/.test(figure);
      const hasAlt = (/<img [^>]*?\salt="([^"]*)"/.exec(figure)?.[1] ?? "").trim() !== "";
      if (!hasCaption && !hasAlt)
        add("photo-text", `expected a caption or alt text on photo ${index + 1}, found neither`);
    });
    if (figures.length !== source.fields.images.length) {
      add("photo-text", `expected ${source.fields.images.length} photos with their captions, found ${figures.length}`);
    }
  }

  // Nothing unpublished anywhere: no page, and not in any sitemap or feed.
  const isMachineFile = (file: string) => /\.(xml|json)$/.test(file) && !file.startsWith("pagefind/");
  const machineFiles = rendered
    ? [...rendered.keys()].filter(isMachineFile).sort()
    : await listFiles(siteDir, isMachineFile);
  // Decoded once, so that an id or URL matches however the file escaped it.
  const machineTexts = await Promise.all(
    machineFiles.map(async (file) => ({ file, text: decodeXML((await readSite(file)) ?? "") })),
  );
  const withdrawn = sources.filter((s) => s.status === "withdrawn");
  if (withdrawn.length > 0) findings.push(...(await withdrawnFindings(withdrawn, site, machineTexts, readSite, input)));
  for (const source of sources.filter((s) => s.status !== "published" && s.status !== "withdrawn")) {
    const page = source.url;
    if ((await readSite(`${page}index.html`)) !== undefined) {
      findings.push({
        page,
        rule: "unpublished-leak",
        message: `expected no page for ${source.status} ${source.file}, found one`,
      });
    }
    const absolute = new URL(page, site.url).href;
    for (const { file, text } of machineTexts) {
      const { guid } = source.fields;
      const leaked = text.includes(absolute) || (guid !== undefined && text.includes(`>${guid}<`));
      if (leaked)
        findings.push({
          page: `/${file}`,
          rule: "unpublished-leak",
          message: `expected no trace of ${source.status} ${source.file}, found ${absolute}`,
        });
    }
  }

  const news = await readSite("news-sitemap.xml");
  if (news !== undefined) {
    const dates = [...news.matchAll(/<news:publication_date>([^<]+)<\/news:publication_date>/g)].map(
      (m) => m[1] as string,
    );
    if (dates.length > NEWS_SITEMAP_LIMIT) {
      findings.push({
        page: "/news-sitemap.xml",
        rule: "news-sitemap-size",
        message: `expected at most ${NEWS_SITEMAP_LIMIT} URLs, found ${dates.length}`,
      });
    }
    const from = now.minus({ hours: NEWS_WINDOW_HOURS }).toMillis();
    for (const date of dates) {
      const at = Date.parse(date);
      if (!(at >= from && at <= now.toMillis())) {
        findings.push({
          page: "/news-sitemap.xml",
          rule: "news-sitemap-window",
          message: `expected publication dates in the ${NEWS_WINDOW_HOURS} hours before ${formatIsoDateTime(now.setZone(site.timeZone))}, found ${date}`,
        });
      }
    }
  }
  return findings;
}

const PAGES_IN_FLIGHT = 16;

/**
 * A withdrawn release leaves only its notice: the page at its URL says so and holds none of its
 * text; no other page, sitemap or feed holds its headline, its address or its guid.
 */
async function withdrawnFindings(
  withdrawn: readonly ArticleSource[],
  site: SiteConfig,
  machineTexts: ReadonlyArray<{ file: string; text: string }>,
  readSite: (sitePath: string) => Promise<string | undefined>,
  input: AuditInput,
): Promise<AuditFinding[]> {
  const findings: AuditFinding[] = [];
  const pages = input.rendered
    ? [...input.rendered.keys()].filter((file) => file.endsWith(".html"))
    : await listFiles(input.siteDir, (file) => file.endsWith(".html") && !file.startsWith("pagefind/"));
  const titles = withdrawn.map((source) => ({ source, title: normalizeSpace(source.fields.title) }));
  // Page by page, each text dropped once checked: a build that renders every page would not
  // hold a second copy of the whole site in memory.
  const headlines = await mapConcurrently(pages, PAGES_IN_FLIGHT, async (file) => {
    const text = pageText((await readSite(file)) ?? "");
    return titles.filter(({ title }) => text.includes(title)).map(({ source }) => ({ file, source }));
  });
  for (const source of withdrawn) {
    const title = normalizeSpace(source.fields.title);
    const notice = await readSite(`${source.url}index.html`);
    if (notice !== undefined && !notice.includes("withdrawn-notice"))
      findings.push({
        page: source.url,
        rule: "withdrawn",
        message: `expected the withdrawal notice of ${source.file}, found another page`,
      });
    for (const { file } of headlines.flat().filter((found) => found.source === source))
      findings.push({
        page: `/${file}`,
        rule: "withdrawn",
        message: `expected no text of withdrawn ${source.file}, found its headline`,
      });
    const absolute = new URL(source.url, site.url).href;
    const { guid } = source.fields;
    for (const { file, text } of machineTexts) {
      const found = text.includes(absolute)
        ? absolute
        : guid !== undefined && text.includes(`>${guid}<`)
          ? `its guid ${guid}`
          : text.includes(title)
            ? "its headline"
            : undefined;
      if (found)
        findings.push({
          page: `/${file}`,
          rule: "withdrawn",
          message: `expected no trace of withdrawn ${source.file}, found ${found}`,
        });
    }
  }
  return findings;
}

/**
 * The search index holds no record of a withdrawn release: no fragment (one per indexed page, in
 * every segment) with its URL or its headline. Read from the index files Pagefind wrote.
 *
 * A segment's files are a function of its key (`segmentKey`: its records' sources and the
 * settings), so a segment whose key an earlier passing audit checked against a withdrawal need
 * not be read for it again (`previously`: the index's segments and what was checked, see
 * `checkedSegments`); only a new withdrawal, or a new segment, is read for.
 */
export async function withdrawnInSearchIndex(
  indexFolder: string,
  withdrawn: readonly ArticleSource[],
  previously?: { segments: readonly IndexedSegment[]; checked: CheckedSegments },
): Promise<AuditFinding[]> {
  if (withdrawn.length === 0) return [];
  const findings: AuditFinding[] = [];
  const fragments = (await readdir(indexFolder, { recursive: true }).catch(() => [] as string[]))
    .map(String)
    .filter((file) => file.endsWith(".pf_fragment"));
  const titles = withdrawn.map((source) => normalizeSpace(source.fields.title));
  const digests = withdrawn.map(withdrawalDigest);
  // A segment's folder is `s-<id>/`; the newest is the index folder itself.
  const keys = new Map((previously?.segments ?? []).map((segment) => [segment.folder, segment.key]));
  const unchecked = (file: string) => {
    const slash = file.indexOf(path.sep);
    const key = keys.get(slash > 0 && file.startsWith("s-") ? `${file.slice(0, slash)}/` : "");
    const done = key === undefined ? undefined : previously?.checked.get(key);
    return withdrawn.flatMap((_, index) => (done?.has(digests[index] as string) ? [] : [index]));
  };
  // Read one after another without yielding: thousands of small files, where the thread pool's
  // round trips cost more than the reading.
  for (const file of fragments) {
    const check = unchecked(file);
    if (check.length === 0) continue;
    const bytes = gunzipSync(readFileSync(path.join(indexFolder, file)));
    const text = bytes.toString("utf8").replace(/^pagefind_dcd/, "");
    let record: { url?: string; content?: string; meta?: { title?: string } };
    try {
      record = JSON.parse(text) as typeof record;
    } catch {
      continue;
    }
    const content = normalizeSpace(record.content ?? "");
    for (const index of check) {
      const source = withdrawn[index] as ArticleSource;
      if (record.url === source.url || content.includes(titles[index] as string))
        findings.push({
          page: `/pagefind/${file.split(path.sep).join("/")}`,
          rule: "withdrawn",
          message: `expected no search record of withdrawn ${source.file}, found one`,
        });
    }
  }
  return findings;
}

/** Segment key → the withdrawals (`withdrawalDigest`) a passing audit found it free of. */
export type CheckedSegments = ReadonlyMap<string, ReadonlySet<string>>;

/** A withdrawal as the search audit checks for it: its URL and its headline. */
export function withdrawalDigest(source: ArticleSource): string {
  return createHash("sha256")
    .update(`${source.url}\n${normalizeSpace(source.fields.title)}`)
    .digest("hex");
}

/** What a passing audit of an index with `segments` found them free of: every one of `withdrawn`. */
export function checkedSegments(
  segments: readonly IndexedSegment[],
  withdrawn: readonly ArticleSource[],
): CheckedSegments {
  const digests = new Set(withdrawn.map(withdrawalDigest));
  return new Map(segments.map((segment) => [segment.key, digests]));
}

const CHECKED_SEGMENTS_FILE = "search-audit.json";
const CHECKED_SEGMENTS_FORMAT = "dateline-search-audit/1";

/** What earlier audits checked, from the build cache in `cacheDir` (nothing when missing or unreadable). */
export async function readCheckedSegments(cacheDir: string): Promise<CheckedSegments> {
  try {
    const stored = JSON.parse(await readFile(path.join(cacheDir, CHECKED_SEGMENTS_FILE), "utf8")) as {
      format?: unknown;
      segments?: Record<string, unknown>;
    };
    if (stored.format !== CHECKED_SEGMENTS_FORMAT || typeof stored.segments !== "object" || stored.segments === null)
      return new Map();
    return new Map(
      Object.entries(stored.segments).flatMap(([key, list]) =>
        Array.isArray(list) && list.every((item) => typeof item === "string") ? [[key, new Set(list)]] : [],
      ),
    );
  } catch {
    return new Map();
  }
}

/** Records what this build's passing audit checked (atomically), for the next build. */
export async function writeCheckedSegments(cacheDir: string, checked: CheckedSegments): Promise<void> {
  const segments = Object.fromEntries([...checked].map(([key, digests]) => [key, [...digests].sort()]));
  await writeFileAtomically(
    path.join(cacheDir, CHECKED_SEGMENTS_FILE),
    JSON.stringify({ format: CHECKED_SEGMENTS_FORMAT, segments }),
  );
}

/**
 * The search page merges the index's segments by their folders (`data-merge-index`, beside the
 * newest one at `/pagefind/` itself): a folder it names that the index lacks breaks every
 * search, and a segment it does not name leaves its articles unfindable.
 */
export async function searchSegmentFindings(
  searchPage: string | undefined,
  indexFolder: string,
): Promise<AuditFinding[]> {
  if (searchPage === undefined) return [];
  const merged = (/data-merge-index="([^"]*)"/.exec(searchPage)?.[1] ?? "").split(/\s+/).filter(Boolean);
  const folders = (await readdir(indexFolder, { withFileTypes: true }).catch(() => []))
    .filter((entry) => entry.isDirectory() && /^s-[0-9a-f]+$/.test(entry.name))
    .map((entry) => `/pagefind/${entry.name}/`);
  const findings: AuditFinding[] = [];
  for (const bundle of merged)
    if (!folders.includes(bundle))
      findings.push({
        page: "/search/",
        rule: "search-segments",
        message: `expected the search index to hold the segment ${bundle} that the search page merges, found no such folder`,
      });
  for (const folder of folders)
    if (!merged.includes(folder))
      findings.push({
        page: folder,
        rule: "search-segments",
        message: "expected the search page to merge this segment of the search index, found it left out",
      });
  return findings;
}

/** The decoded text of the page's first `<p class="…">` of that class, or undefined. */
function paragraphText(html: string, className: string): string | undefined {
  const paragraph = firstParagraph(html, className);
  return paragraph === undefined ? undefined : normalizeSpace(decodeHTML(paragraph.replace(/<[^>]*>/g, "")));
}

/** The decoded targets of the links in the page's first `<p class="…">` of that class. */
function paragraphLinks(html: string, className: string): string[] {
  const paragraph = firstParagraph(html, className) ?? "";
  return [...paragraph.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((match) => decodeHTML(match[1] as string));
}

/**
 * The inner HTML of the page's first `<p>` or `<span>` of that class (the dateline runs into
 * the body's first paragraph as a `<span>`).
 */
function firstParagraph(html: string, className: string): string | undefined {
  const start = new RegExp(`<(p|span) class="${className}">`).exec(html);
  if (!start) return undefined;
  const at = start.index + start[0].length;
  const end = html.indexOf(`</${start[1]}>`, at);
  return html.slice(at, end < 0 ? undefined : end);
}

/** The visible text of a page: no head, scripts or tags; entities decoded; spaces collapsed. */
export function pageText(html: string): string {
  const body = html.replace(/<head>.*?<\/head>/s, " ").replace(/<(script|style)\b.*?<\/\1>/gs, " ");
  return normalizeSpace(decodeHTML(body.replace(/<[^>]*>/g, " ")));
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function count(text: string, needle: string): number {
  return needle ? text.split(needle).length - 1 : 0;
}

async function listFiles(root: string, keep: (file: string) => boolean): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .filter(keep)
    .sort();
}
