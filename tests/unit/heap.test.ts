import { describe, expect, it } from "vitest";
import { planBuild } from "../../src/lib/build/build-plan.ts";
import { buildHeapLimitMb, heapChosenByUser, MAX_BUILD_HEAP_MB } from "../../src/lib/build/heap.ts";

describe("build heap sizing", () => {
  it("leaves small sites at Node's default and grows the cap with the site, up to 4 GiB", () => {
    expect(buildHeapLimitMb(0)).toBeUndefined();
    expect(buildHeapLimitMb(4_999)).toBeUndefined();
    expect(buildHeapLimitMb(10_000)).toBe(850);
    expect(buildHeapLimitMb(50_000)).toBe(2_850);
    expect(buildHeapLimitMb(100_000)).toBe(MAX_BUILD_HEAP_MB);
    // A shard holds every article but only its share of the rendered pages.
    expect(buildHeapLimitMb(100_000, 7)).toBe(2_779);
    expect(buildHeapLimitMb(10_000, 2)).toBe(700);
    expect(MAX_BUILD_HEAP_MB).toBe(4_096);
  });

  it("respects a heap size the user chose on the command line or in NODE_OPTIONS", () => {
    expect(heapChosenByUser(["--max-old-space-size=2048"], undefined)).toBe(true);
    expect(heapChosenByUser([], "--enable-source-maps --max-old-space-size=3000")).toBe(true);
    expect(heapChosenByUser(["--require", "tsx"], "--enable-source-maps")).toBe(false);
  });
});

describe("build plan", () => {
  it("builds a site of up to ~15 000 articles in one process, and splits larger ones into shards of at most 25 000 pages", () => {
    expect(planBuild(50, { cores: 2 })).toEqual({ jobs: 1, parallel: 1, heapMb: undefined });
    expect(planBuild(10_000, { cores: 2 })).toEqual({ jobs: 1, parallel: 1, heapMb: 850 });
    expect(planBuild(15_151, { cores: 2 }).jobs).toBe(1);
    expect(planBuild(15_152, { cores: 2 })).toMatchObject({ jobs: 2, parallel: 2 });
    expect(planBuild(100_000, { cores: 2 })).toEqual({ jobs: 7, parallel: 2, heapMb: 2_779 });
    expect(planBuild(100_000, { cores: 8 }).parallel).toBe(7);
  });

  it("takes the number of processes the user asked for", () => {
    expect(planBuild(50, { cores: 2, jobs: 3 })).toEqual({ jobs: 3, parallel: 2, heapMb: undefined });
    expect(planBuild(10_000, { cores: 1, jobs: 2 })).toEqual({ jobs: 2, parallel: 1, heapMb: 700 });
  });
});
