import { constants } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { DateTime } from "luxon";
import { loadArticles, type Article, type ArticleSource } from "../lib/articles.ts";
import { resolveNow } from "../lib/dates.ts";
import type { Partner } from "../lib/partners.ts";
import { processPhoto, type PhotoSettings } from "../lib/photos.ts";
import { buildSiteContent, type SiteContent } from "../lib/site-content.ts";
import type { SiteConfig } from "../lib/site-config.ts";

export interface ArticlesPluginOptions {
  site: SiteConfig;
  partners: Partner[];
  /** Folder holding the article Markdown files and their photos. */
  articlesDir: string;
  photos: Omit<PhotoSettings, "urlPath">;
  /** "Now", for embargoes and the news sitemap: an ISO date-time; defaults to `DATELINE_NOW`, then the clock. */
  now?: string;
  /** Show drafts and embargoed articles; defaults to true only in `--serve`/`--watch`. */
  includeUnpublished?: boolean;
  /** URLs per sitemap file before splitting behind an index (tests lower it). */
  sitemapLimit?: number;
  /** Receives what each build loaded, for plugins that check the output (the audit). */
  state: BuildState;
}

/** What the current build loaded and decided, shared with the plugins that run after it. */
export interface BuildState {
  sources: ArticleSource[];
  now?: DateTime;
  includeUnpublished: boolean;
  /** Called with the articles of each build as soon as they are loaded (search starts indexing). */
  onLoaded: Array<(articles: Article[]) => void>;
}

const PHOTO_URL_PATH = "/photos/";

/**
 * Loads every article once per build and derives the directory, feeds and sitemaps from it,
 * as the global data `articles`, `directory` and `generatedFiles`. Article files are data,
 * never templates, so nothing in them can run as template code. Photo renditions are made in
 * a cache folder that outlives the build; the ones in use are copied to the output afterwards,
 * so a warm build encodes nothing and stale photos never linger.
 */
export default function articlesPlugin(eleventyConfig: UserConfig, options: ArticlesPluginOptions): void {
  const { site, partners, articlesDir, photos } = options;
  let photoFiles = new Set<string>();
  let content: Promise<SiteContent> | undefined;

  const load = async (): Promise<SiteContent> => {
    const now = resolveNow(options.now ?? process.env.DATELINE_NOW, site.timeZone);
    const includeUnpublished = options.includeUnpublished ?? ["serve", "watch"].includes(process.env.ELEVENTY_RUN_MODE ?? "");
    const loaded = await loadArticles({
      articlesDir,
      displayRoot: process.cwd(),
      timeZone: site.timeZone,
      partners,
      now,
      includeUnpublished,
      processPhoto: (file) => processPhoto(file, { ...photos, urlPath: PHOTO_URL_PATH }),
    });
    photoFiles = loaded.photoFiles;
    Object.assign(options.state, { sources: loaded.sources, now, includeUnpublished });
    for (const listener of options.state.onLoaded) listener(loaded.articles);
    return buildSiteContent(loaded.articles, { site, partners, now, ...(options.sitemapLimit ? { sitemapLimit: options.sitemapLimit } : {}) });
  };

  // One load per build, shared by the global data below; a rebuild starts afresh.
  eleventyConfig.on("eleventy.before", () => {
    content = undefined;
  });
  const current = () => (content ??= load());

  eleventyConfig.addWatchTarget(articlesDir);
  eleventyConfig.addGlobalData("articles", async () => (await current()).articles);
  eleventyConfig.addGlobalData("directory", async () => (await current()).directory);
  eleventyConfig.addGlobalData("generatedFiles", async () => (await current()).files);

  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    const target = path.join(directories.output, PHOTO_URL_PATH);
    await mkdir(target, { recursive: true });
    // Rendition names are content hashes: a file already there is already right.
    await Promise.all(
      [...photoFiles].map((name) =>
        copyFile(path.join(photos.cacheDir, name), path.join(target, name), constants.COPYFILE_EXCL).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== "EEXIST") throw error;
        }),
      ),
    );
  });
}
