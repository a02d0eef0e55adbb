import { describe, expect, it } from "vitest";
import { parseFrontMatter, type ParsedFile } from "../../../src/lib/content/front-matter.ts";
import { formatProblem, type Problem } from "../../../src/lib/core/problems.ts";

const parsed = (text: string) => {
  const result = parseFrontMatter(text, "articles/x.md");
  if (Array.isArray(result)) throw new Error(result.map(formatProblem).join("\n"));
  return result as ParsedFile;
};
const problems = (text: string) => {
  const result = parseFrontMatter(text, "articles/x.md");
  if (!Array.isArray(result)) throw new Error("expected problems");
  return (result as Problem[]).map(formatProblem);
};

describe("parseFrontMatter", () => {
  it("splits front matter from the body", () => {
    const { data, body } = parsed("---\ntitle: Hello\n---\nBody *text*\n");
    expect(data).toEqual({ title: "Hello" });
    expect(body).toBe("Body *text*\n");
  });

  it("keeps what the editor typed instead of coercing it", () => {
    const { data } = parsed("---\nguid: 012345\nversion: 1.10\nanswer: yes\nflag: on\nwhen: 2023-10-24\n---\n");
    expect(data).toEqual({ guid: "012345", version: "1.10", answer: "yes", flag: "on", when: "2023-10-24" });
  });

  it("reads an unquoted ~, null or empty value as no value, but keeps quoted ones", () => {
    const { data } = parsed('---\na: ~\nb: null\nc:\nd: "~"\ne: "null"\n---\n');
    expect(data).toEqual({ a: null, b: null, c: null, d: "~", e: "null" });
  });

  it("reads nested mappings and lists", () => {
    const { data } = parsed(
      "---\ndateline: { city: BEIJING }\ntags: [a, b]\nimages:\n  - src: a.jpg\n    alt: A\n---\n",
    );
    expect(data).toEqual({ dateline: { city: "BEIJING" }, tags: ["a", "b"], images: [{ src: "a.jpg", alt: "A" }] });
  });

  it("accepts a byte-order mark and Windows line endings", () => {
    const { data, body } = parsed("\uFEFF---\r\ntitle: Hello\r\n---\r\nBody\r\n");
    expect(data).toEqual({ title: "Hello" });
    expect(body).toBe("Body\r\n");
  });

  it("keeps --- lines in the body", () => {
    expect(parsed("---\ntitle: A\n---\none\n\n---\n\ntwo\n").body).toBe("one\n\n---\n\ntwo\n");
  });

  it("reports a file without front matter", () => {
    expect(problems("# Just markdown\n")).toEqual([
      'articles/x.md: expected front matter between two `---` lines at the very top of the file, found "# Just markdown"',
    ]);
  });

  it("reports front matter that is never closed", () => {
    expect(problems("---\ntitle: A\nBody\n")).toEqual([
      "articles/x.md: expected a closing `---` line after the front matter, found none before the end of the file",
    ]);
  });

  it("reports a YAML error with its line in the file", () => {
    const [message] = problems("---\ntitle: A\nsummary: Lotus: a company: ltd\n---\n");
    expect(message).toMatch(
      /^articles\/x\.md: expected valid YAML front matter \(quote titles that contain `: `.*found .* at line 3$/,
    );
  });

  it("reports a field given twice", () => {
    expect(problems("---\ntitle: A\ntitle: B\n---\n")[0]).toMatch(/Map keys must be unique at line 3$/);
  });

  it("refuses YAML aliases", () => {
    expect(problems("---\na: &x hello\nb: *x\n---\n")).toEqual([
      "articles/x.md: `b`: expected a plain value (YAML aliases `*name` are not allowed), found *x",
    ]);
  });

  it("reports front matter that is a single value", () => {
    expect(problems("---\njust text\n---\n")).toEqual([
      "articles/x.md: expected front matter made of `field: value` lines, found a single value",
    ]);
  });

  it("treats empty front matter as no fields", () => {
    expect(parsed("---\n---\nBody").data).toEqual({});
  });
});
