/**
 * Wire datelines at the start of a release: `BEIJING, Oct. 24, 2023 /PRNewswire/ --`,
 * `NEW YORK, Feb. 19, 2021  (GLOBE NEWSWIRE) --`, `GREENWICH, Conn.--(BUSINESS WIRE)--`,
 * `XI'AN, China, Oct. 27, 2023 /Xinhua-AsiaNet/--`; with `--`, `—` or `–` and any spacing.
 */
const MONTH = String.raw`(?<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)|Apr(?:il|\.)|May|June?\.?|July?\.?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)`;
const DATE = String.raw`${MONTH}\s*(?<day>\d{1,2}),?\s+(?<year>\d{4})`;
const DASH = String.raw`(?:-{1,2}|[\u2013\u2014\u2015])`;
const PLACE = String.raw`(?<place>\p{Lu}[^\n,()/]{1,40}?(?:,\s*[^\n,()/]{2,30}?)?)`;
const TAG = String.raw`(?:/(?<slashTag>[^/\n]{2,40})/|\((?<parenTag>[^()\n]{2,40})\))`;
const WITH_TAG = new RegExp(
  String.raw`^[\s\u00a0]*${PLACE}[\s\u00a0]*(?:,[\s\u00a0]*${DATE})?[\s\u00a0]*(?:${DASH}[\s\u00a0]*)?${TAG}[\s\u00a0]*${DASH}[\s\u00a0]*`,
  "u",
);
const WITHOUT_TAG = new RegExp(String.raw`^[\s\u00a0]*${PLACE},[\s\u00a0]*${DATE}[\s\u00a0]*${DASH}[\s\u00a0]*`, "u");

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

export interface Dateline {
  /** The place as printed: `GREENWICH, Conn.` */
  place: string;
  /** The date printed in the dateline, when there is one. */
  date?: { year: number; month: number; day: number };
  /** The wire's tag without its slashes or parentheses: `PRNewswire`. */
  tag?: string;
  /** How many characters of the text the dateline takes, separator included. */
  length: number;
}

/** The dateline at the very start of `text`, or undefined. The city must be in capitals. */
export function matchDateline(text: string): Dateline | undefined {
  const match = WITH_TAG.exec(text) ?? WITHOUT_TAG.exec(text);
  const groups = match?.groups;
  if (!match || !groups) return undefined;
  const place = (groups.place ?? "").replace(/[\s\u00a0\-\u2013\u2014]+$/, "").trim();
  const city = place.split(",")[0] ?? "";
  if (/\p{Ll}/u.test(city) || !/\p{Lu}{2}/u.test(city)) return undefined;
  const result: Dateline = { place, length: match[0].length };
  const tag = (groups.slashTag ?? groups.parenTag)?.trim();
  if (tag) result.tag = tag;
  if (groups.month && groups.day && groups.year) {
    const month = MONTHS.indexOf(groups.month.slice(0, 3).toLowerCase()) + 1;
    const day = Number(groups.day);
    if (month > 0 && day >= 1 && day <= 31) result.date = { year: Number(groups.year), month, day };
  }
  return result;
}

/** `GLOBE NEWSWIRE`, `GlobeNewswire` and `globenewswire` are one wire. */
export function wireKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "");
}
