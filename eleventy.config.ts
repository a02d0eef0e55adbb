import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import partners from "./src/data/partners.ts";
import site from "./src/data/site.ts";
import type { ArticleReading } from "./src/lib/content/article-snapshot.ts";
import { assetUrl, fingerprintAssets } from "./src/lib/site/fingerprint.ts";
import { DEFAULT_AVIF_EFFORT, DEFAULT_PHOTO_WIDTHS } from "./src/lib/photos/photos.ts";
import { MAX_SEGMENT_ARTICLES } from "./src/lib/search/search-segments.ts";
import type { InstalledSearchIndex } from "./src/lib/search/search-index.ts";
import type { LoadedBuild } from "./src/lib/compliance/audit.ts";
import type { BuildMomentOptions } from "./src/lib/config/build-moment.ts";
import { Handoff } from "./src/lib/core/handoff.ts";
import { processRole } from "./src/lib/build/process-role.ts";
import { globalDigest, pageCacheEnabled } from "./src/lib/build/page-cache.ts";
import type { Shard } from "./src/lib/build/shard.ts";
import { validateSettings, type Settings } from "./src/lib/config/settings.ts";
import type { SiteConfigInput } from "./src/lib/config/site-config.ts";
import articlesPlugin from "./src/plugins/articles.ts";
import auditPlugin from "./src/plugins/audit.ts";
import assetsPlugin from "./src/plugins/assets.ts";
import filtersPlugin from "./src/plugins/filters.ts";
import outputGuardPlugin from "./src/plugins/output-guard.ts";
import pagesPlugin from "./src/plugins/pages.ts";
import searchPlugin from "./src/plugins/search.ts";
import siteDataPlugin from "./src/plugins/site-data.ts";

export interface DatelineOptions {
  site: SiteConfigInput;
  partners: unknown;
  articlesDir?: string;
  /** The company profiles (default `src/data/companies`). */
  companiesDir?: string;
  photoCacheDir?: string;
  now?: string;
  includeUnpublished?: boolean;
  /** Index the built site with Pagefind (tests that don't search turn it off for speed). */
  search?: boolean;
  /** At most this many articles per search segment (default `MAX_SEGMENT_ARTICLES`; tests use few). */
  searchSegmentSize?: number;
  sitemapLimit?: number;
  /** The part of the site this process renders; defaults to `DATELINE_SHARD`, else all of it. */
  shard?: Shard;
  /**
   * A snapshot of the articles to start from instead of reading the files (see
   * `src/lib/content/article-snapshot.ts`); defaults to the one `npm run build` announces in
   * `DATELINE_ARTICLE_SNAPSHOT`, which this process waits for.
   */
  articleSnapshot?: string;
  /** The site this build replaces (default: `DATELINE_PREVIOUS_OUTPUT`, set by `npm run build`). */
  previousOutput?: string;
  /** Published URLs to let go (default: `DATELINE_ALLOW_REMOVED`). */
  allowRemoved?: string[];
  /**
   * The page cache's folder (default `.cache/build`; see `src/lib/build/page-cache.ts`), or
   * false to render every page. `DATELINE_PAGE_CACHE=off` turns it off too.
   */
  buildCacheDir?: string | false;
}

