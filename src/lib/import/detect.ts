import { UserError } from "../core/problems.ts";
import { parseXml } from "./dom.ts";
import { readAtom } from "./formats/atom.ts";
import { readNewsMl1 } from "./formats/newsml-1.ts";
import { readNewsMlG2 } from "./formats/newsml-g2.ts";
import { readPastedHtml, readPastedText } from "./formats/paste.ts";
import { readRss } from "./formats/rss.ts";
import type { ReadFeedResult } from "./wire-item.ts";

export type InputFormat = "rss" | "atom" | "newsml-g2" | "newsml-1.2" | "html" | "text";

const PROLOG = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE\b[^>[]*(?:\[[\s\S]*?\])?\s*>)*/i;
const HTML_ROOTS = new Set([
  "html",
  "head",
  "body",
  "article",
  "main",
  "section",
  "div",
  "p",
  "h1",
  "h2",
  "figure",
  "table",
  "ul",
  "ol",
  "span",
  "a",
  "strong",
  "b",
  "em",
  "img",
  "blockquote",
]);
const EXPECTED =
  "RSS 2.0 (<rss>), Atom (<feed>), NewsML-G2 (<newsMessage> or <newsItem>), NewsML 1.2 (<NewsML>), an HTML page, or a release as plain text";

/** Works out what the input is from its first element (or its lack of one). */
export function detectFormat(text: string, input: string): InputFormat {
  if (text.includes("\u0000")) throw new UserError(`${input}: expected ${EXPECTED}, found binary data`);
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (trimmed === "") throw new UserError(`${input}: expected ${EXPECTED}, found an empty input`);
  if (/^[{[]/.test(trimmed)) throw new UserError(`${input}: expected ${EXPECTED}, found JSON (not a supported format)`);
  if (!trimmed.startsWith("<")) return "text";
  if (/^<!DOCTYPE\s+html\b/i.test(trimmed)) return "html";
  const afterProlog = trimmed.slice(PROLOG.exec(trimmed)?.[0].length ?? 0);
  const root = /^<([A-Za-z_][\w:.-]*)/.exec(afterProlog)?.[1];
  if (!root) throw new UserError(`${input}: expected ${EXPECTED}, found markup without a root element`);
  const local = root.slice(root.indexOf(":") + 1);
  switch (local.toLowerCase()) {
    case "rss":
      return "rss";
    case "feed":
      return "atom";
    case "newsmessage":
    case "newsitem":
      return local === "NewsItem" ? "newsml-1.2" : "newsml-g2";
    case "newsml":
      return "newsml-1.2";
  }
  if (HTML_ROOTS.has(root.toLowerCase())) return "html";
  throw new UserError(`${input}: expected ${EXPECTED}, found XML whose root element is <${root}>`);
}

/** Reads every release in an input, whatever its format. */
export function readReleases(text: string, input: string): ReadFeedResult {
  const format = detectFormat(text, input);
  switch (format) {
    case "html":
      return readPastedHtml(text, input);
    case "text":
      return readPastedText(text, input);
    case "rss":
      return readRss(parseXml(text, input), input);
    case "atom":
      return readAtom(parseXml(text, input), input);
    case "newsml-g2":
      return readNewsMlG2(parseXml(text, input), input);
    case "newsml-1.2":
      return readNewsMl1(parseXml(text, input), input);
  }
}
