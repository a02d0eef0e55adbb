import { DateTime, IANAZone, Info, type Zone } from "luxon";
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

/**
 * A date as it travels between processes and builds (structured clone turns luxon's objects into
 * plain ones): its instant, zone and locale, and its offset there, so that reviving it need not
 * work the offset out again (luxon asks `Intl` for it: most of the time of reading ten thousand
 * cached articles). An offset depends on the time-zone data it was worked out with: whatever
 * keeps encoded dates between runs keys them by `TIME_ZONE_DATA`.
 */
export interface EncodedDateTime {
  dateTimeMillis: number;
  zone: string;
  locale: string;
  offset: number;
}

/** The time-zone data this Node.js works offsets out with (its ICU's `tz` version). */
export const TIME_ZONE_DATA = process.versions.tz ?? process.versions.icu ?? "unknown";

export function encodeDateTime(date: DateTime): EncodedDateTime {
  return {
    dateTimeMillis: date.toMillis(),
    zone: date.zoneName ?? "UTC",
    locale: date.locale ?? "en-US",
    offset: date.offset,
  };
}

/**
 * The date `encodeDateTime` encoded, `equals` to the original. Built with the offset it carries
 * through luxon's constructor (marked private, but its own factories pass an offset they know
 * the same way), once a check at first use has shown that this luxon builds the very date
 * `DateTime.fromMillis` does; otherwise, or for a zone luxon does not know, by `fromMillis`.
 */
export function decodeDateTime({ dateTimeMillis, zone, locale, offset }: EncodedDateTime): DateTime {
  const normalized = Info.normalizeZone(zone);
  if (!normalized?.isValid || !Number.isFinite(offset) || !(knownOffsetTrusted ??= checkKnownOffset()))
    return DateTime.fromMillis(dateTimeMillis, { zone, locale });
  return withKnownOffset(dateTimeMillis, normalized, locale, offset);
}

type DateTimeConfig = { ts: number; zone: Zone; loc: unknown; o: number };
const locales = new Map<string, unknown>();
let knownOffsetTrusted: boolean | undefined;

function withKnownOffset(millis: number, zone: Zone, locale: string, offset: number): DateTime {
  let loc = locales.get(locale);
  if (loc === undefined) {
    loc = (DateTime.fromMillis(0, { locale }) as unknown as { loc: unknown }).loc;
    locales.set(locale, loc);
  }
  const Constructor = DateTime as unknown as new (config: DateTimeConfig) => DateTime;
  return new Constructor({ ts: millis, zone, loc, o: offset });
}

/** Whether luxon's constructor, given the offset, builds what `fromMillis` builds (on both sides of a DST change). */
function checkKnownOffset(): boolean {
  try {
    return [
      [Date.UTC(2026, 2, 8, 6, 59), "America/New_York"],
      [Date.UTC(2026, 2, 8, 7, 0), "America/New_York"],
      [Date.UTC(2026, 9, 3, 15, 30), "Australia/Lord_Howe"],
      [Date.UTC(2026, 0, 1), "UTC"],
    ].every(([millis, zone]) => {
      const expected = DateTime.fromMillis(millis as number, { zone: zone as string, locale: "en-GB" });
      const revived = withKnownOffset(millis as number, expected.zone, "en-GB", expected.offset);
      return (
        revived.isValid &&
        revived.equals(expected) &&
        revived.toISO() === expected.toISO() &&
        revived.toLocaleString(DateTime.DATETIME_FULL) === expected.toLocaleString(DateTime.DATETIME_FULL)
      );
    });
  } catch {
    return false;
  }
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
