import { describe, expect, it } from "vitest";
import { renderArticleBody } from "../../../src/lib/content/markdown.ts";

describe("renderArticleBody", () => {
  it("renders Markdown: paragraphs, lists, tables, links, emphasis", () => {
    const html = renderArticleBody(
      "Para *em* **strong**\n\n- a\n- b\n\n| h |\n|---|\n| c |\n\n[link](https://example.com/a)\n",
    );
    expect(html).toContain("<p>Para <em>em</em> <strong>strong</strong></p>");
    expect(html).toContain("<ul>\n<li>a</li>");
    expect(html).toContain("<table>");
    expect(html).toContain('<a href="https://example.com/a" rel="nofollow noopener noreferrer">link</a>');
  });

  it("leaves template syntax as literal text", () => {
    const html = renderArticleBody("Hello {{ site.name }} {% include 'x.njk' %} {{ 7*7 }}");
    expect(html).toBe("<p>Hello {{ site.name }} {% include 'x.njk' %} {{ 7*7 }}</p>\n");
  });

  it("turns an h1 into an h2: the headline is the page's only h1", () => {
    expect(renderArticleBody("# Big")).toBe("<h2>Big</h2>\n");
  });

  it("keeps internal links without rel and replaces any rel given in the input", () => {
    expect(renderArticleBody('<a href="/news/" rel="opener">x</a>')).toBe('<p><a href="/news/">x</a></p>\n');
    expect(renderArticleBody('<a href="https://e.example/" rel="opener">x</a>')).toBe(
      '<p><a href="https://e.example/" rel="nofollow noopener noreferrer">x</a></p>\n',
    );
  });

  it.each<[string, string, RegExp]>([
    ["script", "<script>alert(1)</script>ok", /<script|alert/i],
    ["event handler", '<p onclick="alert(1)">x</p>', /onclick/i],
    ["img onerror", '<img src="https://e.example/a.jpg" onerror="alert(1)">', /onerror/i],
    ["javascript: link", '<a href="javascript:alert(1)">x</a>', /javascript/i],
    ["mixed-case javascript: link", '<a href="JaVaScRiPt:alert(1)">x</a>', /javascript/i],
    ["entity-encoded javascript: link", '<a href="&#106;avascript:alert(1)">x</a>', /javascript|alert/i],
    ["javascript: with a tab", '<a href="java\tscript:alert(1)">x</a>', /script:/i],
    ["vbscript: link", '<a href="vbscript:msgbox(1)">x</a>', /vbscript/i],
    ["data: link", '<a href="data:text/html,<script>alert(1)</script>">x</a>', /data:|alert/i],
    ["data: image", '<img src="data:image/svg+xml;base64,PHN2Zz4=">', /data:/i],
    ["markdown javascript: link", "[x](javascript:alert(1))", /href="javascript/i],
    ["svg onload", '<svg onload="alert(1)"><circle/></svg>', /svg|onload/i],
    ["iframe", '<iframe src="https://evil.example/"></iframe>', /iframe|evil/i],
    ["style element", "<style>body{display:none}</style>", /style|display/i],
    ["style attribute", '<p style="position:fixed">x</p>', /style/i],
    ["form", '<form action="https://evil.example/"><input name="password"></form>', /form|input|evil/i],
    ["base", '<base href="https://evil.example/">', /base|evil/i],
    ["meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">', /meta|refresh/i],
    ["DOM clobbering id", '<a id="site" name="config" href="/x">x</a>', /id=|name=/i],
    ["object/embed", '<object data="x.swf"></object><embed src="x.swf">', /object|embed|swf/i],
    ["protocol-relative image", '<img src="//evil.example/a.jpg">', /evil/i],
  ])("removes %s", (_name, input, forbidden) => {
    expect(renderArticleBody(input)).not.toMatch(forbidden);
  });

  it("keeps absolute https images and drops http and relative ones (mixed content; a relative path cannot resolve from the article URL)", () => {
    expect(renderArticleBody('<img src="https://cdn.example/a.jpg" alt="A">')).toBe(
      '<img src="https://cdn.example/a.jpg" alt="A" />',
    );
    expect(renderArticleBody('<p><img src="http://cdn.example/a.jpg" alt="A"> text</p>')).toBe("<p> text</p>");
    expect(renderArticleBody("![A](http://cdn.example/a.jpg) text")).toBe("<p> text</p>\n");
    expect(renderArticleBody('<p><img src="photo.jpg" alt="A"> text</p>')).toBe("<p> text</p>");
  });

  it("renders pathological emphasis quickly", () => {
    const started = performance.now();
    renderArticleBody("*_".repeat(40_000));
    renderArticleBody('"'.repeat(40_000));
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
