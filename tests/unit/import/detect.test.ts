import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectFormat } from "../../../src/lib/import/detect.ts";

const fixture = (name: string) => readFile(path.resolve("tests/fixtures/import", name), "utf8");

describe("detectFormat", () => {
  it.each([
    ["prnewswire.rss.xml", "rss"],
    ["xinhua.atom.xml", "atom"],
    ["globenewswire.newsml-g2.xml", "newsml-g2"],
    ["businesswire.newsml.xml", "newsml-1.2"],
    ["pasted-page.html", "html"],
    ["pasted-email.txt", "text"],
  ])("%s is %s", async (name, format) => {
    expect(detectFormat(await fixture(name), name)).toBe(format);
  });

  it("recognises a lone NewsML-G2 newsItem and an HTML fragment", () => {
    expect(detectFormat('<?xml version="1.0"?><newsItem guid="x"/>', "x")).toBe("newsml-g2");
    expect(detectFormat("<p>BEIJING, Oct. 24, 2023 /PRNewswire/ -- Text</p>", "x")).toBe("html");
  });

  it.each([
    [
      '{"items": []}',
      "in.json: expected RSS 2.0 (<rss>), Atom (<feed>), NewsML-G2 (<newsMessage> or <newsItem>), NewsML 1.2 (<NewsML>), an HTML page, or a release as plain text, found JSON (not a supported format)",
    ],
    [
      '<?xml version="1.0"?><catalog><book/></catalog>',
      "in.json: expected RSS 2.0 (<rss>), Atom (<feed>), NewsML-G2 (<newsMessage> or <newsItem>), NewsML 1.2 (<NewsML>), an HTML page, or a release as plain text, found XML whose root element is <catalog>",
    ],
    [
      "   \n ",
      "in.json: expected RSS 2.0 (<rss>), Atom (<feed>), NewsML-G2 (<newsMessage> or <newsItem>), NewsML 1.2 (<NewsML>), an HTML page, or a release as plain text, found an empty input",
    ],
    [
      "GIF89a\u0000\u0001",
      "in.json: expected RSS 2.0 (<rss>), Atom (<feed>), NewsML-G2 (<newsMessage> or <newsItem>), NewsML 1.2 (<NewsML>), an HTML page, or a release as plain text, found binary data",
    ],
  ])("refuses an unknown format clearly: %j", (text, message) => {
    expect(() => detectFormat(text, "in.json")).toThrow(message);
  });
});
