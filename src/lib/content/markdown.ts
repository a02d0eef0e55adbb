import MarkdownIt from "markdown-it";
import { bodyPolicy, sanitizeWithPolicy } from "./html-policy.ts";

/**
 * Article bodies: Markdown rendered by markdown-it, then every byte of HTML (written by hand
 * or pasted from a wire) passed through the body policy (`html-policy.ts`). Bodies are never
 * given to a template engine, so `{{ x }}` and `{% if %}` stay literal text.
 */
const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

const POLICY = bodyPolicy();

/** Sanitizes HTML with the body policy. */
export function sanitizeBodyHtml(html: string): string {
  return sanitizeWithPolicy(html, POLICY);
}

/** Renders an article body (Markdown with optional raw HTML) to safe HTML. */
export function renderArticleBody(source: string): string {
  return sanitizeBodyHtml(markdown.render(source));
}