/** Wires Dateline's plugins for one site; tests call it with fixture sites. */
export function configureDateline(options: DatelineOptions) {
  const articlesDir = path.resolve(options.articlesDir ?? "articles");
  // Validated once, when first needed (Eleventy calls the configuration; the build script asks
  // for `articleReading` first), and reported the same way either way.
  let validated: Settings | undefined;
  const settings = () => (validated ??= validateSettings(options.site, options.partners));
  // The build cache (pages, search segments, parsed articles), unless turned off for this build.
  const cacheFolder = () =>
    options.buildCacheDir !== false && pageCacheEnabled()
      ? path.resolve(options.buildCacheDir ?? ".cache/build")
      : undefined;
  const configure = function (eleventyConfig: UserConfig): void {
    // Which shard this process renders, and what the build script tells it (src/lib/build/).
    const role = processRole({
      ...(options.shard ? { shard: options.shard } : {}),
      ...(options.articleSnapshot !== undefined ? { articleSnapshot: options.articleSnapshot } : {}),
      ...(options.previousOutput !== undefined ? { previousOutput: options.previousOutput } : {}),
      ...(options.allowRemoved !== undefined ? { allowRemoved: options.allowRemoved } : {}),
    });
    const { shard } = role;
    // "Now" and drafts: the articles and the search index must see the same articles.
    const moment: BuildMomentOptions = {
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.includeUnpublished === undefined ? {} : { includeUnpublished: options.includeUnpublished }),
    };
    const assets = fingerprintAssets("assets");
    const photos = {
      cacheDir: path.resolve(options.photoCacheDir ?? ".cache/photos"),
      widths: DEFAULT_PHOTO_WIDTHS,
      avifEffort: DEFAULT_AVIF_EFFORT,
    };
    const searchSegmentSize = options.searchSegmentSize ?? MAX_SEGMENT_ARTICLES;
    const buildCacheDir = cacheFolder();
    // Dateline's code and the packages it runs on (Pagefind among them): every page, search
    // record and rendered body depends on them. Hashed once per build, for all three.
    const code = {
      dateline: path.join(import.meta.dirname, "src"),
      config: path.join(import.meta.dirname, "eleventy.config.ts"),
      manifest: path.join(import.meta.dirname, "package.json"),
      packages: path.join(import.meta.dirname, "package-lock.json"),
    };
    let hashedCode: Promise<string> | undefined;
    const codeDigest = () =>
      (hashedCode ??= globalDigest({ sources: code, exclude: [companiesDir, articlesDir], values: null }));
    // Logos under /assets/ are served by their fingerprinted names.
    const { site: validSite, partners: validPartners } = settings();
    const companiesDir = path.resolve(options.companiesDir ?? "src/data/companies");
    const siteConfig = validSite.logo ? { ...validSite, logo: assetUrl(assets.manifest, validSite.logo) } : validSite;
    const partnerList = validPartners.map((partner) =>
      partner.logo ? { ...partner, logo: assetUrl(assets.manifest, partner.logo) } : partner,
    );

    eleventyConfig.setInputDirectory(".");
    eleventyConfig.setIncludesDirectory("layouts");
    eleventyConfig.setLayoutsDirectory("layouts");
    // Every page is a virtual JavaScript template (src/plugins/pages.ts), so no Nunjucks or
    // Markdown file anywhere in the project can become a page; layouts are Nunjucks all the same.
    eleventyConfig.setTemplateFormats(["11ty.js"]);
    // Not scanned for templates at all: saves walking 10 000 articles and the caches.
    for (const folder of [
      "articles",
      "tests",
      "scripts",
      "src",
      "assets",
      "bench",
      ".cache",
      "reports",
      "test-results",
    ])
      eleventyConfig.ignores.add(`${folder}/**`);
    // Nor the site this build replaces and the build's folders beside it (`_site.staging-…`),
    // wherever the output goes: a project's .gitignore may not name them.
    const output = role.previousOutput && path.relative(process.cwd(), role.previousOutput).split(path.sep).join("/");
    if (output && !output.startsWith("../") && !path.isAbsolute(output))
      for (const folder of [output, `${output}.*`]) eleventyConfig.ignores.add(`${folder}/**`);

    // What the articles plugin loaded, for the search index and for the audit at the end of the
    // same build, and the search index being installed, for the audit.
    const loaded = new Handoff<LoadedBuild>();
    const loadedForSearch = new Handoff<LoadedBuild>();
    const searchIndex = new Handoff<Promise<InstalledSearchIndex>>();

    eleventyConfig.addPlugin(outputGuardPlugin);
    eleventyConfig.addPlugin(siteDataPlugin, { site: siteConfig, partners: partnerList });
    eleventyConfig.addPlugin(filtersPlugin, { site: siteConfig, searchSegmentSize });
    eleventyConfig.addPlugin(articlesPlugin, {
      site: siteConfig,
      partners: partnerList,
      articlesDir,
      companiesDir,
      photos,
      ...moment,
      ...(options.sitemapLimit === undefined ? {} : { sitemapLimit: options.sitemapLimit }),
      onLoaded: (build: LoadedBuild) => {
        loaded.give(build);
        loadedForSearch.give(build);
      },
      ...role,
      ...(buildCacheDir
        ? {
            pageCache: {
              dir: buildCacheDir,
              // What every page depends on besides its data: Dateline's code and the
              // packages it runs on, the layouts and assets this site uses, its settings.
              globalDigest: async () =>
                globalDigest({
                  sources: { layouts: path.resolve("layouts"), assets: path.resolve("assets") },
                  // Profiles are page data (a company's page and the articles naming it).
                  exclude: [companiesDir, articlesDir],
                  values: {
                    code: await codeDigest(),
                    site: siteConfig,
                    partners: partnerList,
                    searchSegmentSize,
                    sitemapLimit: options.sitemapLimit,
                  },
                }),
              codeDigest,
            },
          }
        : {}),
    });
    eleventyConfig.addPlugin(pagesPlugin, { shard });
    eleventyConfig.addPlugin(assetsPlugin, { ...assets, copy: shard.index === 0 });
    if (options.search !== false && shard.index === 0) {
      eleventyConfig.addPlugin(searchPlugin, {
        site: siteConfig,
        segmentSize: searchSegmentSize,
        ...(buildCacheDir
          ? {
              cache: {
                dir: buildCacheDir,
                // What search records depend on besides the articles: not layouts or assets.
                key: async () =>
                  globalDigest({
                    sources: {},
                    values: {
                      code: await codeDigest(),
                      site: siteConfig,
                      partners: partnerList,
                      searchSegmentSize,
                      photos: photos.widths,
                    },
                  }),
                codeDigest,
              },
            }
          : {}),
        ...(role.previousOutput ? { previousOutput: role.previousOutput } : {}),
        loaded: () => loadedForSearch.next(),
        onIndexing: (installed: Promise<InstalledSearchIndex>) => searchIndex.give(installed),
      });
    }
    eleventyConfig.addPlugin(auditPlugin, {
      site: siteConfig,
      partners: partnerList,
      shard,
      loaded: () => loaded.take(),
      searchIndex: () => searchIndex.take(),
      ...(buildCacheDir ? { cacheDir: buildCacheDir } : {}),
    });
  };
  // The build script sizes the heap from the number of articles before Eleventy starts, and
  // reads the articles once for all its processes (`articleReading`).
  const articleReading = (): ArticleReading => ({
    articlesDir,
    displayRoot: process.cwd(),
    timeZone: settings().site.timeZone,
    partners: settings().partners,
    sections: settings().site.sections,
  });
  return Object.assign(configure, { articlesDir, articleReading, buildCacheDir: cacheFolder });
}

export default configureDateline({ site, partners });
