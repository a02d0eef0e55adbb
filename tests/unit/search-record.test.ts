import { describe, expect, it } from "vitest";
import { searchRecord } from "../../src/lib/search-index.ts";
import { fixturePartners } from "../helpers/fixture-site.ts";
import { makeArticle } from "../helpers/article-objects.ts";

describe("searchRecord", () => {
  it("holds the headline, summary, dateline, captions and body text, and the four filters", () => {
    const article = makeArticle({
      title: "Lotus Grid opens a plant",
      summary: "A summary &amp; more",
      date: "2025-12-31T20:00:00Z", // 2026 in Bangkok
      dateline: { city: "BEIJING", country: "China" },
      partner: fixturePartners[1]!,
      categories: ["Energy", "Utilities"],
      photos: [{ src: "a.jpg", alt: "Alt text", caption: "Cranes at dawn", credit: "Photo: Lotus", html: "", thumbnailHtml: "", largest: { url: "/p.jpg", width: 1, height: 1 } }],
      bodyHtml: "<p>Heliostats &amp; <strong>mirrors</strong>.</p>\n<ul><li>one</li></ul>",
    });
    const record = searchRecord(article, "en");
    expect(record.url).toBe(article.url);
    expect(record.language).toBe("en");
    expect(record.meta).toEqual({ title: "Lotus Grid opens a plant" });
    for (const text of ["Lotus Grid opens a plant", "A summary &amp; more", "BEIJING, Jan. 1, 2026 (GLOBE NEWSWIRE) —", "Cranes at dawn Photo: Lotus", "Heliostats & mirrors", "one"]) {
      expect(record.content).toContain(text);
    }
    expect(record.content).not.toMatch(/<|perspectives|republishes/);
    expect(record.filters).toEqual({ partner: ["GlobeNewswire"], category: ["Energy", "Utilities"], region: ["China"], year: ["2026"] });
  });

  it("leaves out the region filter when the dateline has no country", () => {
    expect(searchRecord(makeArticle({ dateline: { city: "NOWHERE" } }), "en").filters.region).toBeUndefined();
  });
});
