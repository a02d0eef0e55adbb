import { removeElement } from "domutils";
import {
  attribute,
  childNamed,
  collapse,
  descendantsNamed,
  innerMarkup,
  parseHtml,
  textOf,
  type Element,
} from "../dom.ts";
import { textContent } from "domutils";
import { isTag, type AnyNode } from "domhandler";
import { matchDateline } from "../dateline.ts";
import { textToHtml } from "../text.ts";
import { assign, type ReadFeedResult, type WireItem } from "../wire-item.ts";

/** Elements that are page chrome, never part of a release. */
const CHROME_ELEMENTS = [
  "script",
  "style",
  "noscript",
  "template",
  "nav",
  "header",
  "footer",
  "aside",
  "form",
  "button",
  "iframe",
  "svg",
  "dialog",
  "select",
  "input",
  "textarea",
];

/**
 * One release as an editor pastes it: a web page (or part of one) or plain text from an
 * email. The headline is the page's `h1` (or `<title>`), or the text's first line. On a wire's
 * release page the release is found by its content, the element holding the dateline
 * paragraph, so the page's chrome (share buttons, "News provided by", other releases) stays
 * out; the date comes from whichever of the page's date tags it has.
 */
export function readPastedHtml(html: string, input: string): ReadFeedResult {
  const document = parseHtml(html);
  const head = descendantsNamed(document, "head")[0];
  const meta = (name: string): string | undefined =>
    descendantsNamed(head ?? document, "meta")
      .filter((node) =>
        [attribute(node, "property"), attribute(node, "name"), attribute(node, "itemprop")].includes(name),
      )
      .map((node) => attribute(node, "content"))
      .find((content) => content !== undefined && content.trim() !== "");
  const canonical = descendantsNamed(head ?? document, "link").find((node) => attribute(node, "rel") === "canonical");
  const pageTitle = head ? textOf(childNamed(head, "title")) : undefined;
  const link = attribute(canonical, "href") ?? meta("og:url");
  const published =
    meta("article:published_time") ??
    meta("og:published_time") ??
    meta("datePublished") ??
    meta("date") ??
    meta("pubdate") ??
    meta("DC.date.issued") ??
    jsonLdDate(document) ??
    attribute(
      descendantsNamed(document, "time").find((node) => attribute(node, "datetime")),
      "datetime",
    );
  const subtitle = descendantsNamed(document, "*")
    .filter((node) => /\bsub-?(?:title|head(?:line)?)\b/i.test(attribute(node, "class") ?? ""))
    .map((node) => textOf(node))
    .find(Boolean);

  const h1 = descendantsNamed(document, "h1")[0];
  const release = releaseContainer(document);
  const root =
    release ??
    descendantsNamed(document, "article")[0] ??
    descendantsNamed(document, "main")[0] ??
    descendantsNamed(document, "body")[0] ??
    document;
  const notes: string[] = [];
  const words = (node: AnyNode | undefined): number =>
    node ? collapse(textContent(node)).split(" ").filter(Boolean).length : 0;
  if (release) {
    const body = descendantsNamed(document, "body")[0] ?? document;
    const outside = words(body) - words(release) - words(h1) - (subtitle ? subtitle.split(" ").length : 0);
    if (outside > 0)
      notes.push(
        `read the release from the part of the page that holds its dateline; left out the rest of the page (${outside} words: navigation, share buttons, other releases)`,
      );
  }
  let chrome = 0;
  for (const name of CHROME_ELEMENTS) {
    for (const node of descendantsNamed(root, name)) {
      // A release's own header inside <article> holds the headline: keep its h1.
      if (name === "header" && descendantsNamed(node, "h1").length > 0) continue;
      chrome += words(node);
      removeElement(node);
    }
  }
  if (chrome > 0) notes.push(`dropped the page's navigation, forms and buttons inside the release (${chrome} words)`);
  const ownH1 = descendantsNamed(root, "h1")[0] ?? h1;
  const title = textOf(ownH1) ?? meta("og:title") ?? pageTitle;
  if (ownH1) removeElement(ownH1);
  const description = meta("description") ?? meta("og:description");
  const item: WireItem = { origin: input, keywords: [], photos: [] };
  if (notes.length > 0) item.notes = notes;
  assign(item, {
    title,
    // A page's description often starts with the wire's tag ("/PRNewswire/ -- Acme, …").
    summary:
      subtitle ?? description?.replace(/^\s*(?:\/[^/]{2,40}\/|\([^()]{2,40}\))\s*(?:-{1,2}|[\u2013\u2014])\s*/, ""),
    link,
    published,
    language: attribute(descendantsNamed(document, "html")[0], "lang"),
    bodyHtml: "children" in root ? innerMarkup(root as Element) : undefined,
    // The page's site names the wire when the dateline does not (prnewswire.com, …).
    wire: link && /^https?:\/\//i.test(link) ? new URL(link).hostname.replace(/^www\./, "") : undefined,
  });
  return { format: "pasted HTML", items: [item], failures: [] };
}

