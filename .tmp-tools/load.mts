import { loadArticles } from "/work/main/src/lib/articles.ts";
import { resolveNow } from "/work/main/src/lib/dates.ts";
import { validatePartners } from "/work/main/src/lib/partners.ts";
import partners from "/work/main/src/data/partners.ts";
import site from "/work/main/src/data/site.ts";
const t = performance.now();
const loaded = await loadArticles({ articlesDir: process.argv[2] ?? "/tmp/dateline-bench/corpus-10000/articles", displayRoot: process.cwd(), timeZone: site.timeZone, partners: validatePartners(partners), now: resolveNow("2026-11-01T00:00:00Z", site.timeZone), includeUnpublished: false, processPhoto: async () => { throw new Error("no"); } });
console.log("load", ((performance.now() - t) / 1000).toFixed(2), loaded.articles.length);
