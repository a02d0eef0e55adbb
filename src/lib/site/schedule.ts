import type { DateTime } from "luxon";
import type { ArticleSource } from "../content/articles.ts";
import { formatIsoDateTime } from "../core/dates.ts";
import { NEWS_WINDOW_HOURS } from "./sitemaps.ts";

/**
 * When the built site changes by itself, with no file edited: an embargo lifts, an article's
 * date arrives (it enters the news sitemap) or passes 48 hours (it leaves it). A static site
 * shows these only when a build runs, so a scheduler asks for the next one and builds then.
 */
export interface ScheduledChange {
  at: string;
  change: "embargo-lifts" | "enters-news-sitemap" | "leaves-news-sitemap";
  file: string;
  url: string;
}

export function scheduledChanges(sources: readonly ArticleSource[], now: DateTime): ScheduledChange[] {
  const changes: Array<ScheduledChange & { millis: number }> = [];
  const add = (at: DateTime, change: ScheduledChange["change"], source: ArticleSource) => {
    if (at > now)
      changes.push({ at: formatIsoDateTime(at), millis: at.toMillis(), change, file: source.file, url: source.url });
  };
  for (const source of sources) {
    if (source.status === "draft" || source.status === "withdrawn") continue;
    const { embargo, date } = source.fields;
    if (embargo && embargo > now) add(embargo, "embargo-lifts", source);
    add(date, "enters-news-sitemap", source);
    add(date.plus({ hours: NEWS_WINDOW_HOURS }), "leaves-news-sitemap", source);
  }
  return changes
    .sort((a, b) => a.millis - b.millis || a.file.localeCompare(b.file))
    .map(({ millis: _millis, ...change }) => change);
}
