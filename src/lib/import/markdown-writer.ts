import render from "dom-serializer";
import { isTag, isText, type AnyNode, type Element } from "domhandler";

/**
 * Sanitized HTML (a DOM) → clean Markdown: paragraphs, headings, lists, tables, quotes,
 * links and emphasis. Text is escaped so that it can never turn into Markdown structure or
 * raw HTML; the result renders back to the same text through the article pipeline.
 */
export function blockToMarkdown(node: AnyNode): string {
  if (isText(node)) return escapeLineStarts(inlineText(node.data));
  if (!isTag(node)) return "";
  switch (node.name) {
    case "p":
    case "div":
    case "section":
    case "article":
    case "main":
    case "figure":
    case "figcaption":
    case "dd":
    case "dt":
      return paragraph(node);
    case "h1":
    case "h2":
    case "h3":
    case "h4":
    case "h5":
    case "h6": {
      const level = Math.max(2, Number(node.name.slice(1)));
      const text = inline(node.children).replace(/\n+/g, " ").trim();
      return text ? `${"#".repeat(level)} ${text}` : "";
    }
    case "ul":
    case "ol":
      return list(node, "");
    case "blockquote": {
      const inner = blocksToMarkdown(node.children);
      return inner
        ? inner
            .split("\n")
            .map((line) => (line ? `> ${line}` : ">"))
            .join("\n")
        : "";
    }
    case "pre":
      // Releases use <pre> for contact blocks and tickers, not code: its lines stay lines.
      return escapeLineStarts(
        textOfNodes(node.children)
          .split("\n")
          .map((line) => inlineText(line).trim())
          .filter((line, index, lines) => line !== "" || (index > 0 && lines[index - 1] !== ""))
          .join("\\\n")
          .replace(/(?:\\\n)+$/, ""),
      );
    case "hr":
      return "---";
    case "table":
      return table(node);
    default:
      return paragraph(node);
  }
}

/** Block nodes one after another, separated by one blank line. */
export function blocksToMarkdown(nodes: readonly AnyNode[]): string {
  const blocks: string[] = [];
  let inlineRun: AnyNode[] = [];
  const flush = (): void => {
    const text = escapeLineStarts(inline(inlineRun).trim());
    if (text) blocks.push(text);
    inlineRun = [];
  };
  for (const node of nodes) {
    if (isBlock(node)) {
      flush();
      const block = blockToMarkdown(node);
      if (block.trim()) blocks.push(block);
    } else {
      inlineRun.push(node);
    }
  }
  flush();
  return blocks.join("\n\n");
}

const BLOCK_TAGS = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "blockquote",
  "pre",
  "hr",
  "table",
  "figure",
  "figcaption",
  "dl",
  "dt",
  "dd",
  "header",
  "footer",
]);

export function isBlock(node: AnyNode): boolean {
  return isTag(node) && BLOCK_TAGS.has(node.name);
}

function paragraph(node: Element): string {
  if (node.children.some(isBlock)) return blocksToMarkdown(node.children);
  return escapeLineStarts(inline(node.children).trim());
}

function list(node: Element, indent: string): string {
  const ordered = node.name === "ol";
  let number = Number((node.attribs.start ?? "1").trim()) || 1;
  const lines: string[] = [];
  for (const item of node.children.filter(isTag)) {
    if (item.name !== "li") continue;
    const marker = ordered ? `${number++}. ` : "- ";
    const pad = indent + " ".repeat(marker.length);
    const own = item.children.filter((child) => !(isTag(child) && (child.name === "ul" || child.name === "ol")));
    const nested = item.children.filter(
      (child): child is Element => isTag(child) && (child.name === "ul" || child.name === "ol"),
    );
    const text = own.some(isBlock)
      ? blocksToMarkdown(own).replace(/\n\n+/g, "\n\n")
      : escapeLineStarts(inline(own).trim());
    const body = text
      .split("\n")
      .map((line, index) => (index === 0 || line === "" ? line : pad + line))
      .join("\n");
    lines.push(`${indent}${marker}${body || ""}`.trimEnd());
    for (const child of nested) lines.push(list(child, pad));
  }
  return lines.join("\n");
}

function table(node: Element): string {
  const rows = collectRows(node);
  const simple =
    rows.length > 0 &&
    rows.every((row) =>
      row.every((cell) => !cell.attribs.colspan && !cell.attribs.rowspan && !cell.children.some(isBlock)),
    );
  const width = Math.max(0, ...rows.map((row) => row.length));
  if (!simple || width === 0) {
    // Merged cells have no Markdown form: keep the (already sanitized) table as HTML.
    return render(node, { encodeEntities: "utf8" });
  }
  // A table cell is one line: its line breaks are written as <br>, which Markdown tables allow.
  const cell = (element: Element | undefined): string =>
    element ? inline(element.children).replace(/\\\n/g, "<br>").replace(/\n+/g, " ").replace(/\|/g, "\\|").trim() : "";
  const line = (row: Element[]): string =>
    `| ${Array.from({ length: width }, (_, index) => cell(row[index])).join(" | ")} |`;
  const [header, ...body] = rows as [Element[], ...Element[][]];
  return [line(header), `|${" --- |".repeat(width)}`, ...body.map(line)].join("\n");
}

