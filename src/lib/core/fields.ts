import { closestName, describeValue, type Problem } from "./problems.ts";

/**
 * Small field readers shared by the site, partner and article validators. Each reads one
 * field of a parsed mapping, records a problem when it is wrong, and returns the value or
 * undefined. Keeping them here gives every message the same shape.
 */
export class FieldReader {
  readonly problems: Problem[] = [];

  constructor(
    readonly file: string,
    private readonly record: Record<string, unknown>,
    private readonly prefix = "",
  ) {}

  private path(name: string): string {
    return this.prefix ? `${this.prefix}.${name}` : name;
  }

  problem(field: string, expected: string, found: unknown): void {
    this.problems.push({ file: this.file, field: this.path(field), expected, found: describeValue(found) });
  }

  raw(name: string): unknown {
    return this.record[name];
  }

  has(name: string): boolean {
    const value = this.record[name];
    return value !== undefined && value !== null;
  }

  /** A field that must not be missing. */
  requiredText(name: string, expected = "a text"): string | undefined {
    const value = this.record[name];
    if (typeof value === "string" && value.trim() !== "") return this.withoutControls(name, value.trim());
    this.problem(name, expected, value);
    return undefined;
  }

  /** The text, or undefined with a problem when it holds a control character. */
  private withoutControls(field: string, text: string): string | undefined {
    const control = controlCharacter(text);
    if (!control) return text;
    this.problems.push({
      file: this.file,
      field: this.path(field),
      expected: CONTROL_FREE,
      found: `${describeValue(text)}, with ${control}`,
    });
    return undefined;
  }

  optionalText(name: string, expected = "a text"): string | undefined {
    if (!this.has(name)) return undefined;
    return this.requiredText(name, expected);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T | undefined {
    const value = this.record[name];
    if ((value === undefined || value === null) && fallback !== undefined) return fallback;
    if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
    this.problem(name, `one of ${allowed.map((a) => `"${a}"`).join(", ")}`, value);
    return undefined;
  }

  /** `true` or `false`, written as such; `yes`, `on` or `1` are refused rather than guessed. */
  optionalBoolean(name: string): boolean | undefined {
    if (!this.has(name)) return undefined;
    const value = this.record[name];
    if (value === true || value === "true") return true;
    if (value === false || value === "false") return false;
    this.problem(name, "true or false", value);
    return undefined;
  }

  optionalTextList(name: string): string[] | undefined {
    if (!this.has(name)) return undefined;
    const value = this.record[name];
    if (!Array.isArray(value)) {
      this.problem(name, "a list of texts (one `- item` per line)", value);
      return undefined;
    }
    const items: string[] = [];
    value.forEach((item, index) => {
      const text =
        typeof item === "string" && item.trim() !== ""
          ? this.withoutControls(`${name}[${index}]`, item.trim())
          : undefined;
      if (text !== undefined) items.push(text);
      else if (typeof item !== "string" || item.trim() === "") this.problem(`${name}[${index}]`, "a text", item);
    });
    return items;
  }

  /** Reports every key that is not in `known`, suggesting the likely intended name. */
  rejectUnknown(known: readonly string[]): void {
    for (const key of Object.keys(this.record)) {
      if (known.includes(key)) continue;
      const suggestion = closestName(key, known);
      this.problems.push({
        file: this.file,
        field: this.path(key),
        expected: suggestion
          ? `a known field (did you mean \`${suggestion}\`?)`
          : `one of the known fields (${known.join(", ")})`,
        found: "an unknown field",
      });
    }
  }
}

export const CONTROL_FREE = "a text without control characters (they make feeds and sitemaps invalid XML)";

// C0 and C1 controls but tab, line feed and carriage return; DEL; the non-characters U+FFFE
// and U+FFFF; and halves of a surrogate pair standing alone: none can be written in XML 1.0.
const CONTROL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * `text` without its control characters, and the code points removed ("U+0001"), for tools
 * that clean text they did not write (the importer) rather than refuse it.
 */
export function removeControlCharacters(text: string): { text: string; removed: string[] } {
  const removed: string[] = [];
  const cleaned = text.replace(new RegExp(CONTROL.source, "g"), (char) => {
    removed.push(`U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`);
    return "";
  });
  return { text: cleaned, removed };
}

/**
 * The first control character in `text`, described as "U+0001 at character 6" (or, for text of
 * several lines, "U+0001 on line 3"), or undefined.
 */
export function controlCharacter(text: string): string | undefined {
  const match = CONTROL.exec(text);
  if (!match) return undefined;
  const code = (match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
  const before = text.slice(0, match.index);
  const line = before.split("\n").length;
  return line > 1 ? `U+${code} on line ${line}` : `U+${code} at character ${match.index + 1}`;
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}
