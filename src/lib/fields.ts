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
    if (typeof value === "string" && value.trim() !== "") return value.trim();
    this.problem(name, expected, value);
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
      if (typeof item === "string" && item.trim() !== "") items.push(item.trim());
      else this.problem(`${name}[${index}]`, "a text", item);
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
        expected: suggestion ? `a known field (did you mean \`${suggestion}\`?)` : `one of the known fields (${known.join(", ")})`,
        found: "an unknown field",
      });
    }
  }
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
