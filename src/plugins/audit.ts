import type UserConfig from "@11ty/eleventy/UserConfig";
import { AuditError, auditSite } from "../lib/audit.ts";
import type { Partner } from "../lib/partners.ts";
import type { SiteConfig } from "../lib/site-config.ts";
import type { BuildState } from "./articles.ts";

/**
 * Every production build ends with the syndication audit of what it wrote; a finding fails the
 * build, so `npm run build` never swaps a non-compliant site into `_site`. Preview builds show
 * drafts on purpose and are not audited.
 */
export default function auditPlugin(eleventyConfig: UserConfig, options: { site: SiteConfig; partners: Partner[]; state: BuildState }): void {
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    const { state } = options;
    if (state.includeUnpublished || !state.now) return;
    const findings = await auditSite({ siteDir: directories.output, site: options.site, partners: options.partners, sources: state.sources, now: state.now });
    if (findings.length > 0) throw new AuditError(findings);
  });
}
