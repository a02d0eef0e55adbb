import { describe, expect, it } from "vitest";
import {
  buildDirectory,
  cityName,
  pageLinks,
  pageUrl,
  type DirectoryOptions,
  type ListPage,
} from "../../../src/lib/site/directory.ts";
import { termKey } from "../../../src/lib/core/terms.ts";
import { fixturePartners } from "../../helpers/fixture-site.ts";
import { makeArticle, newestFirst } from "../../helpers/article-objects.ts";
import { BUILT_IN_SECTIONS } from "../../../src/lib/config/sections.ts";

const options: DirectoryOptions = {
  partners: fixturePartners,
  sections: BUILT_IN_SECTIONS,
  locale: "en-GB",
  pageSize: 20,
  feedSize: 50,
  relatedCount: 3,
};
const many = (n: number, fields = {}) =>
  newestFirst(
    Array.from({ length: n }, (_, i) =>
      makeArticle({ date: `2023-01-01T00:00:00Z`, slug: `a-${String(i).padStart(3, "0")}`, ...fields }),
    ),
  );

describe("pagination of a term", () => {
  const pagesOf = (count: number) => {
    const directory = buildDirectory(many(count, { categories: ["Energy"] }), options);
    return directory.termPages.filter((page) => page.breadcrumbs[2]?.url === "/categories/energy/");
  };

  it("makes no page for a term without articles", () => {
    const directory = buildDirectory(many(3, { categories: ["Energy"] }), options);
    expect(directory.taxonomies.find((t) => t.key === "tags")?.terms).toEqual([]);
    expect(directory.termPages.some((page) => page.url.startsWith("/tags/"))).toBe(false);
    // A configured partner without articles gets no page either.
    expect(directory.taxonomies[0]?.terms.map((t) => t.url)).toEqual(["/partners/prnewswire/"]);
  });

  it.each([
    [1, ["/categories/energy/"], [1]],
    [20, ["/categories/energy/"], [20]],
    [39, ["/categories/energy/"], [39]],
    [40, ["/categories/energy/", "/categories/energy/page/1/"], [20, 20]],
    [41, ["/categories/energy/", "/categories/energy/page/1/"], [21, 20]],
    [61, ["/categories/energy/", "/categories/energy/page/2/", "/categories/energy/page/1/"], [21, 20, 20]],
  ])(
    "%i articles make pages %j of %j (numbered from the oldest; the first holds the newest 20 to 39)",
    (count, urls, sizes) => {
      const pages = pagesOf(count);
      expect(pages.map((p) => p.url)).toEqual(urls);
      expect(pages.map((p) => p.articles.length)).toEqual(sizes);
      expect(pages.every((p) => JSON.stringify(p.pageUrls) === JSON.stringify(urls))).toBe(true);
    },
  );

  it("keeps the numbered pages as they were when releases are added", () => {
    /** What a page shows: its releases, its links and its words (`pageUrls` is not drawn). */
    const shows = (page: ListPage) =>
      JSON.stringify({
        ...page,
        pageUrls: undefined,
        articles: page.articles.map((article) => article.url),
      });
    const energyPages = (articles: ReturnType<typeof many>) =>
      new Map(
        buildDirectory(articles, options)
          .termPages.filter((page) => page.url.startsWith("/categories/energy/"))
          .map((page) => [page.url, shows(page)]),
      );
    const base = many(100, { categories: ["Energy"] });
    const newer = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        makeArticle({ date: "2023-02-01T00:00:00Z", slug: `b-${String(i).padStart(3, "0")}`, categories: ["Energy"] }),
      );
    const changedBy = (added: number) => {
      const before = energyPages(base);
      const after = energyPages(newestFirst([...base, ...newer(added)]));
      return [...after].filter(([url, page]) => before.get(url) !== page).map(([url]) => url);
    };
    // 100 releases: the first page holds 20, numbered pages 4 to 1 hold 20 each.
    expect(changedBy(7)).toEqual(["/categories/energy/"]);
    // The 20th new release cuts page 5; the pages within two of it link it, page 1 stays as it was.
    expect(changedBy(20)).toEqual([
      "/categories/energy/",
      "/categories/energy/page/5/",
      "/categories/energy/page/4/",
      "/categories/energy/page/3/",
      "/categories/energy/page/2/",
    ]);
  });

  it("links neighbours and titles numbered pages", () => {
    const [first, second, third] = pagesOf(61);
    expect([first?.previousUrl, first?.nextUrl]).toEqual([undefined, "/categories/energy/page/2/"]);
    expect([second?.previousUrl, second?.nextUrl]).toEqual(["/categories/energy/", "/categories/energy/page/1/"]);
    expect([third?.previousUrl, third?.nextUrl]).toEqual(["/categories/energy/page/2/", undefined]);
    expect(second?.title).toBe("Energy, page 2");
    expect(second?.breadcrumbs.map((c) => c.name)).toEqual(["Home", "Categories", "Energy", "Page 2"]);
    // A numbered page's description has no count that a new release would change.
    expect(first?.description).toBe("61 releases filed under category Energy.");
    expect(second?.description).toBe("Energy, page 2: older releases, the pages numbered from the oldest.");
    // Every article appears exactly once across the pages, in order.
    expect(pagesOf(61).flatMap((p) => p.articles.map((a) => a.slug))).toEqual(many(61).map((a) => a.slug));
  });

  it("gives the home page one page even with no articles", () => {
    const directory = buildDirectory([], options);
    expect(directory.homePages).toHaveLength(1);
    expect(directory.homePages[0]).toMatchObject({
      url: "/",
      articles: [],
      pageNumber: 0,
      pageLinks: [{ label: "Latest" }],
    });
    expect(directory.termPages).toEqual([]);
  });

  it("builds numbered page URLs, the first page without a number", () => {
    expect([pageUrl("/tags/x/", 0), pageUrl("/tags/x/", 1), pageUrl("/", 3)]).toEqual([
      "/tags/x/",
      "/tags/x/page/1/",
      "/page/3/",
    ]);
  });
});

