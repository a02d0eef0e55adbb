import type { Problem } from "../core/problems.ts";
import type { ArticleFields } from "./article-schema.ts";

/** Two releases from one partner with the same headline this close together are one release. */
export const DUPLICATE_WINDOW_HOURS = 48;

interface Filed {
  file: string;
  fields: Pick<ArticleFields, "guid" | "title" | "partner" | "date">;
}

/**
 * The same release filed twice: two files with one `guid` (the wire's identity, which feed
 * items carry), or one partner's same headline within 48 hours. Each would build into two pages
 * and two feed items; the build stops naming both files.
 */
export function duplicateProblems(sources: readonly Filed[]): Problem[] {
  const problems: Problem[] = [];
  const byGuid = new Map<string, Filed>();
  for (const source of sources) {
    const guid = source.fields.guid;
    if (guid === undefined) continue;
    const earlier = byGuid.get(guid);
    if (earlier)
      problems.push({
        file: source.file,
        field: "guid",
        expected: "a guid no other article has (the same release filed twice? delete one file)",
        found: `${JSON.stringify(guid)}, which ${earlier.file} also has`,
      });
    else byGuid.set(guid, source);
  }

  const byHeadline = new Map<string, Filed[]>();
  for (const source of sources) {
    const key = `${source.fields.partner}\n${headlineKey(source.fields.title)}`;
    const group = byHeadline.get(key);
    if (group) group.push(source);
    else byHeadline.set(key, [source]);
  }
  for (const group of byHeadline.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) => a.fields.date.toMillis() - b.fields.date.toMillis());
    for (let index = 1; index < sorted.length; index++) {
      const [earlier, later] = [sorted[index - 1]!, sorted[index]!];
      // A guid pair is reported above already.
      if (later.fields.guid !== undefined && later.fields.guid === earlier.fields.guid) continue;
      const hours = later.fields.date.diff(earlier.fields.date, "hours").hours;
      if (hours > DUPLICATE_WINDOW_HOURS) continue;
      problems.push({
        file: later.file,
        field: "title",
        expected: `a release not already filed: ${earlier.file} has the same partner and headline ${formatHours(hours)} earlier (delete one file, or change one headline if they differ)`,
        found: JSON.stringify(later.fields.title),
      });
    }
  }
  return problems;
}

/** Headlines compared without case, accents, punctuation or spacing. */
function headlineKey(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function formatHours(hours: number): string {
  const rounded = Math.round(hours);
  return rounded === 0 ? "less than an hour" : `${rounded} hour${rounded === 1 ? "" : "s"}`;
}
