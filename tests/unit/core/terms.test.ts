import { describe, expect, it } from "vitest";
import { preferredSpelling, SpellingCounter, termKey } from "../../../src/lib/core/terms.ts";

describe("termKey", () => {
  it("ignores case, accents and spacing", () => {
    expect(termKey("  Énergie  Verte ")).toBe("energie verte");
    expect(termKey("ENERGIE VERTE")).toBe(termKey("énergie verte"));
    expect(termKey("Energy")).not.toBe(termKey("Energies"));
  });
});

describe("preferredSpelling", () => {
  it("takes the most used spelling, a tie going to the first in code-point order", () => {
    expect(
      preferredSpelling(
        new Map([
          ["Solar", 1],
          ["solar", 3],
        ]),
        "solar",
      ),
    ).toBe("solar");
    expect(
      preferredSpelling(
        new Map([
          ["solar", 2],
          ["Solar", 2],
        ]),
        "solar",
      ),
    ).toBe("Solar");
    expect(preferredSpelling(new Map(), "fallback")).toBe("fallback");
  });
});

describe("SpellingCounter", () => {
  it("names every spelling of a term by the preferred one, and an unknown name by itself", () => {
    const counter = new SpellingCounter();
    for (const name of ["Utilities", "utilities", "Utilities", "Solar"]) counter.add(name);
    expect(counter.preferred("UTILITIES")).toBe("Utilities");
    expect(counter.preferred("utilities")).toBe("Utilities");
    expect(counter.preferred("solar ")).toBe("Solar");
    expect(counter.preferred("Wind")).toBe("Wind");
  });
});
