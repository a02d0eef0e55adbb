import { deserialize, serialize } from "node:v8";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  decodeDateTime,
  encodeDateTime,
  formatApDate,
  formatApDateTime,
  formatApTime,
  formatDateline,
  formatIsoDateTime,
  formatOffset,
  isValidTimeZone,
  inOwnOffset,
  parseArticleDate,
  TIME_ZONE_DATA,
  type EncodedDateTime,
} from "../../../src/lib/core/dates.ts";

const at = (iso: string, zone = "Asia/Bangkok") => DateTime.fromISO(iso, { zone });

describe("formatApDate", () => {
  it.each([
    [1, "Jan. 5, 2024"],
    [2, "Feb. 5, 2024"],
    [3, "March 5, 2024"],
    [4, "April 5, 2024"],
    [5, "May 5, 2024"],
    [6, "June 5, 2024"],
    [7, "July 5, 2024"],
    [8, "Aug. 5, 2024"],
    [9, "Sept. 5, 2024"],
    [10, "Oct. 5, 2024"],
    [11, "Nov. 5, 2024"],
    [12, "Dec. 5, 2024"],
  ])("month %i prints AP style: %s", (month, expected) => {
    expect(formatApDate(at(`2024-${String(month).padStart(2, "0")}-05T12:00:00`))).toBe(expected);
  });

  it("prints the day without a leading zero and two-digit days whole", () => {
    expect(formatApDate(at("2023-10-01T10:00:00"))).toBe("Oct. 1, 2023");
    expect(formatApDate(at("2023-10-24T10:00:00"))).toBe("Oct. 24, 2023");
  });
});

describe("formatDateline", () => {
  const date = at("2023-10-24T09:00:00", "Asia/Shanghai");

  it("prints a slash-style wire tag with an em dash", () => {
    expect(formatDateline({ city: "BEIJING", date, tag: "PRNewswire", tagStyle: "slashes" })).toBe(
      "BEIJING, Oct. 24, 2023 /PRNewswire/ —",
    );
  });

  it("prints a parenthesis-style wire tag", () => {
    expect(formatDateline({ city: "NEW YORK", date, tag: "GLOBE NEWSWIRE", tagStyle: "parentheses" })).toBe(
      "NEW YORK, Oct. 24, 2023 (GLOBE NEWSWIRE) —",
    );
  });

  it("prints the city exactly as written, country included", () => {
    expect(formatDateline({ city: "XI'AN, China", date, tag: "Xinhua-AsiaNet", tagStyle: "slashes" })).toBe(
      "XI'AN, China, Oct. 24, 2023 /Xinhua-AsiaNet/ —",
    );
  });
});

describe("formatDateline in the release's language", () => {
  const date = DateTime.fromISO("2026-03-05T09:00:00+01:00", { setZone: true });
  it.each([
    ["fr", "PARIS, 5 mars 2026 (GLOBE NEWSWIRE) —"],
    ["es", "PARIS, 5 de marzo de 2026 (GLOBE NEWSWIRE) —"],
    ["de", "PARIS, 5. März 2026 (GLOBE NEWSWIRE) —"],
    ["pt-BR", "PARIS, 5 de março de 2026 (GLOBE NEWSWIRE) —"],
    ["it", "PARIS, 5 marzo 2026 (GLOBE NEWSWIRE) —"],
    ["zh", "PARIS2026年3月5日 (GLOBE NEWSWIRE) —"],
    ["en-GB", "PARIS, March 5, 2026 (GLOBE NEWSWIRE) —"],
  ])("%s", (language, printed) => {
    expect(formatDateline({ city: "PARIS", date, tag: "GLOBE NEWSWIRE", tagStyle: "parentheses", language })).toBe(
      printed,
    );
  });
});

describe("parseArticleDate", () => {
  it("keeps the instant of a date-time with offset and expresses it in the site's zone", () => {
    const parsed = parseArticleDate("2023-10-24T09:00:00+08:00", "Asia/Bangkok");
    expect(formatIsoDateTime(parsed!)).toBe("2023-10-24T08:00:00+07:00");
  });

  it("moves a late-evening time west of the site to the next day in the site's zone", () => {
    const parsed = parseArticleDate("2023-10-24T23:30:00-07:00", "Asia/Bangkok")!;
    expect(formatApDate(parsed)).toBe("Oct. 25, 2023");
    expect(formatApTime(parsed)).toBe("1:30 p.m.");
  });

  it("keeps an early-morning time east of the site on the previous day in the site's zone", () => {
    const parsed = parseArticleDate("2023-10-25T00:30:00+09:00", "America/Los_Angeles")!;
    expect(formatApDate(parsed)).toBe("Oct. 24, 2023");
  });

  it("handles one minute either side of midnight in the site's zone", () => {
    expect(formatApDate(parseArticleDate("2023-12-31T23:59:00+07:00", "Asia/Bangkok")!)).toBe("Dec. 31, 2023");
    expect(formatApDate(parseArticleDate("2024-01-01T00:00:00+07:00", "Asia/Bangkok")!)).toBe("Jan. 1, 2024");
    expect(formatApDate(parseArticleDate("2023-12-31T17:00:00Z", "Asia/Bangkok")!)).toBe("Jan. 1, 2024");
  });

  it("reads a bare date as midnight in the site's zone, not UTC", () => {
    const parsed = parseArticleDate("2023-10-24", "America/Los_Angeles")!;
    expect(formatIsoDateTime(parsed)).toBe("2023-10-24T00:00:00-07:00");
    expect(formatApDate(parsed)).toBe("Oct. 24, 2023");
  });

  it.each([
    "24/10/2023",
    "yesterday",
    "2023-10-24T09:00:00",
    "2023-02-30",
    "2023-13-01T00:00:00Z",
    "",
    "2023-10-24 09:00",
  ])("refuses %j", (text) => expect(parseArticleDate(text, "Asia/Bangkok")).toBeUndefined());
});

