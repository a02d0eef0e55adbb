// The vanilla Eleventy baseline for `npm run bench`: the corpus's Markdown files as ordinary
// Eleventy templates, minimal Nunjucks layouts, the same article pages and paginated lists of
// 20 per category, tag and partner, a paginated home and one feed. Nothing tuned.
// Run: eleventy --config=bench/vanilla/eleventy.config.mjs --input=<corpus> --output=<dir>
import path from "node:path";

const slug = (text) => String(text).toLowerCase().normalize("NFKD").replace(/\p{M}+/gu, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

export default function (eleventyConfig) {
  // Run from the folder that holds the corpus as `articles/` (--input=articles).
  const includes = path.relative(path.resolve("articles"), path.join(import.meta.dirname, "_includes"));
  eleventyConfig.setIncludesDirectory(includes);
  eleventyConfig.setLayoutsDirectory(includes);
  eleventyConfig.addGlobalData("layout", "article.njk");
  eleventyConfig.addGlobalData("permalink", () => (data) => (data.page.inputPath.endsWith(".md") ? `/news/${data.page.filePathStem.replace(/^\//, "")}/` : data.permalink));
  eleventyConfig.addFilter("slug", slug);
  eleventyConfig.addFilter("head", (list, n) => list.slice(0, n));

  eleventyConfig.addCollection("articles", (api) => api.getFilteredByGlob("**/*.md").sort((a, b) => b.date - a.date));
  eleventyConfig.addCollection("termPages", (api) => {
    const articles = api.getFilteredByGlob("**/*.md").sort((a, b) => b.date - a.date);
    const pages = [];
    for (const [taxonomy, key] of [["categories", "categories"], ["tags", "tags"], ["partners", "partner"]]) {
      const terms = new Map();
      for (const article of articles) {
        for (const term of [].concat(article.data[key] ?? [])) {
          if (!terms.has(term)) terms.set(term, []);
          terms.get(term).push(article);
        }
      }
      for (const [term, list] of terms) {
        for (let start = 0, n = 0; start < list.length; start += 20, n++) {
          pages.push({ taxonomy, term, url: `/${taxonomy}/${slug(term)}/${n ? `page/${n + 1}/` : ""}`, items: list.slice(start, start + 20) });
        }
      }
    }
    return pages;
  });

  eleventyConfig.addTemplate("terms.njk", "", { layout: "list.njk", pagination: { data: "collections.termPages", size: 1, alias: "termPage" }, permalink: "{{ termPage.url }}index.html" });
  eleventyConfig.addTemplate("index.njk", "", { layout: "home.njk", pagination: { data: "collections.articles", size: 20 }, permalink: "/{% if pagination.pageNumber %}page/{{ pagination.pageNumber + 1 }}/{% endif %}index.html" });
  eleventyConfig.addTemplate("feed.njk", "", { layout: "feed.njk", permalink: "/feed.xml" });
}
