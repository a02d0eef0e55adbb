import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { duplicateProblems } from "../../../src/lib/content/duplicates.ts";
import { formatProblem } from "../../../src/lib/core/problems.ts";

const filed = (file: string, fields: { guid?: string; title?: string; partner?: string; date?: string }) => ({
  file,
  fields: {
    title: fields.title ?? `Headline of ${file}`,
    partner: fields.partner ?? "prnewswire",
    date: DateTime.fromISO(fields.date ?? "2026-11-03T09:00:00+07:00", { setZone: true }),
    ...(fields.guid === undefined ? {} : { guid: fields.guid }),
  },
});

describe("duplicateProblems", () => {
  it("names both files when two share a guid", () => {
    const problems = duplicateProblems([filed("a.md", { guid: "prn-1" }), filed("b.md", { guid: "prn-1" })]);
    expect(problems.map(formatProblem)).toEqual([
      'b.md: `guid`: expected a guid no other article has (the same release filed twice? delete one file), found "prn-1", which a.md also has',
    ]);
  });

  it("names both files when one partner's headline comes twice within 48 hours, however it is spelt", () => {
    const problems = duplicateProblems([
      filed("late.md", { title: "Lotus Grid Opens a Plant!", date: "2026-11-05T08:00:00+07:00" }),
      filed("early.md", { title: "lotus grid opens a plant", date: "2026-11-03T09:00:00+07:00" }),
    ]);
    expect(problems.map(formatProblem)).toEqual([
      'late.md: `title`: expected a release not already filed: early.md has the same partner and headline 47 hours earlier (delete one file, or change one headline if they differ), found "Lotus Grid Opens a Plant!"',
    ]);
  });

  it("lets the same headline through from another partner, after 48 hours, or from the same guid only once", () => {
    expect(
      duplicateProblems([
        filed("a.md", { title: "Weekly market report" }),
        filed("b.md", { title: "Weekly market report", partner: "businesswire" }),
        filed("c.md", { title: "Weekly market report", date: "2026-11-10T09:00:00+07:00" }),
        filed("d.md", {}),
      ]),
    ).toEqual([]);
    const sameGuid = duplicateProblems([filed("a.md", { guid: "g" }), filed("b.md", { guid: "g" })]);
    expect(sameGuid).toHaveLength(1);
  });
});
