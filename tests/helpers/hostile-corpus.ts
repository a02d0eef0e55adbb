/**
 * Hostile and broken inputs, written by us. Each case ends either in safe output (checked on
 * the built page, and in a real browser by tests/browser/hostile.test.ts) or in a clear error.
 *
 * Scripting payloads set `window.__pwned` or open a dialog, so a browser can tell whether any
 * of them ran.
 */

export interface SafeCase {
  name: string;
  /** File name (without `.md`) of the article; its page is `/news/2023/10/<slug>/`. */
  slug: string;
  /** Front-matter lines added to a valid article (YAML text). */
  fields?: Record<string, string>;
  body?: string;
  /** What the page must show, literally in its HTML or as its decoded text. */
  shows?: string[];
  /** What must not be anywhere in the page's HTML. */
  hides?: string[];
  /** URL when it is not `/news/2023/10/<slug>/`. */
  url?: string;
}

export interface ErrorCase {
  name: string;
  files: Record<string, string>;
  /**
   * Symbolic links made under `articles/`: link path → name of a photo made outside the
   * project (the build machine's files the link would publish).
   */
  outsideLinks?: Record<string, string>;
  /** The error the build must stop with. */
  error: RegExp;
}

import { article, company, smallPhoto } from "./fixture-site.ts";

const PWN = "window.__pwned=1";

/** Characters (as HTML entities or raw) that could hide a URL's scheme. */
const HIDDEN_SCHEME_PREFIXES: Array<[string, string]> = [
  ["an em space entity", "&#x2003;"],
  ["a line separator entity", "&#x2028;"],
  ["a paragraph separator entity", "&#x2029;"],
  ["a byte order mark entity", "&#xFEFF;"],
  ["a no-break space entity", "&nbsp;"],
  ["a vertical tab entity", "&#x0B;"],
  ["an ideographic space entity", "&#x3000;"],
  ["a zero-width space entity", "&#x200B;"],
  ["a raw line separator", "\u2028"],
  ["a raw em space", "\u2003"],
];

/**
 * Every text field an article has, as the YAML that puts U+0001 into it, and the field the
 * error must name. Feeds and sitemaps would be invalid XML with it.
 */
const CONTROL_IN_FIELD: Array<[field: string, fields: Record<string, string>]> = [
  ["title", { title: '"Head\\x01line"' }],
  ["summary", { summary: '"Sum\\x01mary"' }],
  ["guid", { guid: '"id-\\x01"' }],
  ["dateline.city", { dateline: '{ city: "BEI\\x01JING" }' }],
  ["dateline.country", { dateline: '{ city: BEIJING, country: "Chi\\x01na" }' }],
  ["source.name", { source: '{ name: "Acme\\x01Wire" }' }],
  ["source.title", { source: '{ name: Acme, title: "Ti\\x01tle" }' }],
  ["images[0].alt", { images: '[{ src: p.jpg, alt: "Al\\x01t" }]' }],
  ["images[0].caption", { images: '[{ src: p.jpg, alt: Alt, caption: "Cap\\x01tion" }]' }],
  ["images[0].credit", { images: '[{ src: p.jpg, alt: Alt, credit: "Cre\\x01dit" }]' }],
  ["categories[0]", { categories: '["Ener\\x01gy"]' }],
  ["tags[0]", { tags: '["ta\\x01g"]' }],
  ["regions[0]", { regions: '["Asi\\x01a"]' }],
  ["companies[0]", { companies: '["Lotus\\x01 Grid"]' }],
];

