import { afterEach, describe, expect, it, vi } from "vitest";
import { isPreview, resolveBuildMoment } from "../../../src/lib/config/build-moment.ts";
import { validateSiteConfig } from "../../../src/lib/config/site-config.ts";
import { fixtureSite } from "../../helpers/fixture-site.ts";

const site = validateSiteConfig(fixtureSite);

describe("resolveBuildMoment", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("takes the given moment, in the site's zone", () => {
    const moment = resolveBuildMoment({ now: "2024-01-02T00:00:00Z", includeUnpublished: true }, site);
    expect(moment.now.toISO()).toBe("2024-01-02T07:00:00.000+07:00");
    expect(moment.includeUnpublished).toBe(true);
  });

  it("falls back to DATELINE_NOW, and shows drafts only in a preview", () => {
    vi.stubEnv("DATELINE_NOW", "2025-06-01T12:00:00+07:00");
    vi.stubEnv("ELEVENTY_RUN_MODE", "build");
    expect(isPreview()).toBe(false);
    expect(resolveBuildMoment({}, site)).toMatchObject({ includeUnpublished: false });
    expect(resolveBuildMoment({}, site).now.toISO()).toBe("2025-06-01T12:00:00.000+07:00");
    vi.stubEnv("ELEVENTY_RUN_MODE", "serve");
    expect(isPreview()).toBe(true);
    expect(resolveBuildMoment({}, site).includeUnpublished).toBe(true);
  });
});
