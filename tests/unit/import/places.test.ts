import { describe, expect, it } from "vitest";
import { countryOfPlace } from "../../../src/lib/import/places.ts";

describe("countryOfPlace", () => {
  it.each([
    ["TOKYO", "Japan"],
    ["NEW YORK", "United States"],
    ["GREENWICH, Conn.", "United States"],
    ["XI'AN, China", "China"],
    ["VANCOUVER, British Columbia", "Canada"],
    ["PENANG, Malaysia", "Malaysia"],
    ["SPRINGFIELD", undefined],
  ])("%s is in %s", (place, country) => {
    expect(countryOfPlace(place)).toBe(country);
  });
});
