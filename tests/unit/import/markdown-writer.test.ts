import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { isTag, isText, type AnyNode } from "domhandler";
import { describe, expect, it } from "vitest";
import { importPolicy, sanitizeWithPolicy } from "../../../src/lib/content/html-policy.ts";
import { renderArticleBody } from "../../../src/lib/content/markdown.ts";
import { readReleases } from "../../../src/lib/import/detect.ts";
import { parseHtml } from "../../../src/lib/import/dom.ts";
import { blocksToMarkdown, blockToMarkdown } from "../../../src/lib/import/markdown-writer.ts";
import { seededRandom } from "../../../scripts/lib/random.ts";

const toMarkdown = (html: string): string => blocksToMarkdown(parseHtml(html).children);
const roundTrip = (html: string): string => renderArticleBody(toMarkdown(html)).trim();

const BLOCKS = new Set([
  "p",
  "div",
  "li",
  "tr",
  "td",
  "th",
  "table",
  "ul",
  "ol",
  "pre",
  "h1",
  "h2",
  "h3",
  "h4",
  "blockquote",
]);

/**
 * The text of HTML as lines: a line break, a block or a table cell starts a new line, runs of
 * spaces are one. What a reader sees, without the markup.
 */
function lines(html: string): string[] {
  const out: string[] = [""];
  const visit = (node: AnyNode): void => {
    if (isText(node)) {
      out[out.length - 1] += node.data.replace(/&nbsp;|\u00a0/g, " ");
      return;
    }
    if (!isTag(node)) return;
    if (node.name === "br") out.push("");
    const block = BLOCKS.has(node.name);
    if (block) out.push("");
    node.children.forEach(visit);
    if (node.name === "pre") {
      const last = out.pop() ?? "";
      out.push(...last.split("\n"));
    }
    if (block) out.push("");
  };
  parseHtml(html).children.forEach(visit);
  return out.map((line) => line.replace(/\s+/g, " ").trim()).filter((line) => line !== "");
}

describe("blockToMarkdown", () => {
  it("keeps a line break inside emphasis outside the markers, so the next line is not glued to it", () => {
    expect(toMarkdown("<p><strong>About Lotus Grid:<br /> </strong>Lotus Grid is a utility.</p>")).toBe(
      "<strong>About Lotus Grid:</strong>\\\nLotus Grid is a utility.",
    );
    expect(toMarkdown("<p><strong>Mei Tan</strong><strong><br /> </strong>Chief Executive</p>")).toBe(
      "**Mei Tan**\\\nChief Executive",
    );
    expect(roundTrip("<p><em>Contact:<br/>Mei Tan<br/></em>Lotus Grid</p>")).toBe(
      "<p><em>Contact:</em><br />\n<em>Mei Tan</em><br />\nLotus Grid</p>",
    );
  });

  it("joins adjacent emphasis of one kind instead of printing literal markers", () => {
    expect(toMarkdown("<p><strong>Lotus</strong><strong> Grid</strong> and <em>a</em><em>b</em></p>")).toBe(
      "**Lotus** **Grid** and *ab*",
    );
    expect(roundTrip("<p><b>One</b><b>Two</b></p>")).toBe("<p><strong>OneTwo</strong></p>");
  });

  it("writes a line break in a table cell as <br>, not a stray backslash", () => {
    const markdown = toMarkdown(
      "<table><tr><td>Media:<br/>Mei Tan<br/>+66 2 555 0100</td><td>Investors</td></tr><tr><td>a</td><td>b</td></tr></table>",
    );
    expect(markdown.split("\n")[0]).toBe("| Media:<br>Mei Tan<br>+66 2 555 0100 | Investors |");
    expect(renderArticleBody(markdown)).toContain("<th>Media:<br />Mei Tan<br />+66 2 555 0100</th>");
  });

  it("keeps a <pre> contact block as lines of text, not a code block", () => {
    expect(
      blockToMarkdown(parseHtml("<pre>Media contact:\n  Mei Tan\n\n  mei@lotus.example\n</pre>").children[0]!),
    ).toBe("Media contact:\\\nMei Tan\\\n\\\nmei@lotus.example");
    expect(roundTrip("<pre>Media contact:\nMei Tan</pre>")).toBe("<p>Media contact:<br />\nMei Tan</p>");
  });
});

/** Random release-like HTML: paragraphs with emphasis, links and breaks; tables; lists; <pre>. */
function generatedHtml(random: () => number): string {
  const words = [
    "Lotus",
    "Grid",
    "4.5%",
    "C++",
    "a_b",
    "*star*",
    "#1",
    "[note]",
    "<tag>",
    "&",
    "1.",
    "-",
    "~x~",
    "`q`",
  ];
  const word = () => words[Math.floor(random() * words.length)]!;
  const text = (count: number) => Array.from({ length: count }, word).join(" ");
  const inline = (depth: number): string => {
    const pieces: string[] = [];
    const count = 1 + Math.floor(random() * 4);
    for (let index = 0; index < count; index++) {
      const pick = random();
      if (depth < 2 && pick < 0.2) pieces.push(`<strong>${inline(depth + 1)}</strong>`);
      else if (depth < 2 && pick < 0.35) pieces.push(`<em>${inline(depth + 1)}</em>`);
      else if (pick < 0.45) pieces.push(`<a href="https://lotus.example/${index}">${text(2)}</a>`);
      else if (pick < 0.6) pieces.push("<br />");
      else pieces.push(text(1 + Math.floor(random() * 3)));
    }
    return pieces.join(random() < 0.5 ? " " : "");
  };
  const blocks: string[] = [];
  const count = 1 + Math.floor(random() * 4);
  for (let index = 0; index < count; index++) {
    const pick = random();
    if (pick < 0.55) blocks.push(`<p>${inline(0)}</p>`);
    else if (pick < 0.7) blocks.push(`<table><tr><td>${inline(1)}</td><td>${text(2)}</td></tr></table>`);
    else if (pick < 0.85) blocks.push(`<ul><li>${inline(1)}</li><li>${text(2)}</li></ul>`);
    else blocks.push(`<pre>${text(2)}\n${text(2)}</pre>`);
  }
  return blocks.join("\n");
}

describe("HTML → Markdown → HTML keeps the text and its line breaks", () => {
  it("over generated release-like HTML", () => {
    const random = seededRandom(20261202);
    for (let run = 0; run < 400; run++) {
      const html = sanitizeWithPolicy(generatedHtml(random), importPolicy());
      const back = roundTrip(html);
      expect({ html, lines: lines(back) }).toEqual({ html, lines: lines(html) });
    }
  });

  it("over the body of every import fixture", async () => {
    const folder = path.resolve(import.meta.dirname, "../../fixtures/import");
    let bodies = 0;
    for (const name of await readdir(folder)) {
      if (!/\.(xml|html)$/.test(name)) continue;
      const { items } = readReleases(await readFile(path.join(folder, name), "utf8"), name);
      for (const item of items) {
        if (!item.bodyHtml) continue;
        bodies++;
        const html = sanitizeWithPolicy(item.bodyHtml, importPolicy());
        expect({ name, lines: lines(roundTrip(html)) }).toEqual({ name, lines: lines(html) });
      }
    }
    expect(bodies).toBeGreaterThan(5);
  });
});
