/**
 * What a withdrawn article's file keeps: enough to know which release it was and that its URL
 * stays reserved, none of its text. `npm run withdraw` and the importer (a wire's kill notice)
 * both write it.
 */
export const WITHDRAWN_RECORD_FIELDS = [
  "title",
  "date",
  "dateline",
  "partner",
  "guid",
  "originalUrl",
  "imported",
] as const;

/** The front matter of the record, and the fields it left out. */
export function withdrawnRecord(
  data: Record<string, unknown>,
  withdrawn: { date: string; reason: string },
): { fields: Record<string, unknown>; dropped: string[] } {
  const fields: Record<string, unknown> = {};
  for (const field of WITHDRAWN_RECORD_FIELDS) if (data[field] !== undefined) fields[field] = data[field];
  fields.withdrawn = withdrawn;
  const dropped = Object.keys(data).filter((field) => !(WITHDRAWN_RECORD_FIELDS as readonly string[]).includes(field));
  return { fields, dropped };
}
