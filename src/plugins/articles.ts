import { constants } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { promisedArticleSnapshot, type PromisedArticleSnapshot } from "../lib/content/article-snapshot.ts";
import { ArticleFileCache, loadArticles, type Article, type ArticleSource } from "../lib/content/articles.ts";
import { PersistentArticleCache } from "../lib/content/article-cache.ts";
import { RenderedHtml } from "../lib/content/rendered-html.ts";
import { isInside } from "../lib/core/paths.ts";
import { LinkingThread } from "../lib/core/link-files.ts";
import type { LoadedBuild } from "../lib/compliance/audit.ts";
import { isPreview, resolveBuildMoment, type BuildMomentOptions } from "../lib/config/build-moment.ts";
import { PageChanges } from "../lib/preview/page-changes.ts";
import type { Partner } from "../lib/config/partners.ts";
import { PHOTO_URL_PATH, processPhoto, type PhotoSettings } from "../lib/photos/photos.ts";
import type { ArticlePage, IndexPage, ListPage } from "../lib/site/directory.ts";
import { ownedItems, type Shard } from "../lib/build/shard.ts";
import { RenderLimitError } from "../lib/build/process-role.ts";
import { buildSiteContent, type GeneratedFile, type SiteContent } from "../lib/site/site-content.ts";
import type { FeedItemStore } from "../lib/site/feeds.ts";
import { sha256 } from "../lib/core/file-identity.ts";
import type { SiteConfig } from "../lib/config/site-config.ts";
import { withdrawalsOf, type Withdrawal } from "../lib/site/withdrawals.ts";
import { droppedUrls, readPublishedManifest, redirectsOf, type Redirect } from "../lib/site/published-urls.ts";
import { ProblemsError } from "../lib/core/problems.ts";
import { companiesOfArticles, loadCompanies } from "../lib/content/companies.ts";
import { contentHashes, PageReuse, PageSigner, readPageManifest, writePageManifest } from "../lib/build/page-cache.ts";
import { outputFile } from "../lib/site/output-path.ts";
import type { EleventyAfterEvent } from "../types/eleventy-events.ts";

export interface ArticlesPluginOptions extends BuildMomentOptions {
  site: SiteConfig;
  partners: Partner[];
  /** Folder holding the article Markdown files and their photos. */
  articlesDir: string;
  /** Folder holding the company profiles and their logos. */
  companiesDir: string;
  photos: Omit<PhotoSettings, "urlPath">;
  /** URLs per sitemap file before splitting behind an index (tests lower it). */
  sitemapLimit?: number;
  /** Receives what each build loaded, for the plugin that checks the output (the audit). */
  onLoaded: (loaded: LoadedBuild) => void;
  /** The part of the site this process renders (see `src/lib/build/shard.ts`). */
  shard: Shard;
  /**
   * In a parallel build only shard 0 encodes photos: the other shards wait for it before
   * reading the photo cache, so no photo is encoded twice or read half-written.
   */
  photosReady?: () => Promise<void>;
  /** Called by shard 0 once every photo is in the cache. */
  onPhotosDone?: () => void;
  /** The articles as the build script read them, to start from instead of the files. */
  articleSnapshot?: PromisedArticleSnapshot;
  /** The site this build replaces: a URL it published may not vanish (shard 0 checks). */
  previousOutput?: string;
  allowRemoved?: string[];
  /** At most this many pages rendered, or the build stops with a `RenderLimitError` (see `RENDER_LIMIT_VARIABLE`). */
  renderLimit?: number;
  /**
   * The page cache (`src/lib/build/page-cache.ts`): its folder and the build's global digest.
   * With a previous site, pages whose signature it holds are linked from there, not rendered.
   */
  pageCache?: { dir: string; globalDigest: () => Promise<string>; codeDigest: () => Promise<string> };
}

