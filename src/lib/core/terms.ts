/**
 * When two names are one directory term, and which spelling a term shows. The directory's term
 * pages, the search filters and the importer's keyword matching all decide it here, so a term
 * is the same term everywhere.
 */

/** Case, accents and spacing don't make a different term: "Énergie", "energie" and "ENERGIE " are one. */
export function termKey(name: string): string {
  let key = termKeys.get(name);
  if (key === undefined) {
    key = name
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
    // A site names a few thousand terms, each tens of thousands of times: remember them.
    if (termKeys.size >= TERM_KEY_CACHE_SIZE) termKeys.clear();
    termKeys.set(name, key);
  }
  return key;
}

const TERM_KEY_CACHE_SIZE = 100_000;
const termKeys = new Map<string, string>();

/**
 * The spelling a term shows, from how often each is used: the one most uses have; ties go to
 * the first in code-point order, so it is stable.
 */
export function preferredSpelling(spellings: ReadonlyMap<string, number>, fallback: string): string {
  return [...spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? fallback;
}

/** Counts the spellings of terms as they are met, and names each term by its preferred one. */
export class SpellingCounter {
  private readonly counts = new Map<string, Map<string, number>>();

  add(name: string): void {
    const key = termKey(name);
    let spellings = this.counts.get(key);
    if (!spellings) this.counts.set(key, (spellings = new Map()));
    spellings.set(name, (spellings.get(name) ?? 0) + 1);
  }

  /** The preferred spelling of the term `name` belongs to (`name` itself if never counted). */
  preferred(name: string): string {
    const spellings = this.counts.get(termKey(name));
    return spellings ? preferredSpelling(spellings, name) : name;
  }
}