function collectRows(node: Element): Element[][] {
  const rows: Element[][] = [];
  const visit = (parent: Element): void => {
    for (const child of parent.children.filter(isTag)) {
      if (child.name === "tr")
        rows.push(child.children.filter(isTag).filter((cell) => cell.name === "td" || cell.name === "th"));
      else if (["thead", "tbody", "tfoot"].includes(child.name)) visit(child);
    }
  };
  visit(node);
  return rows;
}

const KEPT_INLINE_HTML = new Set(["sub", "sup", "u", "mark", "small", "abbr", "ins", "q", "cite"]);

export function inline(nodes: readonly AnyNode[]): string {
  // A line break cannot open or close a paragraph in Markdown (it would print a backslash).
  return inlineWithBreaks(nodes)
    .replace(/^\s*(?:\\\n\s*)+/, "")
    .replace(/(?:\\\n)+$/, "");
}

/** Inline Markdown, trailing line breaks kept (emphasis around a break must keep it). */
function inlineWithBreaks(nodes: readonly AnyNode[]): string {
  let out = "";
  // Where the last emphasis run ended, and its marker: the next run of the same kind joins it.
  let lastRun = { end: -1, marker: "" };
  const emphasis = (node: Element, marker: string, tag: string): void => {
    const text = emphasised(inlineWithBreaks(node.children), marker, tag);
    if (lastRun.end === out.length && lastRun.marker === marker && text.startsWith(marker)) {
      out = out.slice(0, -marker.length) + text.slice(marker.length);
    } else {
      out += text;
    }
    if (text.endsWith(marker)) lastRun = { end: out.length, marker };
  };
  for (const node of nodes) {
    if (isText(node)) {
      out += inlineText(node.data);
      continue;
    }
    if (!isTag(node)) continue;
    const inner = (): string => inline(node.children);
    switch (node.name) {
      case "strong":
      case "b":
        emphasis(node, "**", "strong");
        break;
      case "em":
      case "i":
        emphasis(node, "*", "em");
        break;
      case "s":
      case "del":
        emphasis(node, "~~", "del");
        break;
      case "code":
        out += codeSpan(textOfNodes(node.children));
        break;
      case "br":
        out += "\\\n";
        break;
      case "a": {
        // Spaces at the edges of the link text stay beside the link, not lost with it.
        const [, before = "", text = "", after = ""] = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner()) ?? [];
        const href = node.attribs.href;
        if (!href || !text) out += before + text + after;
        else
          out += `${before}[${text}](${linkDestination(href)}${node.attribs.title ? ` "${node.attribs.title.replace(/["\\]/g, "\\$&")}"` : ""})${after}`;
        break;
      }
      default:
        if (KEPT_INLINE_HTML.has(node.name)) {
          const attributes =
            node.name === "abbr" && node.attribs.title ? ` title="${escapeAttribute(node.attribs.title)}"` : "";
          out += `<${node.name}${attributes}>${inner()}</${node.name}>`;
        } else {
          out += inner();
        }
    }
  }
  return out.replace(/ {2,}/g, " ").replace(/[ \t]*\\\n[ \t]*/g, "\\\n");
}

/**
 * Emphasis around each line of `text`: Markdown emphasis cannot span a line break, and a break
 * left inside the markers (`**About us:<br>**Text`) would glue the next line to them.
 */
function emphasised(text: string, marker: string, tag: string): string {
  return text
    .split("\\\n")
    .map((line) => wrap(line, marker, tag))
    .join("\\\n");
}

/**
 * `**` around text, with the spaces kept outside (`** x**` is not emphasis). Markdown reads the
 * markers as emphasis only when the text starts and ends with a letter or digit whatever stands
 * beside it (CommonMark's flanking rules); other text (`**[note]**x`, `**4.5%**`) gets the
 * element itself, which the body policy allows.
 */
function wrap(text: string, marker: string, tag: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
  if (!match || !match[2]) return text;
  const inner = match[2];
  const safe = /^[\p{L}\p{N}]/u.test(inner) && /[\p{L}\p{N}]$/u.test(inner) && !inner.includes(marker[0]!);
  return safe ? `${match[1]}${marker}${inner}${marker}${match[3]}` : `${match[1]}<${tag}>${inner}</${tag}>${match[3]}`;
}

function codeSpan(text: string): string {
  const clean = text.replace(/\s+/g, " ");
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = clean.startsWith("`") || clean.endsWith("`") ? " " : "";
  return `${fence}${pad}${clean}${pad}${fence}`;
}

function linkDestination(href: string): string {
  const encoded = href.replace(/[\s<>]/g, (character) => encodeURIComponent(character));
  return /[()]/.test(encoded) ? `<${encoded}>` : encoded;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** Plain text as a Markdown paragraph that prints exactly that text. */
export function textToMarkdown(text: string): string {
  return escapeLineStarts(inlineText(text).trim());
}

/** Escapes what Markdown would read as syntax anywhere in a line. */
function inlineText(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/[\\`*_[\]<>~]/g, "\\$&")
    .replace(/&(?=#?[a-z0-9]+;)/gi, "\\&");
}

/** Escapes what Markdown would read as a block marker at the start of a line. */
function escapeLineStarts(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/^(\s*)([#+=-])/, "$1\\$2").replace(/^(\s*\d{1,9})([.)])/, "$1\\$2"))
    .join("\n");
}

function textOfNodes(nodes: readonly AnyNode[]): string {
  return nodes
    .map((node) =>
      isText(node) ? node.data : isTag(node) ? (node.name === "br" ? "\n" : textOfNodes(node.children)) : "",
    )
    .join("");
}