describe("terms", () => {
  it("merges terms that differ only in case, accents or spacing, shown in the most used spelling", () => {
    const directory = buildDirectory(
      newestFirst([
        makeArticle({ tags: ["Énergie"] }),
        makeArticle({ tags: ["energie"] }),
        makeArticle({ tags: ["Energie "] }),
        makeArticle({ tags: ["energie"] }),
      ]),
      options,
    );
    const tags = directory.taxonomies.find((t) => t.key === "tags")!.terms;
    expect(tags.map((t) => [t.name, t.url, t.count])).toEqual([["energie", "/tags/energie/", 4]]);
  });

  it("counts an article once per term, however often it names it", () => {
    const directory = buildDirectory([makeArticle({ tags: ["Solar", "solar", "SOLAR"] })], options);
    expect(directory.taxonomies.find((t) => t.key === "tags")!.terms[0]?.count).toBe(1);
  });

  it("stops when two different terms would share a page, naming both", () => {
    const articles = newestFirst([
      makeArticle({ slug: "one", categories: ["C++"] }),
      makeArticle({ slug: "two", categories: ["C"] }),
    ]);
    expect(() => buildDirectory(articles, options)).toThrow(
      "Cannot build the directory: two terms would share one page (1 problem):\n" +
        '  - articles/two.md: `categories`: expected terms with slugs of their own (rename one of them), found "C" here and "C++" in articles/one.md, which would both have the page /categories/c/',
    );
  });

  it("sorts terms A–Z in the site's locale and groups companies and sources by letter", () => {
    const directory = buildDirectory(
      newestFirst([makeArticle({ companies: ["zeta Ltd", "Alpha Co", "Ångström AB", "3M-like Holdings", "beta"] })]),
      options,
    );
    const companies = directory.taxonomies.find((t) => t.key === "companies")!;
    expect(companies.terms.map((t) => t.name)).toEqual([
      "3M-like Holdings",
      "Alpha Co",
      "Ångström AB",
      "beta",
      "zeta Ltd",
    ]);
    const index = directory.indexPages.find((p) => p.url === "/companies/")!;
    expect(index.byLetter).toBe(true);
    expect(index.groups.map((g) => [g.heading, g.terms.map((t) => t.name)])).toEqual([
      ["A", ["Alpha Co", "Ångström AB"]],
      ["B", ["beta"]],
      ["Z", ["zeta Ltd"]],
      ["#", ["3M-like Holdings"]],
    ]);
  });

  it("finds each term's page URL by any spelling", () => {
    const directory = buildDirectory([makeArticle({ categories: ["Food & Agriculture"] })], options);
    expect(directory.termUrls.categories?.[termKey("FOOD & AGRICULTURE")]).toBe("/categories/food-agriculture/");
  });
});

