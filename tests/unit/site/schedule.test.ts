import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { ArticleSource } from "../../../src/lib/content/articles.ts";
import { scheduledChanges } from "../../../src/lib/site/schedule.ts";

const at = (text: string) => DateTime.fromISO(text, { setZone: true });
const source = (file: string, status: ArticleSource["status"], date: string, embargo?: string) =>
  ({
    file,
    url: `/news/${file}/`,
    status,
    fields: { date: at(date), ...(embargo ? { embargo: at(embargo) } : {}) },
  }) as unknown as ArticleSource;

describe("scheduledChanges", () => {
  const now = at("2026-11-20T12:00:00+07:00");

  it("lists, soonest first, each embargo lifting and each article entering and leaving the news sitemap", () => {
    expect(
      scheduledChanges(
        [
          source("old", "published", "2026-11-10T09:00:00+07:00"),
          source("recent", "published", "2026-11-19T09:00:00+07:00"),
          source("embargoed", "embargoed", "2026-11-21T08:00:00+07:00", "2026-11-21T08:00:00+07:00"),
          source("draft", "draft", "2026-11-21T08:00:00+07:00"),
          source("gone", "withdrawn", "2026-11-20T09:00:00+07:00"),
        ],
        now,
      ),
    ).toEqual([
      { at: "2026-11-21T08:00:00+07:00", change: "embargo-lifts", file: "embargoed", url: "/news/embargoed/" },
      { at: "2026-11-21T08:00:00+07:00", change: "enters-news-sitemap", file: "embargoed", url: "/news/embargoed/" },
      { at: "2026-11-21T09:00:00+07:00", change: "leaves-news-sitemap", file: "recent", url: "/news/recent/" },
      { at: "2026-11-23T08:00:00+07:00", change: "leaves-news-sitemap", file: "embargoed", url: "/news/embargoed/" },
    ]);
  });

  it("has nothing to say when nothing will change", () => {
    expect(scheduledChanges([source("old", "published", "2026-11-10T09:00:00+07:00")], now)).toEqual([]);
  });
});