export const SAFE_CASES: SafeCase[] = [
  {
    name: "template output tag in the body",
    slug: "tpl-output",
    body: "Total: {{ 7 * 7 }} and {{ site.name }}.",
    shows: ["Total: {{ 7 * 7 }} and {{ site.name }}."],
  },
  {
    name: "template logic tag in the body",
    slug: "tpl-logic",
    body: "{% include 'base.njk' %} {% for x in range(3) %}x{% endfor %}",
    shows: ["{% include 'base.njk' %} {% for x in range(3) %}x{% endfor %}"],
  },
  {
    name: "template tag in the title",
    slug: "tpl-title",
    fields: { title: '"{{ site.name }} {% raw %}"' },
    shows: ["<h1>{{ site.name }} {% raw %}</h1>"],
  },
  {
    name: "template tag in the summary",
    slug: "tpl-summary",
    fields: { summary: '"{{ range(10) | join }}"' },
    shows: ["{{ range(10) | join }}"],
  },
  { name: "script element", slug: "xss-script", body: `<script>${PWN}</script>Text after.` },
  { name: "mixed-case script element", slug: "xss-script-case", body: `<ScRiPt>${PWN}</sCrIpT>` },
  { name: "img onerror", slug: "xss-onerror", body: `<img src="https://x.invalid/a.jpg" onerror="${PWN}">` },
  { name: "svg onload", slug: "xss-svg", body: `<svg onload="${PWN}"><circle r="1"/></svg>` },
  { name: "body onload", slug: "xss-body", body: `<body onload="${PWN}">text</body>` },
  { name: "javascript: link", slug: "xss-js-link", body: `<a href="javascript:${PWN}">click</a>` },
  { name: "mixed-case javascript: link", slug: "xss-js-case", body: `<a href="JaVaScRiPt:${PWN}">click</a>` },
  {
    name: "decimal-entity javascript: link",
    slug: "xss-js-dec",
    body: `<a href="&#106;&#97;vascript:${PWN}">click</a>`,
  },
  { name: "hex-entity javascript: link", slug: "xss-js-hex", body: `<a href="&#x6A;avascript:${PWN}">click</a>` },
  {
    name: "javascript: link split by a tab entity",
    slug: "xss-js-tab",
    body: `<a href="java&#x09;script:${PWN}">click</a>`,
  },
  { name: "vbscript: link", slug: "xss-vbs", body: `<a href="vbscript:msgbox(1)">click</a>` },
  {
    name: "data: HTML link",
    slug: "xss-data-link",
    body: `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>`,
  },
  { name: "data: image", slug: "xss-data-img", body: `<img src="data:image/svg+xml,<svg onload='${PWN}'/>">` },
  {
    name: "Markdown javascript: link",
    slug: "xss-md-link",
    body: `[click](javascript:${PWN})`,
    shows: ["[click](javascript:window.__pwned=1)"],
  },
  { name: "Markdown javascript: image", slug: "xss-md-img", body: `![img](javascript:${PWN})` },
  {
    name: "iframe with srcdoc",
    slug: "xss-iframe",
    body: `<iframe srcdoc="<script>${PWN}</script>" src="https://x.invalid/"></iframe>`,
  },
  {
    name: "style element",
    slug: "xss-style",
    body: "<style>body{display:none}</style>Visible text.",
    shows: ["Visible text."],
  },
  {
    name: "style attribute",
    slug: "xss-style-attr",
    body: '<p style="position:fixed;inset:0;background:red">Overlay</p>',
  },
  {
    name: "form posting elsewhere",
    slug: "xss-form",
    body: '<form action="https://x.invalid/"><input name="password"><button formaction="javascript:alert(1)">Go</button></form>',
  },
  { name: "base element", slug: "xss-base", body: '<base href="https://x.invalid/">' },
  { name: "meta refresh", slug: "xss-meta", body: '<meta http-equiv="refresh" content="0;url=https://x.invalid/">' },
  {
    name: "DOM clobbering ids and names",
    slug: "xss-clobber",
    body: '<a id="site" name="getElementById" href="/">a</a><img name="cookie" src="https://x.invalid/a.jpg"><p id="__proto__">p</p>',
  },
  {
    name: "object and embed",
    slug: "xss-object",
    body: '<object data="https://x.invalid/a.swf"></object><embed src="https://x.invalid/a.swf">',
  },
  {
    name: "math mutation XSS",
    slug: "xss-mxss-math",
    body: `<math><mtext><table><mglyph><style><img src=x onerror="${PWN}">`,
  },
  {
    name: "noscript mutation XSS",
    slug: "xss-mxss-noscript",
    body: `<noscript><p title="</noscript><img src=x onerror=${PWN}>"></noscript>`,
  },
  { name: "payload inside an HTML comment", slug: "xss-comment", body: `<!--><img src=x onerror="${PWN}">-->` },
  {
    name: "caption breaking out of its element",
    slug: "xss-caption",
    fields: {
      images: `[{ src: p.jpg, alt: A photo, caption: '"><script>${PWN}</script>', credit: "<b onmouseover=${PWN}>x</b>" }]`,
    },
  },
  {
    name: "alt text breaking out of its attribute",
    slug: "xss-alt",
    fields: { images: `[{ src: p.jpg, alt: '"><img src=x onerror=${PWN}>' }]` },
  },
  {
    name: "HTML in the source name and headline",
    slug: "xss-source",
    fields: { source: `{ name: "<script>${PWN}</script>", title: "<img src=x onerror=${PWN}>" }` },
  },
  {
    name: "title closing the title element",
    slug: "xss-title",
    fields: { title: `"</title><script>${PWN}</script>"` },
  },
  {
    name: "title closing the JSON-LD block",
    slug: "xss-jsonld",
    fields: { title: `"</script><script>${PWN}</script>"` },
  },
  {
    name: "company name with markup in the directory",
    slug: "xss-company",
    fields: { companies: `["<img src=x onerror=${PWN}>"]`, tags: `["<svg onload=${PWN}>"]` },
  },
  {
    name: "YAML leading zeros stay text",
    slug: "yaml-zeros",
    fields: { guid: "012345", title: "0012" },
    shows: ["<h1>0012</h1>"],
  },
  { name: "YAML decimal stays text", slug: "yaml-decimal", fields: { title: "1.10" }, shows: ["<h1>1.10</h1>"] },
  // (A name starting with "." is a hidden file and not an article at all.)
  {
    name: "file name that tries path traversal",
    slug: "%2e%2e%2f%2e%2e%2fescape",
    url: "/news/2023/10/2e-2e-2f-2e-2e-2fescape/",
  },
  {
    name: "file name with spaces, capitals and accents",
    slug: "Ünïcode  Release NAME",
    url: "/news/2023/10/unicode-release-name/",
  },
  // A scheme hidden behind a character that browsers, trims or the feed's URL rewriting drop.
  ...HIDDEN_SCHEME_PREFIXES.map(([label, prefix], index) => ({
    name: `javascript: link hidden behind ${label}`,
    slug: `xss-hidden-scheme-${index}`,
    // (markdown-it leaves an entity it will not decode, such as &#x0B;, in a Markdown link as
    // text, so a Markdown link is tried with the raw characters only.)
    body: `<a href="${prefix}javascript:${PWN}">html</a> <img src="${prefix}javascript:${PWN}">${prefix.startsWith("&") ? "" : ` [md](${prefix}javascript:${PWN})`}`,
  })),
  {
    name: "body image over plain http",
    slug: "http-image",
    body: '<img src="http://cdn.x.invalid/a.jpg" alt="A"> ![B](http://cdn.x.invalid/b.jpg) Text.',
    hides: ["http://cdn.x.invalid"],
    shows: ["Text."],
  },
  {
    name: "backslashes, quotes and ampersands in every audited field",
    slug: "backslashes",
    fields: {
      title: `'C:\\TEMP\\new "release" & more'`,
      dateline: `{ city: 'C:\\TEMP', country: 'A\\B & "C"' }`,
      source: `{ name: 'Acme\\Wire & <Sons>', title: 'Back\\slash', url: 'https://x.invalid/a\\b?c=1&d=2' }`,
      originalUrl: `'https://x.invalid/orig\\inal?a=1&b=<2>'`,
      images: `[{ src: p.jpg, alt: 'Alt \\ text', caption: 'C:\\photos & "more"' }]`,
    },
    shows: ["C:\\TEMP, Oct. 24, 2023 /PRNewswire/ —", "Acme\\Wire & <Sons>", ": Back\\slash"],
  },
  {
    name: "markup in every filterable field (search filters, directory)",
    slug: "xss-filters",
    fields: {
      categories: `["<img src=x onerror=${PWN}>", "<img name=createElement>"]`,
      regions: `["<svg onload=${PWN}>"]`,
      dateline: `{ city: BEIJING, country: "<img src=x onerror=${PWN}>" }`,
      summary: `"<script>${PWN}</script>"`,
    },
  },
  {
    // The URL and every other date are in the site's zone (Nov. 1); the dateline keeps the
    // date the wire printed, in the release's own offset (Oct. 31).
    name: "date late in the evening west of the site: the next day's URL, the wire's own date in the dateline",
    slug: "tz-edge",
    fields: { date: "2023-10-31T23:30:00-10:00" },
    url: "/news/2023/11/tz-edge/",
    shows: ["BEIJING, Oct. 31, 2023 /PRNewswire/ —"],
  },
  {
    name: "bare date on New Year's Eve stays in the site's zone",
    slug: "tz-bare",
    fields: { date: "2023-12-31" },
    url: "/news/2023/12/tz-bare/",
    shows: ["BEIJING, Dec. 31, 2023 /PRNewswire/ —"],
  },
];