/** The pages this process renders, as the pagination data of `src/plugins/pages.ts`. */
export interface ShardPages {
  articlePages: ArticlePage[];
  homePages: ListPage[];
  termPages: ListPage[];
  indexPages: IndexPage[];
  files: GeneratedFile[];
  /** The notice pages of withdrawn releases (shard 0). */
  withdrawnPages: Withdrawal[];
  /** The redirect pages at old URLs, for hosts without rules (shard 0). */
  redirectPages: Redirect[];
}

/**
 * Loads every article once per build and derives the directory, feeds and sitemaps from it,
 * as the global data `articles`, `directory` and `shardPages` (the pages this process renders).
 * Article files are data, never templates, so nothing in them can run as template code. Photo renditions are made in
 * a cache folder that outlives the build; the ones in use are copied to the output afterwards,
 * so a warm build encodes nothing and stale photos never linger.
 */
export default function articlesPlugin(eleventyConfig: UserConfig, options: ArticlesPluginOptions): void {
  const { site, partners, articlesDir, photos, shard } = options;
  const isFirstShard = shard.index === 0;
  let photoFiles = new Set<string>();
  let content: Promise<SiteContent & { pages: ShardPages }> | undefined;
  let reuse: PageReuse | undefined;
  let bodies: RenderedHtml | undefined;
  let reuseFinished: Promise<unknown> = Promise.resolve();
  let finishReuse: (manifest: Promise<unknown>) => void = () => undefined;
  // Preview (serve/watch) remembers files and pages between builds, so that an edited article
  // is on screen in well under a second instead of after a full rebuild of every page.
  const preview = isPreview();
  const cache = preview ? new ArticleFileCache() : undefined;
  const changes = preview ? new PageChanges() : undefined;
  const isArticleFile = (file: string) => file.endsWith(".md") && isInside(articlesDir, path.resolve(file));
  eleventyConfig.on("eleventy.beforeWatch", (changed: string[]) => {
    if (changed.every(isArticleFile)) {
      cache?.forget(changed);
    } else {
      // A layout, photo or setting: every page may look different.
      cache?.forget();
      changes?.reset();
    }
  });

  // Photos (an article's, a company's logo) once shard 0 has them in the cache.
  const renditions = (owner: "article" | "profile") => async (file: string) => {
    await options.photosReady?.();
    return processPhoto(file, { ...photos, urlPath: PHOTO_URL_PATH }, owner);
  };

  const load = async (): Promise<SiteContent & { pages: ShardPages }> => {
    const { now, includeUnpublished } = resolveBuildMoment(options, site);
    changes?.start();
    const reading = {
      articlesDir,
      displayRoot: process.cwd(),
      timeZone: site.timeZone,
      partners,
      sections: site.sections,
    };
    // The page cache of production builds: pages are reused from the site this build replaces, if any.
    const cacheOptions = preview ? undefined : options.pageCache;
    // Its files in the previous site are looked at (`PageReuse`) while the articles are read, and
    // a thread makes the output's folders meanwhile, then links the reused pages. The thread
    // starts now: a build that fails before the manifest is read stops it, so it makes nothing.
    const linking = cacheOptions && output !== undefined ? { output, thread: new LinkingThread() } : undefined;
    const cacheState = cacheOptions
      ? Promise.all([cacheOptions.globalDigest(), readPageManifest(cacheOptions.dir)]).then(([digest, read]) => {
          const made = new PageReuse(read.manifest, options.previousOutput);
          if (linking) made.linkInto(linking.output, linking.thread);
          return { digest, ...read, reuse: made };
        })
      : undefined;
    cacheState?.catch(() => undefined); // thrown where it is awaited, if the build gets there
    if (cacheState && options.renderLimit !== undefined) {
      // Told from the cache alone, before the articles are read: every page will be rendered.
      const { digest, globals } = await cacheState;
      if (!globals.has(digest))
        throw new RenderLimitError(
          "every page is rendered: the page cache holds none made by this version of Dateline's code, layouts, assets and settings",
        );
    }
    const fileCache = cache ?? (await promisedArticleSnapshot(options.articleSnapshot, reading));
    // A production build that reads the files itself parses only those changed since the last.
    const articleCache =
      !fileCache && cacheOptions ? await PersistentArticleCache.open(cacheOptions.dir, reading) : undefined;
    // A production build renders only the bodies no earlier build rendered; it keeps the feed
    // items it renders (a new release changes a hundred feeds of fifty items), not the bodies
    // of article pages, which are rendered again only when the article changed.
    bodies = cacheOptions ? RenderedHtml.open(cacheOptions.dir, await cacheOptions.codeDigest()) : undefined;
    const renderedBodies = bodies;
    const loaded = await loadArticles(
      {
        ...reading,
        now,
        includeUnpublished,
        processPhoto: renditions("article"),
        ...(articleCache ? { articleCache } : {}),
        ...(renderedBodies
          ? { renderBody: (source: ArticleSource) => renderedBodies.bodyOf(source, { keep: false }) }
          : {}),
      },
      fileCache,
    );
    const companies = await loadCompanies({
      companiesDir: options.companiesDir,
      displayRoot: process.cwd(),
      processPhoto: renditions("profile"),
    });
    options.onPhotosDone?.();
    const companiesFolder = path.relative(process.cwd(), options.companiesDir).split(path.sep).join("/");
    const named = companiesOfArticles(loaded.articles, companies, site.sections, companiesFolder);
    if (named.problems.length > 0)
      throw new ProblemsError(
        "Cannot build: company profiles, or the companies articles name, have problems",
        named.problems,
      );
    const { registry } = named;
    photoFiles = new Set([...loaded.photoFiles, ...named.photoFiles]);
    let signer: PageSigner | undefined;
    let digest = "";
    reuse = undefined;
    if (cacheState) {
      const markdownDigests = new Map(loaded.sources.map((source) => [source.url, source.bodySha256]));
      const { digest: global, skipped, reuse: made } = await cacheState;
      digest = global;
      for (const name of skipped)
        console.warn(`[dateline] page cache: ${name} could not be read; its pages are rendered`);
      signer = new PageSigner(
        digest,
        loaded.articles,
        (article) => markdownDigests.get((article as Article).url) ?? "",
      );
      reuse = made;
      const manifestWritten = new Promise<unknown>((resolve) => {
        finishReuse = resolve;
      });
      reuseFinished = manifestWritten;
    }
    const reusing = reuse;
    const signing = signer;
    options.onLoaded({
      sources: loaded.sources,
      articles: loaded.articles,
      ...(signing ? { digestOf: (article: Article) => signing.digestOf(article) } : {}),
      now,
      includeUnpublished,
      ...(reusing && cacheOptions && digest
        ? {
            isReused: (url: string) => reusing.isReused(outputFile(url)),
            onAudited: async () => {
              const manifest = (await reuseFinished) as Awaited<ReturnType<PageReuse["finish"]>>;
              await writePageManifest(cacheOptions.dir, shard, manifest, digest);
            },
          }
        : {}),
    });
    const withdrawals = withdrawalsOf(loaded.sources);
    const redirects = redirectsOf(loaded.articles);
    const siteContent = await buildSiteContent(loaded.articles, {
      site,
      companies: registry,
      partners,
      now,
      files: isFirstShard,
      withdrawals,
      redirects,
      ...(options.sitemapLimit ? { sitemapLimit: options.sitemapLimit } : {}),
      ...(renderedBodies && signer ? { feedItems: feedItemStore(renderedBodies, signer, site) } : {}),
    });
    const { directory } = siteContent;
    const siteWide = changes ? JSON.stringify(directory.termUrls) : "";
    const select = async <T>(items: T[], url: (item: T) => string) => {
      const owned = ownedItems(shard, items, url);
      if (changes) return changes.select(owned, url, loaded.articles, siteWide);
      if (reuse && signer) {
        const signing = signer;
        const render = await reuse.choose(
          owned,
          (item) => outputFile(url(item)),
          (item) => signing.sign(item),
        );
        const { rendered } = reuse.counts;
        if (options.renderLimit !== undefined && rendered > options.renderLimit)
          throw new RenderLimitError(`at least ${rendered} pages are rendered again, more than one process renders`);
        return render;
      }
      return owned;
    };
    const files =
      reuse && signer
        ? await reuse.choose(
            siteContent.files,
            (file) => outputFile(file.url),
            (file) => (signer as PageSigner).sign({ url: file.url, source: file.source }),
          )
        : siteContent.files;
    const pages: ShardPages = {
      articlePages: await select(directory.articlePages, (page) => page.article.url),
      homePages: await select(directory.homePages, (page) => page.url),
      termPages: await select(directory.termPages, (page) => page.url),
      indexPages: await select(directory.indexPages, (page) => page.url),
      files,
      withdrawnPages: isFirstShard ? withdrawals : [],
      redirectPages: isFirstShard ? redirects : [],
    };
    if (isFirstShard && options.previousOutput && !preview) {
      const previous = await readPublishedManifest(options.previousOutput);
      const problems = previous
        ? droppedUrls(previous, { articles: loaded.articles, redirects, withdrawals }, options.allowRemoved ?? [])
        : [];
      if (problems.length > 0)
        throw new ProblemsError(
          "Cannot build: published URLs would disappear without a redirect or a withdrawal",
          problems,
        );
    }
    return { ...siteContent, pages };
  };

  // One load per build, shared by the global data below; a rebuild starts afresh.
  let output: string | undefined;
  eleventyConfig.on("eleventy.before", ({ directories }: { directories: { output: string } }) => {
    content = undefined;
    output = directories.output;
  });
  const current = () => (content ??= load());

  eleventyConfig.addWatchTarget(articlesDir);
  eleventyConfig.addWatchTarget(options.companiesDir);
  eleventyConfig.addGlobalData("articles", async () => (await current()).articles);
  eleventyConfig.addGlobalData("directory", async () => (await current()).directory);
  eleventyConfig.addGlobalData("shardPages", async () => (await current()).pages);

  eleventyConfig.on("eleventy.after", async ({ directories, results }: EleventyAfterEvent) => {
    changes?.commit();
    await bodies?.settled();
    if (reuse) {
      // The reused pages go into the new output beside the rendered ones; the manifest of
      // both is written once the audit has passed (`onAudited`).
      const finishing = reuse.finish(directories.output, contentHashes(directories.output, results ?? []));
      finishReuse(finishing);
      await finishing;
      const { rendered: renderedCount, reused } = reuse.counts;
      console.log(`[dateline] pages: ${renderedCount} rendered, ${reused} reused from the previous build`);
    }
    if (!isFirstShard) return;
    const target = path.join(directories.output, PHOTO_URL_PATH);
    await mkdir(target, { recursive: true });
    // Rendition names are content hashes: a file already there is already right.
    await Promise.all(
      [...photoFiles].map((name) =>
        copyFile(path.join(photos.cacheDir, name), path.join(target, name), constants.COPYFILE_EXCL).catch(
          (error: NodeJS.ErrnoException) => {
            if (error.code !== "EEXIST") throw error;
          },
        ),
      ),
    );
  });
}

/**
 * Feed items kept in the build cache, by everything an item draws: its article (fields, photos,
 * partner, Markdown: the page signer's hash of it) and the site's settings.
 */
function feedItemStore(rendered: RenderedHtml, signer: PageSigner, site: SiteConfig): FeedItemStore {
  const settings = JSON.stringify(site);
  return (article, render) => {
    const digest = signer.digestOf(article);
    return digest === undefined ? render() : rendered.cached(sha256(`feed item\n${settings}\n${digest}`), render);
  };
}
