import { describe, expect, it } from "vitest";
import { serializeJsonLd } from "../../../src/lib/site/json-ld.ts";

describe("serializeJsonLd", () => {
  it("cannot be closed early by text inside it, and stays valid JSON", () => {
    const data = { headline: "</script><script>alert(1)</script> & \u2028" };
    const text = serializeJsonLd(data);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(data);
  });
});
