/**
 * A problem found in a user's input: which file, which field, what we wanted, what we got.
 * Validators collect these instead of throwing on the first one, so an editor sees every
 * mistake in every file after a single build.
 */
export interface Problem {
  file: string;
  /** Dotted path such as `images[1].alt`; empty when the problem is the whole file. */
  field: string;
  expected: string;
  /** What was found, already described for people (use {@link describeValue}). */
  found: string;
}

export function formatProblem(problem: Problem): string {
  const where = problem.field ? `${problem.file}: \`${problem.field}\`` : problem.file;
  return `${where}: expected ${problem.expected}, found ${problem.found}`;
}

/** Thrown when one or more problems stop the build; the message lists all of them. */
export class ProblemsError extends Error {
  readonly problems: readonly Problem[];
  /** Tells Eleventy's error reporter that a stack trace would only hide the message. */
  readonly skipOriginalStack = true;

  constructor(heading: string, problems: readonly Problem[]) {
    const lines = problems.map((problem) => `  - ${formatProblem(problem)}`);
    super(`${heading} (${problems.length} ${problems.length === 1 ? "problem" : "problems"}):\n${lines.join("\n")}`);
    this.name = "ProblemsError";
    this.problems = problems;
  }
}

/** A mistake in the user's settings or input; Eleventy shows its message without a stack trace. */
export class UserError extends Error {
  readonly skipOriginalStack = true;
}

const MAX_SHOWN = 80;

/** Describes a value for an error message: its type and a short, quoted rendering. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") {
    if (value.trim() === "") return "an empty text";
    const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    // JSON escapes C0 controls and lone surrogates; DEL, C1 controls and the non-characters
    // would still print invisibly, so they are escaped the same way.
    return JSON.stringify(shown).replace(
      /[\u007f-\u009f\ufffe\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  }
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") {
    const keys = Object.keys(value);
    return keys.length ? `a mapping with ${keys.map((k) => `\`${k}\``).join(", ")}` : "an empty mapping";
  }
  return `${typeof value} ${String(value)}`;
}

/** The closest of `candidates` to `word`, when it is close enough to be a likely typo. */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
