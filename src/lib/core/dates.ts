import { DateTime, IANAZone } from "luxon";
import { UserError } from "./problems.ts";

/** AP style: five short months are spelled out, the others abbreviated (September as "Sept."). */
const AP_MONTHS = [
  "Jan.",
  "Feb.",
  "March",
  "April",
  "May",
  "June",
  "July",
  "Aug.",
  "Sept.",
  "Oct.",
  "Nov.",
  "Dec.",
] as const;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// A full date-time must say which offset it is in; a bare date is taken in the site's zone.
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * The same moment in the offset the text was written in (a bare date: the site's zone). A
 * release's dateline prints the calendar date of its own offset, as the wire printed it: an
 * evening release from New York is dated that evening, not the next day in Asia.
 */
export function inOwnOffset(text: string, date: DateTime): DateTime {
  const trimmed = text.trim();
  return DATE_TIME_WITH_OFFSET.test(trimmed) ? date.setZone(DateTime.fromISO(trimmed, { setZone: true }).zone) : date;
}

/**
 * Reads an article date: an ISO 8601 date-time with an offset, or a bare `YYYY-MM-DD`
 * which means midnight in the site's zone (never the machine's, never UTC).
 * The result is expressed in the site's zone. Returns undefined when the text is not a date.
 */
export function parseArticleDate(text: string, zone: string): DateTime | undefined {
  const trimmed = text.trim();
  let parsed: DateTime;
  if (DATE_ONLY.test(trimmed)) {
    parsed = DateTime.fromISO(trimmed, { zone });
  } else if (DATE_TIME_WITH_OFFSET.test(trimmed)) {
    parsed = DateTime.fromISO(trimmed, { setZone: true });
  } else {
    return undefined;
  }
  return parsed.isValid ? parsed.setZone(zone) : undefined;
}

/**
 * "Now" for embargoes and the news sitemap: a pinned ISO date-time (`DATELINE_NOW` or an option),
 * else the clock, in the site's zone. Throws a message naming `DATELINE_NOW` when it is not a date.
 */
export function resolveNow(pinned: string | undefined, zone: string): DateTime {
  if (pinned === undefined || pinned === "") return DateTime.now().setZone(zone);
  const parsed = parseArticleDate(pinned, zone);
  if (!parsed)
    throw new UserError(
      `DATELINE_NOW: expected an ISO 8601 date-time such as 2023-10-24T09:00:00+07:00, found ${JSON.stringify(pinned)}`,
    );
  return parsed;
}

/** `Oct. 24, 2023` — AP month, day without a leading zero. */
export function formatApDate(date: DateTime): string {
  return `${AP_MONTHS[date.month - 1]} ${date.day}, ${date.year}`;
}

/** `9 a.m.`, `9:30 p.m.`, `noon`, `midnight` — AP time of day. */
export function formatApTime(date: DateTime): string {
  if (date.minute === 0 && date.hour === 12) return "noon";
  if (date.minute === 0 && date.hour === 0) return "midnight";
  const hour12 = date.hour % 12 === 0 ? 12 : date.hour % 12;
  const minutes = date.minute === 0 ? "" : `:${String(date.minute).padStart(2, "0")}`;
  return `${hour12}${minutes} ${date.hour < 12 ? "a.m." : "p.m."}`;
}

/** `Oct. 24, 2023, 9:30 a.m. GMT+7` — for "published"/"updated" lines. */
export function formatApDateTime(date: DateTime): string {
  return `${formatApDate(date)}, ${formatApTime(date)} ${formatOffset(date)}`;
}

/** `GMT+7`, `GMT+5:30`, `GMT` — computed, so it doesn't depend on the machine's ICU names. */
export function formatOffset(date: DateTime): string {
  const offset = date.offset;
  if (offset === 0) return "GMT";
  const sign = offset > 0 ? "+" : "-";
  const hours = Math.floor(Math.abs(offset) / 60);
  const minutes = Math.abs(offset) % 60;
  return `GMT${sign}${hours}${minutes ? `:${String(minutes).padStart(2, "0")}` : ""}`;
}

/** Machine-readable date for `<time datetime>` and structured data: `2023-10-24T08:00:00+07:00`. */
export function formatIsoDateTime(date: DateTime): string {
  return date.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? "";
}

export type DatelineTagStyle = "slashes" | "parentheses";

export interface DatelineParts {
  city: string;
  date: DateTime;
  tag: string;
  tagStyle: DatelineTagStyle;
  /** The release's language; English (AP style) when unset. */
  language?: string | undefined;
}

/**
 * The dateline as the wires print it, in AP style:
 * `BEIJING, Oct. 24, 2023 /PRNewswire/ —` or `NEW YORK, Feb. 19, 2021 (GLOBE NEWSWIRE) —`.
 * The city is printed as the editor wrote it (`XI'AN, China` included).
 */
export function formatDateline({ city, date, tag, tagStyle, language }: DatelineParts): string {
  const printedTag = tagStyle === "parentheses" ? `(${tag})` : `/${tag}/`;
  const primary = language?.toLowerCase().split("-")[0];
  if (!primary || primary === "en") return `${city.trim()}, ${formatApDate(date)} ${printedTag} —`;
  // In the release's language, as its wire prints it: "TORONTO, 26 mai 2020", "北京2023年10月24日".
  const localDate = date.setLocale(language as string).toLocaleString(DateTime.DATE_FULL);
  const joined = CLOSED_UP.has(primary) ? `${city.trim()}${localDate}` : `${city.trim()}, ${localDate}`;
  return `${joined} ${printedTag} —`;
}

/** Languages whose datelines run the place into the date without a comma. */
const CLOSED_UP = new Set(["zh", "ja", "ko"]);
