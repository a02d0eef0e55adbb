import { decodeHTML } from "entities";
import { Parser } from "htmlparser2";
import sanitizeHtml from "sanitize-html";

/**
 * The one policy for untrusted HTML (article bodies, wire releases). The build sanitizes with
 * `bodyPolicy()`; the importer with `importPolicy()`, which only adds the page containers its
 * cleaner unwraps and drops more chrome. A security fix made here applies to both.
 */

/** The HTML elements an article body may contain. */
export const BODY_TAGS = [
  "p",
  "br",
  "hr",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "pre",
  "code",
  "ul",
  "ol",
  "li",
  "dl",
  "dt",
  "dd",
  "strong",
  "b",
  "em",
  "i",
  "u",
  "s",
  "del",
  "ins",
  "mark",
  "small",
  "sub",
  "sup",
  "abbr",
  "cite",
  "q",
  "a",
  "img",
  "figure",
  "figcaption",
  "table",
  "caption",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "th",
  "td",
];

/** Elements removed together with everything inside them: anything that runs, styles, frames or posts. */
const DROPPED_WITH_CONTENT = [
  "script",
  "style",
  "textarea",
  "option",
  "noscript",
  "iframe",
  "object",
  "embed",
  "template",
  "svg",
  "math",
];

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ["href", "title"],
  img: ["src", "alt", "title", "width", "height"],
  abbr: ["title"],
  ol: ["start"],
  th: ["colspan", "rowspan", "scope"],
  td: ["colspan", "rowspan"],
};

/** Link schemes a body may use; body images must be `https:` (the README promises no mixed content). */
const LINK_SCHEMES = ["http", "https", "mailto", "tel"];
const IMAGE_SCHEMES = ["https"];

/**
 * How deep elements may nest. Deeper HTML is refused: the feed's URL rewriting and the
 * importer's Markdown writer walk the tree recursively and overflow the stack a few thousand
 * levels down. Real releases stay far below this; markdown-it caps its own nesting at 100.
 */
export const MAX_NESTING = 100;

const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);

// Whitespace, controls and invisible format characters (U+2003, U+2028, U+200B, U+FEFF, …): a
// browser ignores some of them in a URL, and other tools trim them, so they may hide a scheme.
const HIDDEN = /[\s\p{Z}\p{Cc}\p{Cf}]/gu;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Whether a URL from untrusted HTML may be kept: relative, or with one of `schemes`, once every
 * character that could hide its scheme is taken out. A URL that starts with such a character is
 * refused outright, whatever follows: it only ever appears to smuggle a scheme.
 */
