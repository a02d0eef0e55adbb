import { describe, expect, it } from "vitest";
import { buildHeapLimitMb, heapChosenByUser, MAX_BUILD_HEAP_MB } from "../../../src/lib/build/heap.ts";

describe("build heap sizing", () => {
  it("leaves small sites at Node's default and grows the cap with the site, up to 4 GiB", () => {
    expect(buildHeapLimitMb(0)).toBeUndefined();
    expect(buildHeapLimitMb(4_999)).toBeUndefined();
    expect(buildHeapLimitMb(10_000)).toBe(1_050);
    expect(buildHeapLimitMb(50_000)).toBe(3_650);
    expect(buildHeapLimitMb(100_000)).toBe(MAX_BUILD_HEAP_MB);
    // A shard holds every article but only its share of the rendered pages.
    expect(buildHeapLimitMb(100_000, 7)).toBe(3_471);
    expect(buildHeapLimitMb(10_000, 2)).toBe(850);
    expect(MAX_BUILD_HEAP_MB).toBe(4_096);
  });

  it("respects a heap size the user chose on the command line or in NODE_OPTIONS", () => {
    expect(heapChosenByUser(["--max-old-space-size=2048"], undefined)).toBe(true);
    expect(heapChosenByUser([], "--enable-source-maps --max-old-space-size=3000")).toBe(true);
    expect(heapChosenByUser(["--require", "tsx"], "--enable-source-maps")).toBe(false);
  });
});
