import { textContent } from "domutils";
import { parseHtml } from "./dom.ts";
import { termKey } from "../core/terms.ts";
import { escapeHtml } from "../core/html.ts";

/** The visible text of an HTML fragment, whitespace collapsed. */
export function htmlToText(html: string): string {
  return textContent(parseHtml(html))
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}

/**
 * Plain text as pasted from an email: blank lines separate paragraphs, wrapped lines inside a
 * paragraph are joined, `-`/`•`/`*` lines become list items (after an intro line too), and a
 * labelled line (`Source:`, `View original content:`, `Photo -`, `Contact:`, `SOURCE Acme`) is
 * a paragraph of its own, so that it is not glued to its neighbours.
 */
export function textToHtml(text: string): string {
  const blocks = text.replace(/\r\n?/g, "\n").split(/\n[ \t\u00a0]*\n/);
  const html: string[] = [];
  for (const block of blocks) {
    const lines = block
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    let paragraph: string[] = [];
    let list: string[] = [];
    const flush = (): void => {
      if (paragraph.length > 0) html.push(`<p>${escapeHtml(paragraph.join(" "))}</p>`);
      if (list.length > 0) html.push(`<ul>${list.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`);
      paragraph = [];
      list = [];
    };
    for (const line of lines) {
      if (LIST_ITEM.test(line)) {
        if (paragraph.length > 0) flush();
        list.push(line.replace(LIST_ITEM, ""));
      } else if (LABELLED_LINE.test(line) || /^SOURCE\s/.test(line)) {
        flush();
        paragraph.push(line);
        flush();
      } else {
        if (list.length > 0) flush();
        paragraph.push(line);
      }
    }
    flush();
  }
  return html.join("\n");
}

const LIST_ITEM = /^[-•*]\s+/;
const LABELLED_LINE =
  /^(?:source\s*[:：]|view (?:original|source)|original (?:link|release|article)\b|(?:photo|image|logo|video)s?\s*[-–—:]|(?:media )?contacts?\s*[:：])/i;

/** Text compared for sameness: case, accents, curly or straight quotes, dashes and spacing ignored. */
export function comparable(text: string): string {
  const folded = text
    .replace(/[\u2018\u2019\u201a\u201b\u2032`´]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-");
  return termKey(folded).replace(/[.\s]+$/, "");
}
