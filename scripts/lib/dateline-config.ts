import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ArticleReading } from "../../src/lib/content/article-snapshot.ts";
import { findMarkdownFiles } from "../../src/lib/content/articles.ts";

/** What the build's processes need of an Eleventy configuration made by `configureDateline`. */
type DatelineConfigModule = {
  default?: { articlesDir?: unknown; articleReading?: () => ArticleReading; buildCacheDir?: () => string | undefined };
};

async function configModule(config: string): Promise<DatelineConfigModule> {
  return (await import(pathToFileURL(path.resolve(config)).href)) as DatelineConfigModule;
}

/** How many article files the configuration's articles folder holds (0 for another configuration). */
export async function countArticles(config: string): Promise<number> {
  const articlesDir = (await configModule(config)).default?.articlesDir;
  return typeof articlesDir === "string" ? (await findMarkdownFiles(articlesDir)).length : 0;
}

/** The configuration's build cache folder, or undefined when it has none (or is not Dateline's). */
export async function buildCacheDir(config: string): Promise<string | undefined> {
  const folder = (await configModule(config)).default?.buildCacheDir;
  return typeof folder === "function" ? folder() : undefined;
}

/** Where and how the configuration reads its articles. */
export async function articleReading(config: string): Promise<ArticleReading> {
  const configure = (await configModule(config)).default;
  if (typeof configure?.articleReading !== "function")
    throw new Error(`${config} is not a Dateline configuration (configureDateline)`);
  return configure.articleReading();
}