describe("regions", () => {
  it("nests datelined cities under countries and lists world regions apart", () => {
    const directory = buildDirectory(
      newestFirst([
        makeArticle({ dateline: { city: "BEIJING", country: "China" }, regions: ["Asia"] }),
        makeArticle({ dateline: { city: "XI'AN, China", country: "China" }, regions: ["asia"] }),
        makeArticle({ dateline: { city: "SAN JOSE, Calif.", country: "United States" } }),
        makeArticle({ dateline: { city: "NOWHERE" } }),
      ]),
      options,
    );
    const regions = directory.taxonomies.find((t) => t.key === "regions")!.terms;
    expect(regions.map((t) => [t.name, t.count, t.children.map((c) => [c.name, c.url, c.count])])).toEqual([
      ["Asia", 2, []],
      [
        "China",
        2,
        [
          ["Beijing", "/regions/china/beijing/", 1],
          ["Xi'an", "/regions/china/xian/", 1],
        ],
      ],
      ["United States", 1, [["San Jose, Calif.", "/regions/united-states/san-jose-calif/", 1]]],
    ]);
    const index = directory.indexPages.find((p) => p.url === "/regions/")!;
    expect(index.groups.map((g) => [g.heading, g.terms.map((t) => t.name)])).toEqual([
      ["Countries", ["China", "United States"]],
      ["World regions", ["Asia"]],
    ]);
    const city = directory.termPages.find((p) => p.url === "/regions/china/xian/")!;
    expect(city.title).toBe("Xi'an, China");
    expect(city.breadcrumbs.map((c) => c.name)).toEqual(["Home", "Regions", "China", "Xi'an"]);
  });

  it.each([
    ["BEIJING", "China", "Beijing"],
    ["XI'AN, China", "China", "Xi'an"],
    ["HO CHI MINH CITY, Vietnam", "Vietnam", "Ho Chi Minh City"],
    ["SAN JOSE, Calif.", "United States", "San Jose, Calif."],
    ["New York", undefined, "New York"],
  ])("cityName(%j, %j) is %j", (city, country, expected) => expect(cityName(city, country)).toBe(expected));
});

describe("date archives", () => {
  it("groups by year and month in the site's zone, newest first", () => {
    const directory = buildDirectory(
      newestFirst([
        makeArticle({ date: "2023-12-31T20:00:00-05:00" }), // Jan. 1, 2024 in Bangkok
        makeArticle({ date: "2023-10-05T09:00:00+07:00" }),
        makeArticle({ date: "2023-10-06T09:00:00+07:00" }),
      ]),
      options,
    );
    const archive = directory.indexPages.find((p) => p.url === "/news/")!;
    expect(
      archive.groups[0]?.terms.map((y) => [y.name, y.count, y.children.map((m) => [m.name, m.url, m.count])]),
    ).toEqual([
      ["2024", 1, [["January 2024", "/news/2024/01/", 1]]],
      ["2023", 2, [["October 2023", "/news/2023/10/", 2]]],
    ]);
    expect(directory.termPages.filter((p) => p.kind === "archive").map((p) => p.url)).toEqual([
      "/news/2024/",
      "/news/2024/01/",
      "/news/2023/",
      "/news/2023/10/",
    ]);
  });
});

