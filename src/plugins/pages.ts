import type UserConfig from "@11ty/eleventy/UserConfig";
import type { ArticlePage, IndexPage, ListPage } from "../lib/site/directory.ts";
import type { Shard } from "../lib/build/shard.ts";
import type { GeneratedFile } from "../lib/site/site-content.ts";
import type { Withdrawal } from "../lib/site/withdrawals.ts";
import type { Redirect } from "../lib/site/published-urls.ts";
import { outputFile } from "../lib/site/output-path.ts";

type PageData = Record<string, unknown>;

/**
 * The pages Dateline draws, as virtual templates over data prepared once per build (see
 * `src/lib/site/directory.ts`): each template paginates a flat list one item per page, so no
 * template filters or scans the article list itself. Markup lives in `layouts/`, named after
 * the page it draws. The lists hold the pages of this process's shard (all of them unless the
 * build is parallel); the search page and 404 belong to shard 0.
 */
export default function pagesPlugin(eleventyConfig: UserConfig, { shard }: { shard: Shard }): void {
  const onePerPage = <T>(
    virtualPath: string,
    data: string,
    alias: string,
    layout: string | undefined,
    url: (item: T) => string,
    render: (page: PageData) => string | Promise<string> = () => "",
  ) =>
    eleventyConfig.addTemplate(virtualPath, {
      data: {
        ...(layout ? { layout } : {}),
        pagination: { data, size: 1, alias },
        permalink: (page: PageData) => url(page[alias] as T),
        eleventyExcludeFromCollections: true,
      },
      render,
    });
  const html = (url: string) => `/${outputFile(url)}`;

  onePerPage<ArticlePage>("dateline-article.11ty.js", "shardPages.articlePages", "articlePage", "article.njk", (item) =>
    html(item.article.url),
  );
  onePerPage<ListPage>("dateline-home.11ty.js", "shardPages.homePages", "listPage", "home.njk", (item) =>
    html(item.url),
  );
  onePerPage<ListPage>("dateline-term.11ty.js", "shardPages.termPages", "listPage", "term.njk", (item) =>
    html(item.url),
  );
  onePerPage<IndexPage>("dateline-terms.11ty.js", "shardPages.indexPages", "indexPage", "terms.njk", (item) =>
    html(item.url),
  );
  // A withdrawn release's URL keeps a notice (410 where the host reads the build's rules).
  onePerPage<Withdrawal>(
    "dateline-withdrawn.11ty.js",
    "shardPages.withdrawnPages",
    "withdrawal",
    "withdrawn.njk",
    (item) => html(item.url),
  );
  // An old URL (`aliases`) keeps a page that sends readers on, for hosts that read no rules.
  onePerPage<Redirect>("dateline-redirect.11ty.js", "shardPages.redirectPages", "redirect", "redirect.njk", (item) =>
    html(item.from),
  );
  // Feeds, sitemaps and robots.txt: made by `src/lib/site/site-content.ts`, written as they are.
  onePerPage<GeneratedFile>(
    "dateline-files.11ty.js",
    "shardPages.files",
    "file",
    undefined,
    (item) => item.url,
    (page) => (page.file as GeneratedFile).content(),
  );

  if (shard.index !== 0) return;
  for (const [name, url] of [
    ["search", "/search/index.html"],
    ["404", "/404.html"],
  ] as const) {
    eleventyConfig.addTemplate(`dateline-${name}.11ty.js`, {
      data: { layout: `${name}.njk`, permalink: url, eleventyExcludeFromCollections: true },
      render: () => "",
    });
  }
}