/**
 * The element that holds the release: the parent of the first paragraph that starts with a
 * dateline (climbing while it is that paragraph's only wrapper).
 */
function releaseContainer(document: ReturnType<typeof parseHtml>): Element | undefined {
  const paragraph = descendantsNamed(document, "p").find((node) => matchDateline(collapse(textContent(node))));
  let container = paragraph?.parent;
  while (container && isTag(container) && container.children.filter(isTag).length === 1 && container.parent)
    container = container.parent;
  return container && isTag(container) && container.name !== "body" ? container : undefined;
}

/** `datePublished` from the page's JSON-LD blocks, if one parses and has it. */
function jsonLdDate(document: ReturnType<typeof parseHtml>): string | undefined {
  for (const script of descendantsNamed(document, "script")) {
    if (!/ld\+json/i.test(attribute(script, "type") ?? "")) continue;
    try {
      const found = findDatePublished(JSON.parse(textContent(script)) as unknown);
      if (found) return found;
    } catch {
      // A broken JSON-LD block is the page's problem; the other date tags may still serve.
    }
  }
  return undefined;
}

function findDatePublished(value: unknown, depth = 0): string | undefined {
  if (depth > 8 || value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) return value.map((entry) => findDatePublished(entry, depth + 1)).find(Boolean);
  const record = value as Record<string, unknown>;
  if (typeof record.datePublished === "string") return record.datePublished;
  return Object.values(record)
    .map((entry) => findDatePublished(entry, depth + 1))
    .find(Boolean);
}

/**
 * A release pasted as text: its first line is the headline, unless that line is already the
 * dateline paragraph (the headline was not copied); then a "Source: publisher: title" line
 * names it, or the item says how to give it.
 */
export function readPastedText(text: string, input: string): ReadFeedResult {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const first = lines.findIndex((line) => line.trim() !== "");
  const firstLine = first === -1 ? "" : collapse(lines[first] ?? "");
  const startsWithDateline = matchDateline(firstLine) !== undefined;
  const sourceTitle = lines
    .map((line) => /^\s*source\s*[:：]\s*[^:：]{2,80}[:：]\s+(\S.{4,})$/i.exec(line)?.[1])
    .find(Boolean);
  const title = startsWithDateline ? sourceTitle && collapse(sourceTitle) : firstLine || undefined;
  const item: WireItem = { origin: input, keywords: [], photos: [] };
  assign(item, {
    title,
    bodyHtml: textToHtml(lines.slice(startsWithDateline ? first : first + 1).join("\n")),
    headlineMissing: startsWithDateline
      ? `the pasted text starts with its dateline (${JSON.stringify(firstLine.slice(0, 40))}…), so the headline was not copied`
      : undefined,
  });
  return { format: "pasted text", items: [item], failures: [] };
}
