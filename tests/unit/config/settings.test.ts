import { describe, expect, it } from "vitest";
import { validateSettings } from "../../../src/lib/config/settings.ts";
import { ProblemsError } from "../../../src/lib/core/problems.ts";
import { fixturePartners, fixtureSite } from "../../helpers/fixture-site.ts";

describe("validateSettings", () => {
  it("returns the site and partners, validated", () => {
    const settings = validateSettings(fixtureSite, fixturePartners);
    expect(settings.site.timeZone).toBe("Asia/Bangkok");
    expect(settings.partners.map((partner) => partner.id)).toEqual(["prnewswire", "globenewswire"]);
  });

  it("throws the one configuration's own error when only it is wrong", () => {
    expect(() => validateSettings({ ...fixtureSite, timeZone: "Mars/Base" }, fixturePartners)).toThrow(
      /^The site configuration is invalid \(1 problem\):\n {2}- src\/data\/site\.ts: `timeZone`/,
    );
    expect(() => validateSettings(fixtureSite, [])).toThrow(/^The partner configuration is invalid/);
  });

  it("lists the problems of both in one error when both are wrong", () => {
    const error = (() => {
      try {
        validateSettings({ ...fixtureSite, timeZone: "Mars/Base" }, []);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ProblemsError);
    expect((error as ProblemsError).message).toMatch(/^The site and partner configurations are invalid \(2 problems\)/);
    expect((error as ProblemsError).problems.map((problem) => problem.file)).toEqual([
      "src/data/site.ts",
      "src/data/partners.ts",
    ]);
  });
});