describe("related articles", () => {
  it("prefers the same company, then category, then tag; nearest in time first; never itself", () => {
    const self = makeArticle({
      slug: "self",
      date: "2023-10-10T00:00:00Z",
      companies: ["Lotus"],
      categories: ["Energy"],
      tags: ["solar"],
    });
    const sameTagNewest = makeArticle({ slug: "tag", date: "2023-10-20T00:00:00Z", tags: ["Solar"] });
    const sameCategory = makeArticle({ slug: "category", date: "2023-10-01T00:00:00Z", categories: ["energy"] });
    const sameCompanyOld = makeArticle({ slug: "company-old", date: "2023-09-01T00:00:00Z", companies: ["Lotus"] });
    const sameCompanyNew = makeArticle({
      slug: "company-new",
      date: "2023-10-05T00:00:00Z",
      companies: ["lotus"],
      categories: ["Energy"],
    });
    const unrelated = makeArticle({ slug: "unrelated", date: "2023-10-30T00:00:00Z" });
    const articles = newestFirst([self, sameTagNewest, sameCategory, sameCompanyOld, sameCompanyNew, unrelated]);
    const directory = buildDirectory(articles, options);
    const page = directory.articlePages.find((p) => p.article === self)!;
    expect(page.related.map((r) => r.url.split("/").at(-2))).toEqual(["company-new", "company-old", "category"]);
    expect(directory.articlePages.find((p) => p.article === unrelated)!.related).toEqual([]);
    expect(page.breadcrumbs).toEqual([
      { name: "Home", url: "/" },
      { name: "Partners", url: "/partners/" },
      { name: "Cision PR Newswire", url: "/partners/prnewswire/" },
    ]);
  });

  it("keeps an old article's related releases when newer ones of the same company arrive", () => {
    const at = (day: number) => `2023-10-${String(day).padStart(2, "0")}T00:00:00Z`;
    const releases = Array.from({ length: 12 }, (_, i) =>
      makeArticle({ slug: `lotus-${i + 1}`, date: at(i + 1), companies: ["Lotus"] }),
    );
    const before = buildDirectory(newestFirst(releases), options);
    const later = [20, 21, 22].map((day) =>
      makeArticle({ slug: `lotus-new-${day}`, date: at(day), companies: ["Lotus"] }),
    );
    const after = buildDirectory(newestFirst([...releases, ...later]), options);
    const relatedOf = (directory: ReturnType<typeof buildDirectory>, slug: string) =>
      directory.articlePages.find((p) => p.article.slug === slug)!.related.map((r) => r.slug);
    // Nearest first, the newer of two equally near first.
    expect(relatedOf(before, "lotus-5")).toEqual(["lotus-6", "lotus-4", "lotus-7"]);
    for (const release of releases.slice(0, 10))
      expect(relatedOf(after, release.slug)).toEqual(relatedOf(before, release.slug));
    expect(relatedOf(after, "lotus-new-22")).toEqual(["lotus-new-21", "lotus-new-20", "lotus-12"]);
  });

  it("orders a tier by nearness in the site's order (newest first, then by URL for the same moment)", () => {
    const same = "2023-10-10T00:00:00Z";
    const self = makeArticle({ slug: "self", date: "2023-10-11T00:00:00Z", categories: ["Energy"] });
    const [b, a, c] = ["b-release", "a-release", "c-release"].map((slug) =>
      makeArticle({ slug, date: same, categories: ["Energy"] }),
    );
    const older = makeArticle({ slug: "older", date: "2023-10-01T00:00:00Z", categories: ["Energy"] });
    const directory = buildDirectory(newestFirst([older, c!, self, b!, a!]), options);
    const page = directory.articlePages.find((p) => p.article === self)!;
    expect(page.related.map((r) => r.slug)).toEqual(["a-release", "b-release", "c-release"]);
    // The related are the articles themselves: the page draws their title, URL and dateline.
    expect(page.related[0]).toBe(a);
  });
});

describe("feeds", () => {
  it("has a site feed and one per partner and per category, each holding the newest items", () => {
    const directory = buildDirectory(many(60, { categories: ["Energy"] }), { ...options, feedSize: 50 });
    expect(directory.feeds.map((f) => [f.url, f.alternateUrl, f.articles.length])).toEqual([
      ["/feed.xml", "/", 50],
      ["/partners/prnewswire/feed.xml", "/partners/prnewswire/", 50],
      ["/categories/energy/feed.xml", "/categories/energy/", 50],
    ]);
  });
});

describe("numbered page links", () => {
  /** A list of `count` pages, newest first: the first page, then numbers from `count - 1` down to 1. */
  const pages = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      i === 0 ? { number: 0, url: "/" } : { number: count - i, url: `/page/${count - i}/` },
    );
  const shown = (index: number, count: number) =>
    pageLinks(index, pages(count))
      .map((link) => ("gap" in link ? "…" : link.current ? `[${link.label}]` : link.label))
      .join(" ");

  it("shows every page of a short list, the first page as Latest", () => {
    expect(shown(0, 1)).toBe("[Latest]");
    expect(shown(2, 5)).toBe("Latest 4 [3] 2 1");
  });

  it("shows the first, the oldest and two neighbours of a long list, with gaps", () => {
    expect(shown(0, 500)).toBe("[Latest] 499 498 … 1");
    expect(shown(249, 500)).toBe("Latest … 253 252 [251] 250 249 … 1");
    expect(shown(499, 500)).toBe("Latest … 3 2 [1]");
    expect(pageLinks(1, pages(500))[0]).toEqual({ label: "Latest", number: 0, url: "/", current: false });
  });

  it("keeps each page's links few however long the list (5 000 pages)", () => {
    expect(pageLinks(2500, pages(5000)).length).toBeLessThanOrEqual(9);
  });
});
