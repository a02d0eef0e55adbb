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
 * Plain text as pasted from an email: blank lines separate paragraphs, wrapped lines
 * inside a paragraph are joined, `-`/`•`/`*` lines become list items.
 */
export function textToHtml(text: string): string {
  const blocks = text.replace(/\r\n?/g, "\n").split(/\n[ \t\u00a0]*\n/);
  return blocks
    .map((block) =>
      block
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .filter((lines) => lines.length > 0)
    .map((lines) => {
      if (lines.every((line) => /^[-•*]\s+/.test(line))) {
        return `<ul>${lines.map((line) => `<li>${escapeHtml(line.replace(/^[-•*]\s+/, ""))}</li>`).join("")}</ul>`;
      }
      return `<p>${escapeHtml(lines.join(" "))}</p>`;
    })
    .join("\n");
}

/** Text compared for sameness: case, accents, curly or straight quotes, dashes and spacing ignored. */
export function comparable(text: string): string {
  const folded = text
    .replace(/[\u2018\u2019\u201a\u201b\u2032`´]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-");
  return termKey(folded).replace(/[.\s]+$/, "");
}
