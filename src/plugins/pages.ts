import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Article } from "../lib/articles.ts";
import type { SiteConfig } from "../lib/site-config.ts";

interface PaginationData {
  pagination: { pageNumber: number };
  article: Article;
}

/**
 * The pages Dateline draws, as virtual templates over the `articles` data: one page per
 * article and the paginated home page. Their markup lives in `layouts/`, named after them.
 */
export default function pagesPlugin(eleventyConfig: UserConfig, { site }: { site: SiteConfig }): void {
  eleventyConfig.addTemplate("dateline-article.11ty.js", {
    data: {
      layout: "article.njk",
      pagination: { data: "articles", size: 1, alias: "article" },
      permalink: (data: PaginationData) => `${data.article.url}index.html`,
      eleventyExcludeFromCollections: true,
    },
    render: () => "",
  });

  eleventyConfig.addTemplate("dateline-home.11ty.js", {
    data: {
      layout: "home.njk",
      pagination: { data: "articles", size: site.pageSize, alias: "latest", generatePageOnEmptyData: true },
      permalink: ({ pagination }: PaginationData) => (pagination.pageNumber === 0 ? "/index.html" : `/page/${pagination.pageNumber + 1}/index.html`),
      eleventyExcludeFromCollections: true,
    },
    render: () => "",
  });
}
