/**
 * Wire datelines at the start of a release, in the forms the wires print:
 * `BEIJING, Oct. 24, 2023 /PRNewswire/ --`, `NEW YORK, Feb. 19, 2021  (GLOBE NEWSWIRE) --`,
 * `GREENWICH, Conn.--(BUSINESS WIRE)--`, `XI'AN, China, Oct. 27, 2023 /Xinhua-AsiaNet/--`;
 * day first in other languages (`TORONTO, 26 mai 2020 (GLOBE NEWSWIRE) --`,
 * `MADRID, 3 de marzo de 2026 /PRNewswire/ --`, `BERLIN, 5. März 2026 /PRNewswire/ --`);
 * the CJK form `北京2023年10月24日 /美通社/ --`; and the agency form with the tag first,
 * `(ANSA) - Rome, October 11 -`. With `--`, `—` or `–` and any spacing.
 */

/** Month names and abbreviations by language, folded (lowercase, no accents, no dot). */
const MONTH_NAMES: Record<string, number> = {};
for (const names of [
  // English, with AP abbreviations
  "jan january|feb february|mar march|apr april|may|jun june|jul july|aug august|sep sept september|oct october|nov november|dec december",
  // French
  "janv janvier|fevr fevrier|mars|avr avril|mai|juin|juil juillet|aout|sept septembre|oct octobre|nov novembre|dec decembre",
  // Spanish
  "ene enero|feb febrero|marzo|abr abril|mayo|junio|julio|agosto|set setiembre septiembre|octubre|noviembre|dic diciembre",
  // German
  "januar janner|februar|marz|april|mai|juni|juli|august|september|oktober|november|dezember",
  // Portuguese
  "janeiro|fev fevereiro|marco|abril|maio|junho|julho|ago agosto|setembro|out outubro|novembro|dez dezembro",
  // Italian
  "gen gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre",
]) {
  names.split("|").forEach((month, index) => {
    for (const name of month.split(" ")) MONTH_NAMES[name] ??= index + 1;
  });
}

/** The month a word names in one of the wires' languages, or undefined. */
export function monthNumber(word: string): number | undefined {
  const folded = word
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\.$/, "");
  return MONTH_NAMES[folded];
}

const SPACE = String.raw`[\s\u00a0]`;
const WORD = String.raw`\p{L}{3,10}\.?`;
const MONTH_FIRST = String.raw`(?<m1>${WORD})${SPACE}*(?<d1>\d{1,2}),?${SPACE}+(?<y1>\d{4})`;
const DAY_FIRST = String.raw`(?<d2>\d{1,2})\.?${SPACE}+(?:de${SPACE}+)?(?<m2>${WORD})${SPACE}+(?:de${SPACE}+)?(?<y2>\d{4})`;
const CJK = String.raw`(?<y3>\d{4})${SPACE}*年${SPACE}*(?<m3>\d{1,2})${SPACE}*月${SPACE}*(?<d3>\d{1,2})${SPACE}*日`;
const NO_YEAR = String.raw`(?<m4>${WORD})${SPACE}+(?<d4>\d{1,2})`;
const DATE = String.raw`(?:${MONTH_FIRST}|${DAY_FIRST}|${CJK})`;
const DASH = String.raw`(?:-{1,2}|[\u2013\u2014\u2015])`;
// The state or country after the city is optional and tried last, and never starts with a
// digit: in `TORONTO, 26 mai 2020` the date is not part of the place.
const PLACE = String.raw`(?<place>[\p{Lu}\p{Lo}][^\n,()/]{0,40}?(?:,${SPACE}*(?!\d)[^\n,()/]{2,30}?)??)`;
const TAG = String.raw`(?:/(?<slashTag>[^/\n]{2,40})/|\((?<parenTag>[^()\n]{2,40})\))`;
const WITH_TAG = new RegExp(
  String.raw`^${SPACE}*${PLACE}${SPACE}*(?:,?${SPACE}*${DATE})?${SPACE}*(?:${DASH}${SPACE}*)?${TAG}${SPACE}*${DASH}${SPACE}*`,
  "u",
);
const WITHOUT_TAG = new RegExp(String.raw`^${SPACE}*${PLACE},${SPACE}*${DATE}${SPACE}*${DASH}${SPACE}*`, "u");
const TAG_FIRST = new RegExp(
  String.raw`^${SPACE}*${TAG}${SPACE}*${DASH}${SPACE}*${PLACE},${SPACE}*(?:${DATE}|${NO_YEAR})${SPACE}*${DASH}${SPACE}*`,
  "u",
);

export interface Dateline {
  /** The place as printed: `GREENWICH, Conn.` */
  place: string;
  /** The date printed in the dateline, when there is one with a year. */
  date?: { year: number; month: number; day: number };
  /** The wire's tag without its slashes or parentheses: `PRNewswire`. */
  tag?: string;
  /** How many characters of the text the dateline takes, separator included. */
  length: number;
}

/**
 * The dateline at the very start of `text`, or undefined. The city must be in capitals (or
 * in a script without case), except after an agency's tag, which marks the dateline itself.
 */
export function matchDateline(text: string): Dateline | undefined {
  const tagFirst = TAG_FIRST.exec(text);
  const match = tagFirst ?? WITH_TAG.exec(text) ?? WITHOUT_TAG.exec(text);
  const groups = match?.groups;
  if (!match || !groups) return undefined;
  const place = (groups.place ?? "").replace(/[\s\u00a0\-\u2013\u2014]+$/, "").trim();
  const city = place.split(",")[0] ?? "";
  const caseless = !/[\p{Lu}\p{Ll}]/u.test(city) && /\p{Lo}/u.test(city);
  if (!tagFirst && !caseless && (/\p{Ll}/u.test(city) || !/\p{Lu}{2}/u.test(city))) return undefined;
  const date = datelineDate(groups);
  if (date === null) return undefined;
  const result: Dateline = { place, length: match[0].length };
  const tag = (groups.slashTag ?? groups.parenTag)?.trim();
  if (tag) result.tag = tag;
  if (date) result.date = date;
  return result;
}

/** The date the dateline prints; null when a word in the month's place names no month. */
function datelineDate(groups: Record<string, string | undefined>): Dateline["date"] | null | undefined {
  const monthWord = groups.m1 ?? groups.m2 ?? groups.m4;
  const month = groups.m3 !== undefined ? Number(groups.m3) : monthWord ? monthNumber(monthWord) : undefined;
  if (monthWord !== undefined && month === undefined) return null;
  const year = groups.y1 ?? groups.y2 ?? groups.y3;
  const day = Number(groups.d1 ?? groups.d2 ?? groups.d3 ?? groups.d4);
  if (!month || !year || !(day >= 1 && day <= 31) || month > 12) return undefined;
  return { year: Number(year), month, day };
}

/** `GLOBE NEWSWIRE`, `GlobeNewswire` and `globenewswire` are one wire. */
export function wireKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}
