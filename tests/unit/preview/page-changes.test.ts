import { describe, expect, it } from "vitest";
import { PageChanges } from "../../../src/lib/preview/page-changes.ts";

describe("preview page changes", () => {
  const article = (title: string) => ({ title });

  it("renders every page the first time, then only the pages whose data or articles changed", () => {
    const changes = new PageChanges();
    const a = article("A");
    const b = article("B");
    const pages = [
      { url: "/a/", article: a },
      { url: "/b/", article: b },
      { url: "/list/", articles: [a, b] },
    ];
    changes.start();
    expect(changes.select(pages, (p) => p.url, [a, b], "site")).toHaveLength(3);
    changes.commit();

    // b's file was edited: a new object for it, the old one for a.
    const b2 = article("B edited");
    const next = [
      { url: "/a/", article: a },
      { url: "/b/", article: b2 },
      { url: "/list/", articles: [a, b2] },
    ];
    changes.start();
    expect(changes.select(next, (p) => p.url, [a, b2], "site").map((p) => p.url)).toEqual(["/b/", "/list/"]);
    changes.commit();

    changes.start();
    expect(changes.select(next, (p) => p.url, [a, b2], "site")).toEqual([]);
    // Something every page depends on changed: all of them again.
    expect(changes.select(next, (p) => p.url, [a, b2], "other site")).toHaveLength(3);
  });

  it("compares with the last build that finished, and starts afresh after a reset", () => {
    const changes = new PageChanges();
    const a = article("A");
    const pages = [{ url: "/a/", article: a }];
    changes.start();
    changes.select(pages, (p) => p.url, [a], "");
    // That build failed: no commit, so the page is still to be rendered.
    changes.start();
    expect(changes.select(pages, (p) => p.url, [a], "")).toHaveLength(1);
    changes.commit();
    changes.reset();
    changes.start();
    expect(changes.select(pages, (p) => p.url, [a], "")).toHaveLength(1);
  });
});

describe("preview page changes across a build that reused its data", () => {
  it("keeps the last signatures when a build selected nothing", () => {
    const changes = new PageChanges();
    const a = { title: "A" };
    const pages = [{ url: "/a/", article: a }];
    changes.start();
    changes.select(pages, (p) => p.url, [a], "");
    changes.commit();
    changes.commit(); // Eleventy built again without asking for the data
    changes.start();
    expect(changes.select(pages, (p) => p.url, [a], "")).toEqual([]);
  });
});
