import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

/**
 * Article bodies: Markdown rendered by markdown-it, then every byte of HTML (written by hand
 * or pasted from a wire) passed through an allowlist. Bodies are never given to a template
 * engine, so `{{ x }}` and `{% if %}` stay literal text.
 */
const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

/** The HTML elements an article body may contain (the importer starts from the same list). */
export const BODY_TAGS = [
  "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
  "ul", "ol", "li", "dl", "dt", "dd",
  "strong", "b", "em", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr", "cite", "q",
  "a", "img", "figure", "figcaption",
  "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
];

/** Elements removed together with everything inside them. */
export const DROPPED_WITH_CONTENT = ["script", "style", "textarea", "option", "noscript", "iframe", "object", "embed", "template", "svg", "math"];

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: BODY_TAGS,
  allowedAttributes: {
    // rel is set by the transform below, never taken from the input.
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title", "width", "height"],
    abbr: ["title"],
    ol: ["start"],
    th: ["colspan", "rowspan", "scope"],
    td: ["colspan", "rowspan"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  allowProtocolRelative: false,
  // Dropped with their content: anything that runs, styles, frames or posts.
  nonTextTags: DROPPED_WITH_CONTENT,
  disallowedTagsMode: "discard",
  transformTags: {
    // The page's only h1 is the headline.
    h1: "h2",
    a: (tagName, { rel: _fromInput, ...attribs }) => ({
      tagName,
      attribs: isExternal(attribs.href) ? { ...attribs, rel: "nofollow noopener noreferrer" } : attribs,
    }),
  },
  allowedClasses: {},
  // A relative photo path in a body cannot resolve from the article's URL: photos belong in
  // front-matter `images`. Body images must be absolute http(s) URLs.
  exclusiveFilter: (frame) => frame.tag === "img" && !/^https?:\/\//i.test(frame.attribs.src ?? ""),
};

function isExternal(href: string | undefined): boolean {
  return href !== undefined && /^https?:\/\//i.test(href);
}

/** Sanitizes HTML with the body allowlist. */
export function sanitizeBodyHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/** Renders an article body (Markdown with optional raw HTML) to safe HTML. */
export function renderArticleBody(source: string): string {
  return sanitizeBodyHtml(markdown.render(source));
}
