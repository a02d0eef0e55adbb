import { describe, expect, it } from "vitest";
import partners from "../../../src/data/partners.ts";
import { cleanReleaseBody } from "../../../src/lib/import/body.ts";
import { htmlToText } from "../../../src/lib/import/text.ts";
import { renderArticleBody } from "../../../src/lib/content/markdown.ts";

const clean = (html: string, extra: { baseUrl?: string; captions?: string[] } = {}) =>
  cleanReleaseBody(html, {
    partners,
    captions: extra.captions ?? [],
    ...(extra.baseUrl ? { baseUrl: extra.baseUrl } : {}),
  });

describe("cleanReleaseBody", () => {
  it("takes the dateline out of the first paragraph, markup and all", () => {
    const body = clean("<p><strong>BEIJING</strong>, Oct. 24, 2023 /PRNewswire/ -- <b>Acme</b> grew.</p><p>More.</p>");
    expect(body.dateline).toMatchObject({ place: "BEIJING", tag: "PRNewswire" });
    expect(body.markdown).toBe("**Acme** grew.\n\nMore.");
  });

  it("turns text before the dateline into the lead", () => {
    const body = clean("<p><em>Second line of the headline</em></p><p>TOKYO, June 1, 2026 /PRNewswire/ -- Text.</p>");
    expect(body.lead).toBe("Second line of the headline");
    expect(body.markdown).toBe("Text.");
  });

  it("removes any configured partner's disclaimer, with another site's name and curly quotes", () => {
    const body = clean(
      "<p>Text.</p><p>The information provided in this article was created by Business Wire, our news partner. The author\u2019s opinions and the content shared on this page are their own and may not necessarily represent the perspectives of Another Site Ltd.</p>",
    );
    expect(body.markdown).toBe("Text.");
    expect(body.notes).toContain("dropped a partner disclaimer already in the text (the page adds the right one)");
  });

  it("reads source lines, with and without a title and link", () => {
    expect(clean("<p>Text.</p><p>Source: Xinhua Silk Road: Tea town: a story</p>").source).toEqual({
      name: "Xinhua Silk Road",
      title: "Tea town: a story",
    });
    expect(clean('<p>Text.</p><p>Source: <a href="https://silkroad.example/a">Harbour Daily</a></p>').source).toEqual({
      name: "Harbour Daily",
      url: "https://silkroad.example/a",
    });
    expect(clean("<p>Text.</p><p>SOURCE Lantern Bay Ferries Ltd.</p>").issuer).toBe("Lantern Bay Ferries Ltd.");
  });

  it("keeps an original link with its URL and drops a label without one", () => {
    const withUrl = clean(
      '<p>Text.</p><p>View original content:<a href="https://wire.example/r/1">https://wire.example/r/1</a></p>',
    );
    expect(withUrl.originalUrl).toBe("https://wire.example/r/1");
    expect(withUrl.markdown).toBe("Text.");
    const bare = clean("<p>Text.</p><p>Original link:</p>");
    expect(bare.originalUrl).toBeUndefined();
    expect(bare.markdown).toBe("Text.");
    expect(bare.notes).toContain('dropped the label "Original link:": it has no URL after it');
    expect(
      clean(
        '<p>Text.</p><p>View source version on businesswire.com: <a href="https://bw.example/x">https://bw.example/x</a></p>',
      ).originalUrl,
    ).toBe("https://bw.example/x");
  });

  it("drops page chrome: sign-in, password reset, share buttons, cookie notes", () => {
    const body = clean(
      "<p>Sign in</p><p>Log in or register to comment</p><p>Forgot your password?</p><div>Share <a href='https://fb.example'>Facebook</a> | <a href='https://x.example'>X</a></div>" +
        "<p>Text.</p><p>We use cookies on this site. By continuing you accept our cookie policy.</p>",
    );
    expect(body.markdown).toBe("Text.");
  });

  it("makes one caption of a caption printed twice or repeated as alt text", () => {
    const body = clean(
      '<figure><img src="https://cdn.example/p.jpg" alt="A crane at dusk"><figcaption>Photo - A crane at dusk</figcaption></figure><p>A crane at dusk.</p><p>Photo - A crane at dusk</p><p>Text.</p>',
    );
    expect(body.photos).toEqual([
      { url: "https://cdn.example/p.jpg", caption: "A crane at dusk", alt: "A crane at dusk" },
    ]);
    expect(body.markdown).toBe("Text.");
    expect(clean("<p>A crane at dusk</p><p>Text.</p>", { captions: ["A crane at dusk"] }).markdown).toBe("Text.");
  });

  it("turns `Photo - URL` lines into photos and drops logo lines and tracking pixels", () => {
    const body = clean(
      '<p>Text.</p><p>Photo - https://mma.example/p.jpg</p><p>Logo - https://mma.example/logo.jpg</p><p><img src="https://t.example/px" width="1" height="1"></p>',
    );
    expect(body.photos).toEqual([{ url: "https://mma.example/p.jpg" }]);
    expect(body.markdown).toBe("Text.");
    expect(body.notes).toContain("dropped a tracking pixel");
  });

  it("resolves relative links against the release's address and unlinks what cannot resolve", () => {
    expect(
      clean('<p>See <a href="/investors">investors</a>.</p>', { baseUrl: "https://wire.example/news/1.html" }).markdown,
    ).toBe("See [investors](https://wire.example/investors).");
    expect(clean('<p>See <a href="/investors">investors</a> and <a href="#top">top</a>.</p>').markdown).toBe(
      "See investors and top.",
    );
  });

  it("strips scripts, frames, event handlers and javascript:/data: URLs", () => {
    const body = clean(
      '<p>A<script>alert(1)</script><iframe src="https://evil.example"></iframe> <a href="javascript:alert(1)" onclick="x()">b</a> <img src="data:image/png;base64,AAAA" onerror="y()"> <a href="data:text/html,x">c</a></p>',
    );
    expect(body.markdown).toBe("A b c");
    expect(body.photos).toEqual([]);
  });

  it("escapes text so that it stays text: Markdown, HTML and template syntax", () => {
    const html =
      "<p>1. Not a list *not bold* _x_ [y](z) &lt;b&gt;tag&lt;/b&gt; {{ site.name }} {% raw %} # no heading &amp;copy;</p> <p># Heading? - item? > quote?</p>";
    const body = clean(html);
    expect(htmlToText(renderArticleBody(body.markdown))).toBe(htmlToText(html));
  });

  it("keeps structure: lists, nested lists, tables, quotes, headings, emphasis and links", () => {
    const html =
      "<h1>Big</h1><h3>Small</h3><ul><li>One<ul><li>One and a half</li></ul></li><li>Two</li></ul><ol start='3'><li>Three</li></ol>" +
      "<blockquote><p>Quoted</p></blockquote><table><tr><th>A|B</th><th>C</th></tr><tr><td>1</td><td>2</td></tr></table>" +
      '<table><tr><td colspan="2">merged</td></tr></table><p><strong>bold</strong> <em>em</em> <a href="https://x.example/a(b)">link</a> H<sub>2</sub>O</p><pre>code ``` here</pre>';
    const markdown = clean(html).markdown;
    expect(markdown).toContain("## Big\n\n### Small");
    expect(markdown).toContain("- One\n  - One and a half\n- Two");
    expect(markdown).toContain("3. Three");
    expect(markdown).toContain("> Quoted");
    expect(markdown).toContain("| A\\|B | C |\n| --- | --- |\n| 1 | 2 |");
    expect(markdown).toContain('<table><tr><td colspan="2">merged</td></tr></table>');
    expect(markdown).toContain("**bold** *em* [link](<https://x.example/a(b)>) H<sub>2</sub>O");
    const rendered = renderArticleBody(markdown);
    expect(rendered).toContain("<ul>\n<li>One\n<ul>\n<li>One and a half</li>");
    expect(rendered).toContain('<a href="https://x.example/a(b)" rel="nofollow noopener noreferrer">link</a>');
    expect(rendered).toContain("<th>A|B</th>");
    // A wire's <pre> is a contact block or a ticker line, not code: it stays text.
    expect(rendered).toContain("<p>code ``` here</p>");
    expect(htmlToText(rendered).replace(/\s/g, "")).toBe(htmlToText(html).replace(/\s/g, ""));
  });
});
