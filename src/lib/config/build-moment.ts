import type { DateTime } from "luxon";
import { resolveNow } from "../core/dates.ts";
import type { SiteConfig } from "./site-config.ts";

/** "Now" and whether drafts show, as a test or the environment may set them. */
export interface BuildMomentOptions {
  /** "Now", for embargoes and the news sitemap: an ISO date-time; defaults to `DATELINE_NOW`, then the clock. */
  now?: string;
  /** Show drafts and embargoed articles; defaults to true only in `--serve`/`--watch`. */
  includeUnpublished?: boolean;
}

/** `--serve` or `--watch`: a live preview, rebuilt on every change. */
export function isPreview(): boolean {
  return ["serve", "watch"].includes(process.env.ELEVENTY_RUN_MODE ?? "");
}

/** "Now" and whether drafts show, for this build: what every part of one build must agree on. */
export function resolveBuildMoment(
  options: BuildMomentOptions,
  site: SiteConfig,
): { now: DateTime; includeUnpublished: boolean } {
  return {
    now: resolveNow(options.now ?? process.env.DATELINE_NOW, site.timeZone),
    includeUnpublished: options.includeUnpublished ?? isPreview(),
  };
}