/** Bodies that make some Markdown parsers take quadratic or exponential time. */
export const SLOW_MARKDOWN: Array<{ name: string; body: string }> = [
  { name: "`*_` repeated 40 000 times", body: "*_".repeat(40_000) },
  { name: "40 000 straight double quotes", body: '"'.repeat(40_000) },
  { name: "40 000 mixed quotes and apostrophes", body: "'\"".repeat(20_000) },
  { name: "50 000 opening brackets", body: "[".repeat(50_000) },
  { name: "nested links 10 000 deep", body: "[".repeat(10_000) + "x" + "](y)".repeat(10_000) },
  { name: "50 000 less-than signs", body: "<".repeat(50_000) },
  { name: "20 000 nested blockquotes", body: ">".repeat(20_000) + " x" },
  {
    name: "20 000 nested list items",
    body: Array.from({ length: 2_000 }, (_, i) => `${"  ".repeat(i)}- item`).join("\n"),
  },
  { name: "50 000 backticks", body: "`".repeat(50_000) },
  { name: "50 000 ampersand entities", body: "&amp;".repeat(50_000) },
];

export const ERROR_CASES: ErrorCase[] = [
  {
    name: "unquoted colon in a title",
    files: { "a.md": "---\ntitle: Lotus: a company\ndate: 2023-10-24\n---\n" },
    error: /a\.md: expected valid YAML front matter .*at line 2/,
  },
  {
    name: "unclosed quote in YAML",
    files: { "a.md": '---\ntitle: "never closed\ndate: 2023-10-24\n---\n' },
    error: /a\.md: expected valid YAML front matter/,
  },
  {
    name: "YAML alias expansion (billion laughs)",
    files: {
      "a.md":
        "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\ntitle: x\n---\n",
    },
    error: /expected a plain value \(YAML aliases `\*name` are not allowed\), found \*a/,
  },
  {
    name: "YAML tag for code",
    files: { "a.md": article({ summary: "!!js/function 'function () { return 1 }'" }) },
    error: /a\.md: expected valid YAML front matter/,
  },
  {
    name: "title given as ~ (null)",
    files: { "a.md": article({ title: "~" }) },
    error: /a\.md: `title`: expected the headline as text, found an empty value/,
  },
  {
    name: "draft given as yes",
    files: { "a.md": article({ draft: "yes" }) },
    error: /a\.md: `draft`: expected true or false, found "yes"/,
  },
  {
    name: "a permalink in front matter",
    files: { "a.md": article({ permalink: "../../../etc/evil.html" }) },
    error: /a\.md: `permalink`: expected one of the known fields/,
  },
  {
    name: "a layout in front matter",
    files: { "a.md": article({ layout: "base.njk" }) },
    error: /a\.md: `layout`: expected one of the known fields/,
  },
  {
    name: "eleventyComputed in front matter",
    files: { "a.md": article({ eleventyComputed: "{ title: x }" }) },
    error: /a\.md: `eleventyComputed`: expected one of the known fields/,
  },
  {
    name: "photo path escaping the article folder",
    files: { "a.md": article({ images: "[{ src: ../../../etc/passwd.jpg, alt: x }]" }) },
    error: /`images\[0\]\.src`: expected a path relative to the article that stays in its folder/,
  },
  {
    name: "photo given as a URL",
    files: { "a.md": article({ images: "[{ src: 'https://x.invalid/a.jpg', alt: x }]" }) },
    error: /`images\[0\]\.src`: expected a file beside the article, not a URL/,
  },
  {
    name: "javascript: original URL",
    files: { "a.md": article({ originalUrl: "'javascript:alert(1)'" }) },
    error: /`originalUrl`: expected an http:\/\/ or https:\/\/ URL, found "javascript:alert\(1\)"/,
  },
  {
    name: "data: source URL",
    files: { "a.md": article({ source: "{ name: X, url: 'data:text/html,x' }" }) },
    error: /`source\.url`: expected an http:\/\/ or https:\/\/ URL/,
  },
  {
    name: "two articles writing one URL",
    files: { "one/same.md": article(), "two/same.md": article() },
    error: /two\/same\.md: expected a URL of its own .*which .*one\/same\.md also writes/,
  },
  {
    name: "giant article file",
    files: { "a.md": article({}, "x".repeat(3 * 1024 * 1024)) },
    error: /a\.md: expected an article of at most 2 MB, found 3\.0 MB/,
  },
  {
    name: "HTML saved as a photo",
    files: { "a.md": article({ images: "[{ src: fake.jpg, alt: x }]" }), "fake.jpg": "<!doctype html><h1>404</h1>" },
    error:
      /`images\[0\]\.src`: expected a JPEG, PNG, WebP, AVIF, GIF or TIFF photo at "fake\.jpg", found a file that is not a readable image/,
  },
  {
    name: "SVG with a script saved as a photo",
    files: {
      "a.md": article({ images: "[{ src: logo.png, alt: x }]" }),
      "logo.png": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    },
    error: /found svg content/,
  },
  {
    name: "SVG named as such",
    files: { "a.md": article({ images: "[{ src: logo.svg, alt: x }]" }) },
    error: /`images\[0\]\.src`: expected a raster photo/,
  },
  ...CONTROL_IN_FIELD.map(([field, fields]) => ({
    name: `control character in \`${field}\``,
    files: { "a.md": article(fields) },
    error: new RegExp(
      `a\\.md: \`${field.replace(/[[\].]/g, "\\$&")}\`: expected a text without control characters \\(they make feeds and sitemaps invalid XML\\), found ".*", with U\\+0001 at character \\d+`,
    ),
  })),
  {
    name: "control character in the body",
    files: { "a.md": article({}, "Para.\n\nText \u0001 here.") },
    error: /a\.md: `body`: expected a text without control characters .*, found U\+0001 on line 3 of the body/,
  },
  {
    name: "javascript: original URL behind a line separator",
    files: { "a.md": article({ originalUrl: '"\\u2028javascript:alert(1)"' }) },
    error: /a\.md: `originalUrl`: expected an http:\/\/ or https:\/\/ URL/,
  },
  {
    name: "javascript: source URL behind an em space",
    files: { "a.md": article({ source: '{ name: X, url: "\\u2003javascript:alert(1)" }' }) },
    error: /a\.md: `source\.url`: expected an http:\/\/ or https:\/\/ URL/,
  },
  {
    name: "body nested thousands of elements deep",
    files: { "a.md": article({}, "<b><i>".repeat(2_000) + "x") },
    error: /a\.md: `body`: expected HTML nested at most 100 elements deep, found elements nested 4000 deep/,
  },
  {
    name: "photo that is a link to an image outside the project",
    files: { "a.md": article({ images: "[{ src: leak.jpg, alt: x }]" }) },
    outsideLinks: { "leak.jpg": "secret.jpg" },
    error:
      /a\.md: `images\[0\]\.src`: expected a photo inside the articles folder at "leak\.jpg", found a symbolic link to .*secret\.jpg, which is outside it/,
  },
  {
    name: "article file that is a link to a file outside the project",
    files: { "a.md": article() },
    outsideLinks: { "b.md": "b.md" },
    error:
      /articles\/b\.md: expected an article file or folder, not a symbolic link .*, found a symbolic link to .*b\.md/,
  },
];

