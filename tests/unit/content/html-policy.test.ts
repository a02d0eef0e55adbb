import { describe, expect, it } from "vitest";
import {
  bodyPolicy,
  disallowedUrls,
  importPolicy,
  isAllowedUrl,
  MAX_NESTING,
  nestingDepth,
  nestingProblem,
  sanitizeWithPolicy,
} from "../../../src/lib/content/html-policy.ts";

const LINKS = ["http", "https", "mailto", "tel"];

describe("isAllowedUrl", () => {
  it.each([
    ["https://example.com/a?b=c#d"],
    ["http://example.com/"],
    ["mailto:press@example.com"],
    ["tel:+8610123"],
    ["/news/2023/10/a/"],
    ["a/b.html"],
    ["?q=1"],
    ["#section"],
    ["page.html?x=a:b"],
  ])("keeps %s", (url) => {
    expect(isAllowedUrl(url, LINKS)).toBe(true);
  });

  it.each([
    ["javascript:alert(1)"],
    ["JaVaScRiPt:alert(1)"],
    ["vbscript:x"],
    ["data:text/html,x"],
    ["//evil.example/"],
    ["\\\\evil.example\\a"],
    ["java\tscript:alert(1)"],
    ["java\u0000script:alert(1)"],
    // A scheme hidden behind a leading whitespace, separator, control or format character:
    // browsers or the feed's URL rewriting trim these and revive the scheme.
    ["\u2003javascript:alert(1)"],
    ["\u2028javascript:alert(1)"],
    ["\u2029javascript:alert(1)"],
    ["\u00a0javascript:alert(1)"],
    ["\u3000javascript:alert(1)"],
    ["\ufeffjavascript:alert(1)"],
    ["\u200bjavascript:alert(1)"],
    ["\u000bjavascript:alert(1)"],
    ["\u001fjavascript:alert(1)"],
    ["\u0085javascript:alert(1)"],
    [" https://example.com/"],
    ["\u2003https://example.com/"],
    ["jav\u200bascript:alert(1)"],
    ["https\u2003://example.com/"],
    ["x:y"],
    [""],
  ])("refuses %j", (url) => {
    expect(isAllowedUrl(url, LINKS)).toBe(false);
  });

  it("checks the scheme against the list it is given", () => {
    expect(isAllowedUrl("http://example.com/a.jpg", ["https"])).toBe(false);
    expect(isAllowedUrl("https://example.com/a.jpg", ["https"])).toBe(true);
  });
});

describe("bodyPolicy", () => {
  const clean = (html: string) => sanitizeWithPolicy(html, bodyPolicy());

  it.each([["&#x2003;"], ["&#x2028;"], ["&#x2029;"], ["&#xFEFF;"], ["&#x0B;"], ["&#160;"], ["&#x3000;"]])(
    "drops a javascript: link hidden behind %s",
    (hidden) => {
      expect(clean(`<a href="${hidden}javascript:alert(1)">x</a>`)).toBe("<a>x</a>");
    },
  );

  it("keeps https body images only", () => {
    expect(clean('<img src="https://cdn.example/a.jpg" alt="A">')).toBe(
      '<img src="https://cdn.example/a.jpg" alt="A" />',
    );
    expect(clean('<p><img src="http://cdn.example/a.jpg" alt="A">text</p>')).toBe("<p>text</p>");
    expect(clean('<img src="&#x2003;https://cdn.example/a.jpg">')).toBe("");
  });

  it("marks external links nofollow and makes h1 an h2", () => {
    expect(clean('<h1>T</h1><a href="https://e.example/" rel="opener">x</a>')).toBe(
      '<h2>T</h2><a href="https://e.example/" rel="nofollow noopener noreferrer">x</a>',
    );
  });
});

describe("importPolicy", () => {
  const clean = (html: string) => sanitizeWithPolicy(html, importPolicy());

  it("is the body policy for links", () => {
    expect(clean('<div><a href="&#x2028;javascript:alert(1)">x</a><a href="https://e.example/">y</a></div>')).toBe(
      '<div><a>x</a><a href="https://e.example/">y</a></div>',
    );
  });

  it("keeps http images for the importer to resolve, and drops page chrome with its content", () => {
    expect(clean('<nav>Menu</nav><img src="http://cdn.example/a.jpg"><form><button>Go</button></form>')).toBe(
      '<img src="http://cdn.example/a.jpg" />',
    );
  });
});

describe("nestingDepth", () => {
  it("does not parse HTML with fewer tags than the limit", () => {
    expect(nestingDepth("<b>".repeat(MAX_NESTING))).toBe(0);
  });

  it("counts open elements, including ones never closed", () => {
    expect(nestingDepth("<b>".repeat(150))).toBe(150);
    expect(nestingDepth("<b><i>".repeat(100) + "</i></b>".repeat(100))).toBe(200);
    expect(nestingDepth("<p>x</p>".repeat(300))).toBe(1);
    expect(nestingDepth("<img src=x>".repeat(300))).toBe(0);
  });

  it("describes a body nested too deeply", () => {
    expect(nestingProblem("<b>".repeat(5_000))).toEqual({
      expected: "HTML nested at most 100 elements deep",
      found: "elements nested 5000 deep",
    });
    expect(nestingProblem("<b>x</b>")).toBeUndefined();
  });
});

describe("disallowedUrls", () => {
  it("passes finished HTML whose links and images the policy allows", () => {
    expect(
      disallowedUrls(
        '<a href="https://e.example/a?b=1&amp;c=2">x</a><img src="/p.jpg" srcset="/p-400.jpg 400w, https://e.example/p-800.jpg 800w"><a href="mailto:a@e.example">m</a>',
      ),
    ).toEqual([]);
  });

  it("names every refused URL, decoded, in href, src and srcset", () => {
    expect(
      disallowedUrls(
        `<a href="javascript:alert(1)">x</a><a href='&#x2003;javascript:alert(2)'>y</a><img src="data:image/png;base64,AA"><img srcset="/a.jpg 1x, vbscript:x 2x">`,
      ),
    ).toEqual(["javascript:alert(1)", "\u2003javascript:alert(2)", "data:image/png;base64,AA", "vbscript:x"]);
  });
});
