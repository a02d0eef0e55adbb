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
const MONTHS_BY_LANGUAGE: ReadonlyArray<[string, string]> = [
  // English first, with AP abbreviations: an English month word is English.
  [
    "en",
    "jan january|feb february|mar march|apr april|may|jun june|jul july|aug august|sep sept september|oct october|nov november|dec december",
  ],
  [
    "fr",
    "janv janvier|fevr fevrier|mars|avr avril|mai|juin|juil juillet|aout|sept septembre|oct octobre|nov novembre|dec decembre",
  ],
  [
    "es",
    "ene enero|feb febrero|marzo|abr abril|mayo|junio|julio|agosto|set setiembre septiembre|octubre|noviembre|dic diciembre",
  ],
  ["de", "januar janner|februar|marz|april|mai|juni|juli|august|september|oktober|november|dezember"],
  ["pt", "janeiro|fev fevereiro|marco|abril|maio|junho|julho|ago agosto|setembro|out outubro|novembro|dez dezembro"],
  ["it", "gen gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre"],
];
const MONTH_NAMES = new Map<string, Array<{ month: number; language: string }>>();
for (const [language, names] of MONTHS_BY_LANGUAGE) {
  names.split("|").forEach((month, index) => {
    for (const name of month.split(" ")) {
      const entries = MONTH_NAMES.get(name) ?? [];
      entries.push({ month: index + 1, language });
      MONTH_NAMES.set(name, entries);
    }
  });
}

/**
 * The month a word names in one of the wires' languages, and the language it is in: `preferred`
 * when the word is a month there too ("mai" is French and German), else the first that has it.
 */
export function monthOf(word: string, preferred?: string): { month: number; language: string } | undefined {
  const folded = word
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\.$/, "");
  const entries = MONTH_NAMES.get(folded);
  const primary = preferred?.toLowerCase().split("-")[0];
  return entries?.find((entry) => entry.language === primary) ?? entries?.[0];
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
  /** The language the date is written in, when its month is a word (`fr` for "26 mai 2020"). */
  language?: string;
  /** How many characters of the text the dateline takes, separator included. */
  length: number;
}

/**
 * The dateline at the very start of `text`, or undefined. The city must be in capitals (or
 * in a script without case), except after an agency's tag, which marks the dateline itself.
 */
export function matchDateline(text: string, preferredLanguage?: string): Dateline | undefined {
  const tagFirst = TAG_FIRST.exec(text);
  const match = tagFirst ?? WITH_TAG.exec(text) ?? WITHOUT_TAG.exec(text);
  const groups = match?.groups;
  if (!match || !groups) return undefined;
  const place = (groups.place ?? "").replace(/[\s\u00a0\-\u2013\u2014]+$/, "").trim();
  const city = place.split(",")[0] ?? "";
  const caseless = !/[\p{Lu}\p{Ll}]/u.test(city) && /\p{Lo}/u.test(city);
  if (!tagFirst && !caseless && (/\p{Ll}/u.test(city) || !/\p{Lu}{2}/u.test(city))) return undefined;
  const monthWord = groups.m1 ?? groups.m2 ?? groups.m4;
  const named = monthWord === undefined ? undefined : monthOf(monthWord, preferredLanguage);
  if (monthWord !== undefined && !named) return undefined;
  const date = datelineDate(groups, named?.month);
  const result: Dateline = { place, length: match[0].length };
  const tag = (groups.slashTag ?? groups.parenTag)?.trim();
  if (tag) result.tag = tag;
  if (date) result.date = date;
  if (named) result.language = named.language;
  return result;
}

/** The date the dateline prints, when it has a year. */
function datelineDate(
  groups: Record<string, string | undefined>,
  namedMonth: number | undefined,
): Dateline["date"] | undefined {
  const month = groups.m3 !== undefined ? Number(groups.m3) : namedMonth;
  const year = groups.y1 ?? groups.y2 ?? groups.y3;
  const day = Number(groups.d1 ?? groups.d2 ?? groups.d3 ?? groups.d4);
  if (!month || !year || !(day >= 1 && day <= 31) || month > 12) return undefined;
  return { year: Number(year), month, day };
}

/** `GLOBE NEWSWIRE`, `GlobeNewswire` and `globenewswire` are one wire. */
export function wireKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}
