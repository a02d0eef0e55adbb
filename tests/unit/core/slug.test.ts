import { describe, expect, it } from "vitest";
import { isSafeSlug, slugify } from "../../../src/lib/core/slug.ts";

describe("slugify", () => {
  it.each([
    ["Harbour Crane Co. Opens Terminal", "harbour-crane-co-opens-terminal"],
    ["  Lotus Grid: 120 MW Solar!  ", "lotus-grid-120-mw-solar"],
    ["Café Société Zürich", "cafe-societe-zurich"],
    ["Straße Øresund Łódź", "strasse-oresund-lodz"],
    ["Coral Coast Water's Plant", "coral-coast-waters-plant"],
    ["UPPER_case--and__underscores", "upper-case-and-underscores"],
  ])("%j → %j", (input, expected) => expect(slugify(input)).toBe(expected));

  it("never keeps dots, slashes, backslashes or control characters", () => {
    for (const input of [
      "../../etc/passwd",
      "..\\windows\\system32",
      "a/b/c",
      "tab\there",
      "nul\u0000byte",
      "%2e%2e%2f",
    ]) {
      const slug = slugify(input);
      expect(isSafeSlug(slug), `${JSON.stringify(input)} gave ${slug}`).toBe(true);
      // eslint-disable-next-line no-control-regex -- a slug must have none
      expect(slug).not.toMatch(/[./\\\u0000-\u001f]/);
    }
  });

  it("gives non-Latin titles a stable slug of their own", () => {
    const first = slugify("北京新闻发布会");
    expect(first).toMatch(/^a-[0-9a-f]{12}$/);
    expect(slugify("北京新闻发布会")).toBe(first);
    expect(slugify("上海新闻发布会")).not.toBe(first);
    expect(slugify("ข่าวประชาสัมพันธ์")).toMatch(/^a-[0-9a-f]{12}$/);
  });

  it("never returns an empty slug", () => {
    expect(isSafeSlug(slugify(""))).toBe(true);
    expect(isSafeSlug(slugify("!!!"))).toBe(true);
  });

  it("cuts long titles at a word boundary within 80 characters", () => {
    const slug = slugify("word ".repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith("-")).toBe(false);
    expect(slug).toMatch(/^(word-)*word$/);
  });

  it("always yields a safe slug for arbitrary text", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: Math.floor(next() * 40) }, () =>
        String.fromCodePoint(Math.floor(next() * 0x3000)),
      ).join("");
      expect(isSafeSlug(slugify(text))).toBe(true);
    }
  });
});

describe("isSafeSlug", () => {
  it.each(["a", "abc-123", "x".repeat(80)])("accepts %j", (slug) => expect(isSafeSlug(slug)).toBe(true));
  it.each(["", "-a", "a-", "a--b", "A", "a.b", "a/b", "..", "x".repeat(81)])("refuses %j", (slug) =>
    expect(isSafeSlug(slug)).toBe(false),
  );
});
