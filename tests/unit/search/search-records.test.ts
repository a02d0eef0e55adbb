import { describe, expect, it } from "vitest";
import { completeSearchRecord } from "../../../src/lib/search/search-index.ts";
import { filterSpellings, searchRecord, unrenderedSearchRecord } from "../../../src/lib/search/search-records.ts";
import { fixturePartners } from "../../helpers/fixture-site.ts";
import { makeArticle } from "../../helpers/article-objects.ts";
import { BUILT_IN_SECTIONS } from "../../../src/lib/config/sections.ts";

describe("searchRecord", () => {
  it("holds the headline, summary, dateline, captions and body text, and the four filters", () => {
    const article = makeArticle({
      title: "Lotus Grid opens a plant",
      summary: "A summary &amp; more",
      date: "2025-12-31T20:00:00Z", // 2026 in Bangkok; the dateline keeps the wire's own date
      dateline: { city: "BEIJING", country: "China" },
      partner: fixturePartners[1]!,
      categories: ["Energy", "Utilities"],
      photos: [
        {
          src: "a.jpg",
          alt: "Alt text",
          caption: "Cranes at dawn",
          credit: "Photo: Lotus",
          html: "",
          thumbnailHtml: "",
          largest: { url: "/p.jpg", width: 1, height: 1 },
          smallest: { url: "/photos/abc-480.jpeg", width: 480, height: 320 },
        },
      ],
      bodyHtml: "<p>Heliostats &amp; <strong>mirrors</strong>.</p>\n<ul><li>one</li></ul>",
    });
    const record = searchRecord(article, { language: "en", sections: BUILT_IN_SECTIONS });
    expect(record.url).toBe(article.url);
    expect(record.language).toBe("en");
    expect(record.meta).toEqual({
      title: "Lotus Grid opens a plant",
      Date: "Jan. 1, 2026",
      Partner: "GlobeNewswire",
      image: "/photos/abc-480.jpeg",
      image_alt: "",
    });
    // An excerpt is cut around the words found: the body comes before the captions.
    expect(record.content.indexOf("Heliostats")).toBeLessThan(record.content.indexOf("Cranes at dawn"));
    expect(
      searchRecord({ ...article, photos: [] }, { language: "en", sections: BUILT_IN_SECTIONS }).meta,
    ).not.toHaveProperty("image");
    for (const text of [
      "Lotus Grid opens a plant",
      "A summary &amp; more",
      "BEIJING, Dec. 31, 2025 (GLOBE NEWSWIRE) —",
      "Cranes at dawn Photo: Lotus",
      "Heliostats & mirrors",
      "one",
    ]) {
      expect(record.content).toContain(text);
    }
    expect(record.content).not.toMatch(/<|perspectives|republishes/);
    expect(record.filters).toEqual({
      partner: ["GlobeNewswire"],
      category: ["Energy", "Utilities"],
      region: ["China"],
      year: ["2026"],
    });
  });

  it("escapes every value Pagefind's UI may write as HTML: title, partner, category and region", () => {
    const record = searchRecord(
      makeArticle({
        title: `<img src=x onerror=alert(1)> & "Ports"`,
        dateline: { city: "OSLO", country: "<svg onload=alert(1)>" },
        partner: { ...fixturePartners[0]!, name: "AT&T <b>Wire</b>" },
        categories: ["<img name=createElement>", "Plain"],
      }),
      { language: "en", sections: BUILT_IN_SECTIONS },
    );
    expect(record.meta.title).toBe("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Ports&quot;");
    expect(record.filters).toEqual({
      partner: ["AT&amp;T &lt;b&gt;Wire&lt;/b&gt;"],
      category: ["&lt;img name=createElement&gt;", "Plain"],
      region: ["&lt;svg onload=alert(1)&gt;"],
      year: ["2023"],
    });
  });

  it("leaves out the region filter when the dateline has no country", () => {
    expect(
      searchRecord(makeArticle({ dateline: { city: "NOWHERE" } }), { language: "en", sections: BUILT_IN_SECTIONS })
        .filters.region,
    ).toBeUndefined();
  });

  it("shows each term once, in the spelling most articles of the site use, as its directory page does", () => {
    const site = { language: "en", sections: BUILT_IN_SECTIONS };
    const articles = [
      makeArticle({ categories: ["Utilities", "utilities ", "Solar"], dateline: { city: "OSLO", country: "norway" } }),
      makeArticle({ categories: ["utilities"], dateline: { city: "BERGEN", country: "Norway" } }),
      makeArticle({ categories: ["utilities"], dateline: { city: "OSLO", country: "Norway" } }),
    ];
    const spellings = filterSpellings(articles, BUILT_IN_SECTIONS);
    expect(searchRecord(articles[0]!, site, spellings).filters).toMatchObject({
      category: ["utilities", "Solar"],
      region: ["Norway"],
    });
    // Without the site's spellings, the article's own (still once per term).
    expect(searchRecord(articles[0]!, site).filters.category).toEqual(["Utilities", "Solar"]);
  });
});

describe("unrenderedSearchRecord", () => {
  it("never reads the body, and with the body's HTML completes to the same record as searchRecord", () => {
    const site = { language: "en", sections: BUILT_IN_SECTIONS };
    const article = makeArticle({
      summary: "Tabs\tand  spaces",
      bodyHtml: "<p> Ferries &amp;\t<em>ports</em> </p>",
      photos: [
        {
          src: "a.jpg",
          alt: "",
          caption: "Quay",
          html: "",
          thumbnailHtml: "",
          largest: { url: "/l.jpg", width: 2, height: 2 },
          smallest: { url: "/s.jpg", width: 1, height: 1 },
        },
      ],
    });
    const unrendering = Object.create(article, {
      bodyHtml: {
        get: () => {
          throw new Error("the body was rendered");
        },
      },
    }) as typeof article;
    const unrendered = unrenderedSearchRecord(unrendering, site);
    expect(completeSearchRecord(unrendered, article.bodyHtml)).toEqual(searchRecord(article, site));
    expect(searchRecord(article, site).content).toContain("Ferries & ports");
  });
});
