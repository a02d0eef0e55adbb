import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import {
  AuditError,
  auditSite,
  checkedSegments,
  readCheckedSegments,
  searchSegmentFindings,
  withdrawnInSearchIndex,
  writeCheckedSegments,
  type LoadedBuild,
} from "../lib/compliance/audit.ts";
import type { InstalledSearchIndex } from "../lib/search/search-index.ts";
import type { Partner } from "../lib/config/partners.ts";
import { ownsUrl } from "../lib/build/shard.ts";
import type { SiteConfig } from "../lib/config/site-config.ts";
import type { Shard } from "../lib/build/shard.ts";
import { isPreview } from "../lib/config/build-moment.ts";
import type { EleventyAfterEvent } from "../types/eleventy-events.ts";

/**
 * Every production build ends with the syndication audit of what it wrote; a finding fails the
 * build, so `npm run build` never swaps a non-compliant site into `_site`. Preview builds show
 * drafts on purpose and are not audited.
 */
export default function auditPlugin(
  eleventyConfig: UserConfig,
  options: {
    site: SiteConfig;
    partners: Partner[];
    /** The part of the site this process renders. */
    shard: Shard;
    /** What this build loaded (given by the articles plugin when it loaded them). */
    loaded: () => LoadedBuild | undefined;
    /** The search index this build installs, when it builds one (given by the search plugin). */
    searchIndex?: () => Promise<InstalledSearchIndex> | undefined;
    /** The build cache, where the audit notes which search segments it checked for which withdrawals. */
    cacheDir?: string;
  },
): void {
  eleventyConfig.on("eleventy.after", async ({ directories, results }: EleventyAfterEvent) => {
    const loaded = options.loaded();
    const index = options.searchIndex?.();
    // A preview that rendered nothing from the articles loads none; a production build always does.
    if (!loaded && isPreview()) return;
    if (!loaded) throw new Error("The syndication audit has nothing to check: this build loaded no articles");
    const { sources: loadedSources, now, includeUnpublished } = loaded;
    if (includeUnpublished) return;
    // What Eleventy just rendered, so the audit need not read every page back from disk.
    const rendered = new Map<string, string>();
    for (const { outputPath, content } of results ?? []) {
      if (outputPath) rendered.set(path.relative(directories.output, outputPath).split(path.sep).join("/"), content);
    }
    // Each shard of a parallel build checks the article pages it owns (so a missing page is
    // still found) and looks for unpublished articles in everything it wrote.
    // A page reused from the previous site was audited by the build that rendered it.
    const sources = loadedSources.filter(
      (source) =>
        source.status !== "published" || (ownsUrl(options.shard, source.url) && !loaded.isReused?.(source.url)),
    );
    const findings = await auditSite({
      siteDir: directories.output,
      site: options.site,
      partners: options.partners,
      sources,
      now,
      rendered,
    });
    // The index is installed beside this check; a failed index fails the build on its own.
    const installed = index ? await index.catch(() => undefined) : undefined;
    const withdrawn = loadedSources.filter((source) => source.status === "withdrawn");
    const { cacheDir } = options;
    if (installed) {
      const checked = cacheDir ? await readCheckedSegments(cacheDir) : new Map<string, Set<string>>();
      findings.push(
        ...(await withdrawnInSearchIndex(installed.folder, withdrawn, { segments: installed.segments, checked })),
        ...(await searchSegmentFindings(rendered.get("search/index.html"), installed.folder)),
      );
    }
    if (findings.length > 0) throw new AuditError(findings);
    if (installed && cacheDir) await writeCheckedSegments(cacheDir, checkedSegments(installed.segments, withdrawn));
    await loaded.onAudited?.();
  });
}