describe("inOwnOffset", () => {
  it("gives the moment in the offset it was written in; a bare date stays in the site's zone", () => {
    const evening = parseArticleDate("2023-10-23T20:00:00-04:00", "Asia/Bangkok")!;
    expect(evening.day).toBe(24);
    const own = inOwnOffset("2023-10-23T20:00:00-04:00", evening);
    expect([own.day, own.hour, own.offset]).toEqual([23, 20, -240]);
    expect(own.toMillis()).toBe(evening.toMillis());
    expect(inOwnOffset("2023-10-23T20:00:00Z", evening).offset).toBe(0);
    const bare = parseArticleDate("2023-10-23", "Asia/Bangkok")!;
    expect(inOwnOffset("2023-10-23", bare)).toBe(bare);
  });
});

describe("formatApTime and formatApDateTime", () => {
  it.each([
    ["2023-10-24T00:00:00", "midnight"],
    ["2023-10-24T12:00:00", "noon"],
    ["2023-10-24T09:00:00", "9 a.m."],
    ["2023-10-24T09:05:00", "9:05 a.m."],
    ["2023-10-24T12:30:00", "12:30 p.m."],
    ["2023-10-24T00:15:00", "12:15 a.m."],
    ["2023-10-24T23:59:00", "11:59 p.m."],
  ])("%s is %s", (iso, expected) => expect(formatApTime(at(iso))).toBe(expected));

  it("adds a computed GMT offset", () => {
    expect(formatApDateTime(at("2023-10-24T09:00:00"))).toBe("Oct. 24, 2023, 9 a.m. GMT+7");
    expect(formatOffset(at("2023-10-24T09:00:00", "Asia/Kolkata"))).toBe("GMT+5:30");
    expect(formatOffset(at("2023-10-24T09:00:00", "UTC"))).toBe("GMT");
    expect(formatOffset(at("2023-01-24T09:00:00", "America/New_York"))).toBe("GMT-5");
  });
});

describe("isValidTimeZone", () => {
  it("accepts IANA zones and refuses others", () => {
    expect(isValidTimeZone("Asia/Bangkok")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});

describe("encodeDateTime and decodeDateTime", () => {
  const shown = (date: DateTime) => [
    date.toISO(),
    date.zoneName,
    date.locale,
    date.offset,
    date.toLocaleString(DateTime.DATETIME_FULL),
    date.startOf("day").toISO(),
    date.plus({ months: 6 }).toISO(),
  ];
  // Both sides of DST changes (a half-hour one too), a fixed offset as `setZone` reads it, UTC.
  const dates = [
    DateTime.fromISO("2026-03-08T01:59:59", { zone: "America/New_York" }),
    DateTime.fromISO("2026-03-08T03:00:00", { zone: "America/New_York" }),
    DateTime.fromISO("2026-10-04T01:45:00", { zone: "Australia/Lord_Howe" }),
    DateTime.fromISO("2026-10-04T02:45:00", { zone: "Australia/Lord_Howe" }),
    DateTime.fromISO("2023-10-24T08:00:00+08:00", { setZone: true }),
    DateTime.fromISO("2024-02-29T23:59:59.123Z", { zone: "utc" }),
    DateTime.fromISO("2025-12-25T14:06:00", { zone: "Asia/Bangkok", locale: "de-DE" }),
  ];

  it.each(dates.map((date) => [date.toISO(), date]))("revives %s as the very date it was", (_, date) => {
    const revived = decodeDateTime(deserialize(serialize(encodeDateTime(date))) as EncodedDateTime);
    expect(revived.equals(date)).toBe(true);
    expect(shown(revived)).toEqual(shown(date));
  });

  it("takes the offset it carries (so whatever keeps encoded dates is keyed by the time-zone data)", () => {
    const encoded = encodeDateTime(DateTime.fromISO("2026-07-01T12:00:00", { zone: "Europe/London" }));
    expect(encoded.offset).toBe(60);
    expect(decodeDateTime({ ...encoded, offset: 0 }).offset).toBe(0);
    expect(TIME_ZONE_DATA).toBe(process.versions.tz);
  });

  it("works the offset out itself when it has none, and for a zone luxon does not know", () => {
    const date = DateTime.fromISO("2026-07-01T12:00:00", { zone: "Europe/London" });
    const withoutOffset = { ...encodeDateTime(date), offset: undefined } as unknown as EncodedDateTime;
    expect(shown(decodeDateTime(withoutOffset))).toEqual(shown(date));
    const unknown = decodeDateTime({ ...encodeDateTime(date), zone: "Mars/Olympus_Mons" });
    expect(unknown.isValid).toBe(false);
    expect(unknown.invalidReason).toBe(DateTime.fromMillis(0, { zone: "Mars/Olympus_Mons" }).invalidReason);
  });
});
