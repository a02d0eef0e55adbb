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
 * email. The headline is the page's `h1` (or `<title>`), or the text's first line.
 */
export function readPastedHtml(html: string, input: string): ReadFeedResult {
  const document = parseHtml(html);
  const head = descendantsNamed(document, "head")[0];
  const meta = (name: string): string | undefined =>
    head
      ? descendantsNamed(head, "meta")
          .filter((node) => attribute(node, "property") === name || attribute(node, "name") === name)
          .map((node) => attribute(node, "content"))[0]
      : undefined;
  const canonical = head
    ? descendantsNamed(head, "link").find((node) => attribute(node, "rel") === "canonical")
    : undefined;
  const pageTitle = head ? textOf(childNamed(head, "title")) : undefined;

  const root =
    descendantsNamed(document, "article")[0] ??
    descendantsNamed(document, "main")[0] ??
    descendantsNamed(document, "body")[0] ??
    document;
  for (const name of CHROME_ELEMENTS) {
    for (const node of descendantsNamed(root, name)) {
      // A release's own header inside <article> holds the headline: keep its h1.
      if (name === "header" && descendantsNamed(node, "h1").length > 0) continue;
      removeElement(node);
    }
  }
  const h1 = descendantsNamed(root, "h1")[0] ?? descendantsNamed(document, "h1")[0];
  const title = textOf(h1) ?? meta("og:title") ?? pageTitle;
  if (h1) removeElement(h1);
  const item: WireItem = { origin: input, keywords: [], photos: [] };
  assign(item, {
    title,
    summary: meta("description") ?? meta("og:description"),
    link: attribute(canonical, "href") ?? meta("og:url"),
    published: meta("article:published_time"),
    bodyHtml: "children" in root ? innerMarkup(root as Element) : undefined,
  });
  return { format: "pasted HTML", items: [item], failures: [] };
}

export function readPastedText(text: string, input: string): ReadFeedResult {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const first = lines.findIndex((line) => line.trim() !== "");
  const title = first === -1 ? undefined : collapse(lines[first] ?? "");
  const item: WireItem = { origin: input, keywords: [], photos: [] };
  assign(item, { title, bodyHtml: textToHtml(lines.slice(first + 1).join("\n")) });
  return { format: "pasted text", items: [item], failures: [] };
}
