import { describe, expect, it } from "vitest";
import { controlCharacter, FieldReader } from "../../../src/lib/core/fields.ts";
import { formatProblem } from "../../../src/lib/core/problems.ts";

describe("controlCharacter", () => {
  it("passes text with tabs, line ends and any printable script", () => {
    expect(controlCharacter("Tab\there\r\nand 北京 — “quotes” 😀")).toBeUndefined();
  });

  it.each([
    ["\u0000", "U+0000"],
    ["\u0008", "U+0008"],
    ["\u000b", "U+000B"],
    ["\u000c", "U+000C"],
    ["\u001f", "U+001F"],
    ["\u007f", "U+007F"],
    ["\u0080", "U+0080"],
    ["\u009f", "U+009F"],
    ["\ufffe", "U+FFFE"],
    ["\uffff", "U+FFFF"],
    ["\ud800", "U+D800"],
    ["\udfff", "U+DFFF"],
  ])("finds %j", (char, code) => {
    expect(controlCharacter(`ab${char}c`)).toBe(`${code} at character 3`);
  });

  it("names the line in text of several lines", () => {
    expect(controlCharacter("one\ntwo\nthr\u0001ee")).toBe("U+0001 on line 3");
  });
});

describe("FieldReader", () => {
  const read = (record: Record<string, unknown>) => {
    const reader = new FieldReader("a.md", record);
    return { reader, problems: () => reader.problems.map(formatProblem) };
  };

  it("refuses a control character in a text field, naming it", () => {
    const { reader, problems } = read({ title: "A\u0001B" });
    expect(reader.requiredText("title")).toBeUndefined();
    expect(problems()).toEqual([
      'a.md: `title`: expected a text without control characters (they make feeds and sitemaps invalid XML), found "A\\u0001B", with U+0001 at character 2',
    ]);
  });

  it("refuses a control character in one item of a list, keeping the others", () => {
    const { reader, problems } = read({ tags: ["ok", "b\u0002d", "fine"] });
    expect(reader.optionalTextList("tags")).toEqual(["ok", "fine"]);
    expect(problems()).toEqual([
      'a.md: `tags[1]`: expected a text without control characters (they make feeds and sitemaps invalid XML), found "b\\u0002d", with U+0002 at character 2',
    ]);
  });
});