/** The article files (and the photo they share) for every safe case, under `articles/`. */
export async function safeCaseFiles(): Promise<Record<string, string | Buffer>> {
  const files: Record<string, string | Buffer> = {
    "articles/p.jpg": await smallPhoto(160, 100, "#884400"),
    // The profile the markup-named company resolves to carries markup in every text it has.
    "companies/xss-company.md": company(
      {
        name: JSON.stringify(`<img src=x onerror=${PWN}>`),
        legalName: JSON.stringify(`</script><script>${PWN}</script>`),
        industries: JSON.stringify([`<svg onload=${PWN}>`]),
        headquarters: `{ country: ${JSON.stringify(`"><script>${PWN}</script>`)} }`,
        contact: `{ name: ${JSON.stringify(`<b onclick=${PWN}>Press</b>`)} }`,
      },
      `About us <script>${PWN}</script><img src=x onerror=${PWN}> [link](javascript:${PWN})`,
    ),
  };
  for (const item of SAFE_CASES) {
    files[`articles/${item.slug}.md`] = article(
      { title: JSON.stringify(`Case: ${item.name}`), ...item.fields },
      item.body,
    );
  }
  return files;
}

export const caseUrl = (item: SafeCase) => item.url ?? `/news/2023/10/${item.slug}/`;
