import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node } from "yaml";
import type { Problem } from "../core/problems.ts";

export interface ParsedFile {
  data: Record<string, unknown>;
  body: string;
}

const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*$/m;
const PLAIN_NULL = /^(?:~|null|Null|NULL|)$/;

/**
 * Splits a Markdown file into front matter and body and parses the front matter.
 *
 * YAML is read with the failsafe schema: every scalar stays the text the editor typed, so
 * `012345` stays "012345", `1.10` stays "1.10" and a date is never turned into a JS Date in
 * the machine's zone. The validators decide what each field means. Only an unquoted `~`,
 * `null` or an empty value counts as "no value". Aliases are refused (they allow
 * exponential expansion and are never needed in an article).
 */
export function parseFrontMatter(source: string, file: string): ParsedFile | Problem[] {
  const text = source.replace(/^\uFEFF/, "");
  const opening = OPENING.exec(text);
  if (!opening) {
    return [
      {
        file,
        field: "",
        expected: "front matter between two `---` lines at the very top of the file",
        found: describeStart(text),
      },
    ];
  }
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) {
    return [
      {
        file,
        field: "",
        expected: "a closing `---` line after the front matter",
        found: "none before the end of the file",
      },
    ];
  }
  const yamlText = rest.slice(0, closing.index);
  const body = rest.slice(closing.index + closing[0].length).replace(/^\r?\n/, "");

  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { schema: "failsafe", uniqueKeys: true, prettyErrors: false, lineCounter });
  const problems: Problem[] = [...document.errors, ...document.warnings].map((error) => {
    const line = lineCounter.linePos(error.pos[0]).line + 1; // +1 for the opening `---`
    return {
      file,
      field: "",
      expected: "valid YAML front matter (quote titles that contain `: `, `#` or start with a quote)",
      found: `${firstLine(error.message)} at line ${line}`,
    };
  });
  if (problems.length > 0) return problems;

  const data = toPlain(document.contents, file, problems);
  if (problems.length > 0) return problems;
  if (data === null || data === undefined) return { data: {}, body };
  if (typeof data !== "object" || Array.isArray(data)) {
    return [{ file, field: "", expected: "front matter made of `field: value` lines", found: "a single value" }];
  }
  return { data: data as Record<string, unknown>, body };
}

function toPlain(node: Node | null, file: string, problems: Problem[], path = ""): unknown {
  if (node === null) return null;
  if (isAlias(node)) {
    problems.push({
      file,
      field: path,
      expected: "a plain value (YAML aliases `*name` are not allowed)",
      found: `*${node.source}`,
    });
    return null;
  }
  if (isScalar(node)) {
    const value = node.value;
    if (node.type === Scalar.PLAIN && typeof value === "string" && PLAIN_NULL.test(value)) return null;
    return value === null ? null : String(value);
  }
  if (isSeq(node)) {
    return node.items.map((item, index) => toPlain(item as Node | null, file, problems, `${path}[${index}]`));
  }
  if (isMap(node)) {
    const record: Record<string, unknown> = Object.create(null);
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const childPath = path ? `${path}.${key}` : key;
      record[key] = toPlain(pair.value as Node | null, file, problems, childPath);
    }
    return { ...record };
  }
  return null;
}

function firstLine(message: string): string {
  return message.split("\n")[0]?.trim() ?? message;
}

function describeStart(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  return first.trim() === "" ? "an empty first line" : JSON.stringify(first.slice(0, 60));
}
