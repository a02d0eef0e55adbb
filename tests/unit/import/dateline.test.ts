import { describe, expect, it } from "vitest";
import { matchDateline, wireKey } from "../../../src/lib/import/dateline.ts";

describe("matchDateline", () => {
  it.each([
    [
      "BEIJING, Oct. 24, 2023 /PRNewswire/ -- Acme today",
      "BEIJING",
      "PRNewswire",
      { year: 2023, month: 10, day: 24 },
      "Acme today",
    ],
    ["BEIJING, Oct. 24, 2023 /PRNewswire/ — Acme", "BEIJING", "PRNewswire", { year: 2023, month: 10, day: 24 }, "Acme"],
    [
      "NEW YORK, Feb. 19, 2021  (GLOBE NEWSWIRE) -- Acme",
      "NEW YORK",
      "GLOBE NEWSWIRE",
      { year: 2021, month: 2, day: 19 },
      "Acme",
    ],
    ["GREENWICH, Conn.--(BUSINESS WIRE)--Acme Corp", "GREENWICH, Conn.", "BUSINESS WIRE", undefined, "Acme Corp"],
    [
      "XI'AN, China, Oct. 27, 2023 /Xinhua-AsiaNet/--The",
      "XI'AN, China",
      "Xinhua-AsiaNet",
      { year: 2023, month: 10, day: 27 },
      "The",
    ],
    [
      "SAN JOSE, Calif., Sept. 5, 2026 /PRNewswire/ – The",
      "SAN JOSE, Calif.",
      "PRNewswire",
      { year: 2026, month: 9, day: 5 },
      "The",
    ],
    [
      "  HO CHI MINH CITY, Vietnam, March 3, 2026 /PRNewswire/ -- X",
      "HO CHI MINH CITY, Vietnam",
      "PRNewswire",
      { year: 2026, month: 3, day: 3 },
      "X",
    ],
    ["WINSTON-SALEM, N.C.--(BUSINESS WIRE)--X", "WINSTON-SALEM, N.C.", "BUSINESS WIRE", undefined, "X"],
    ["TOKYO, June 1, 2026 -- X", "TOKYO", undefined, { year: 2026, month: 6, day: 1 }, "X"],
    // Day first, month names in other languages, double spaces as GlobeNewswire prints them.
    [
      "TORONTO,  26 mai 2020  (GLOBE NEWSWIRE) -- Les",
      "TORONTO",
      "GLOBE NEWSWIRE",
      { year: 2020, month: 5, day: 26 },
      "Les",
    ],
    ["MADRID, 3 de marzo de 2026 /PRNewswire/ -- La", "MADRID", "PRNewswire", { year: 2026, month: 3, day: 3 }, "La"],
    ["BERLIN, 5. März 2026 /PRNewswire/ -- Die", "BERLIN", "PRNewswire", { year: 2026, month: 3, day: 5 }, "Die"],
    [
      "SÃO PAULO, 9 de dezembro de 2026 /PRNewswire/ -- A",
      "SÃO PAULO",
      "PRNewswire",
      { year: 2026, month: 12, day: 9 },
      "A",
    ],
    [
      "MONTRÉAL, 1 févr. 2026 (GLOBE NEWSWIRE) -- X",
      "MONTRÉAL",
      "GLOBE NEWSWIRE",
      { year: 2026, month: 2, day: 1 },
      "X",
    ],
    // CJK: no comma, the date as year, month, day.
    ["北京2023年10月24日 /美通社/ -- 某公司", "北京", "美通社", { year: 2023, month: 10, day: 24 }, "某公司"],
    // An agency's tag first; the place as the agency prints it, the year left to the feed.
    ["(ANSA) - Rome, October 11 - Italian Foreign", "Rome", "ANSA", undefined, "Italian Foreign"],
    ["(ANSA) - Rome, 11 ottobre 2017 - Il", "Rome", "ANSA", { year: 2017, month: 10, day: 11 }, "Il"],
  ])("reads %j", (text, place, tag, date, rest) => {
    const dateline = matchDateline(text);
    expect(dateline?.place).toBe(place);
    expect(dateline?.tag).toBe(tag);
    expect(dateline?.date).toEqual(date);
    expect(text.slice(dateline?.length)).toBe(rest);
  });

  it.each([
    "Acme Corp, the leader, (NASDAQ: ACME) -- today announced",
    "Beijing, Oct. 24, 2023 /PRNewswire/ -- lower-case city is not a dateline",
    "The company said on Oct. 24, 2023 that it would grow.",
    "TORONTO, 26 pommes 2020 (GLOBE NEWSWIRE) -- a word that is no month",
    "",
  ])("finds no dateline in %j", (text) => {
    expect(matchDateline(text)).toBeUndefined();
  });

  it("compares wire tags without case, spaces or punctuation", () => {
    expect(wireKey("GLOBE NEWSWIRE")).toBe(wireKey("GlobeNewswire"));
    expect(wireKey("Xinhua-AsiaNet")).toBe("xinhuaasianet");
  });
});