export function isAllowedUrl(url: string, schemes: readonly string[]): boolean {
  if (/^[\s\p{Z}\p{Cc}\p{Cf}]/u.test(url)) return false;
  const visible = url.replace(HIDDEN, "");
  if (visible === "" || visible.startsWith("//") || visible.startsWith("\\")) return false;
  const scheme = SCHEME.exec(visible)?.[1];
  if (scheme !== undefined) return schemes.includes(scheme.toLowerCase()) && SCHEME.exec(url)?.[1] === scheme;
  // No scheme before the first `/`, `?` or `#`: a relative URL, unless a `:` hides in it.
  return !/^[^/?#]*:/.test(visible);
}

function isExternalUrl(href: string | undefined): boolean {
  return href !== undefined && /^https?:\/\//i.test(href);
}

function linkTransform(keepRel: boolean): sanitizeHtml.Transformer {
  return (tagName, { rel: _fromInput, href, ...rest }) => {
    const attribs: sanitizeHtml.Attributes =
      href !== undefined && isAllowedUrl(href, LINK_SCHEMES) ? { href, ...rest } : rest;
    if (keepRel && isExternalUrl(attribs.href)) attribs.rel = "nofollow noopener noreferrer";
    return { tagName, attribs };
  };
}

const BASE_POLICY: sanitizeHtml.IOptions = {
  allowedTags: BODY_TAGS,
  allowedAttributes: ALLOWED_ATTRIBUTES,
  allowedSchemes: LINK_SCHEMES,
  allowedSchemesByTag: { img: IMAGE_SCHEMES },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  allowProtocolRelative: false,
  nonTextTags: DROPPED_WITH_CONTENT,
  disallowedTagsMode: "discard",
  allowedClasses: {},
};

/** The build's policy for a rendered article body. */
export function bodyPolicy(): sanitizeHtml.IOptions {
  return {
    ...BASE_POLICY,
    // rel is set here for external links, never taken from the input.
    allowedAttributes: { ...ALLOWED_ATTRIBUTES, a: [...(ALLOWED_ATTRIBUTES.a ?? []), "rel"] },
    transformTags: {
      // The page's only h1 is the headline.
      h1: "h2",
      a: linkTransform(true),
    },
    // A relative photo path in a body cannot resolve from the article's URL: photos belong in
    // front-matter `images`. Body images must be absolute https URLs.
    exclusiveFilter: (frame) =>
      frame.tag === "img" &&
      !(/^https:\/\//i.test(frame.attribs.src ?? "") && isAllowedUrl(frame.attribs.src ?? "", IMAGE_SCHEMES)),
  };
}

/** Page containers a saved release brings; the importer keeps them only to unwrap them. */
export const IMPORT_CONTAINERS = ["div", "section", "article", "main", "header", "footer", "span"];

/**
 * The importer's policy: the body policy, plus the containers and `h1` its cleaner unwraps
 * (the build turns what is left into the body allowlist again), and more page chrome dropped.
 * Relative images are kept here: the importer resolves them against the release's address.
 */
export function importPolicy(): sanitizeHtml.IOptions {
  return {
    ...BASE_POLICY,
    allowedTags: [...BODY_TAGS, "h1", ...IMPORT_CONTAINERS],
    allowedSchemesByTag: { img: ["http", "https"] },
    nonTextTags: [...DROPPED_WITH_CONTENT, "nav", "form", "button", "select", "title", "head"],
    transformTags: { a: linkTransform(false) },
  };
}

export function sanitizeWithPolicy(html: string, policy: sanitizeHtml.IOptions): string {
  return sanitizeHtml(html, policy);
}

/**
 * The deepest element nesting in `html`, counted as a browser would (implied end tags
 * included), or 0 when it cannot exceed `limit`: a body with fewer tags than the limit is not
 * parsed at all, so ordinary articles cost nothing.
 */
export function nestingDepth(html: string, limit = MAX_NESTING): number {
  let tags = 0;
  for (let at = html.indexOf("<"); at >= 0 && tags <= limit; at = html.indexOf("<", at + 1)) tags++;
  if (tags <= limit) return 0;
  let depth = 0;
  let deepest = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (VOID_ELEMENTS.has(name)) return;
        depth++;
        if (depth > deepest) deepest = depth;
      },
      onclosetag(name) {
        if (!VOID_ELEMENTS.has(name)) depth = Math.max(0, depth - 1);
      },
    },
    { decodeEntities: false, lowerCaseTags: true },
  );
  parser.end(html);
  return deepest;
}

/** The `expected` and `found` of a body nested too deeply, or undefined. */
export function nestingProblem(html: string): { expected: string; found: string } | undefined {
  const depth = nestingDepth(html);
  if (depth <= MAX_NESTING) return undefined;
  return { expected: `HTML nested at most ${MAX_NESTING} elements deep`, found: `elements nested ${depth} deep` };
}

const URL_ATTRIBUTE = /\s(href|src|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/**
 * The link and image URLs in finished HTML that the link policy would refuse. Output that was
 * rewritten after sanitizing (the feeds make every URL absolute) is checked with this, so a
 * rewrite can never bring a refused URL back to life.
 */
export function disallowedUrls(html: string): string[] {
  const refused: string[] = [];
  for (const [, name, double, single] of html.matchAll(URL_ATTRIBUTE)) {
    const value = decodeHTML(double ?? single ?? "");
    const urls =
      name?.toLowerCase() === "srcset"
        ? value.split(",").map((candidate) => candidate.trim().split(/\s+/)[0] ?? "")
        : [value];
    for (const url of urls) if (!isAllowedUrl(url, LINK_SCHEMES)) refused.push(url);
  }
  return refused;
}
