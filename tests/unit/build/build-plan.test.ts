import { describe, expect, it } from "vitest";
import { planBuild, rendersInProcess } from "../../../src/lib/build/build-plan.ts";

describe("build plan", () => {
  it("builds a site of up to ~15 000 articles in one process, and splits larger ones into shards of at most 25 000 pages", () => {
    expect(planBuild(50, { cores: 2 })).toEqual({
      jobs: 1,
      parallel: 1,
      heapMb: undefined,
      oneProcessHeapMb: undefined,
    });
    expect(planBuild(10_000, { cores: 2 })).toEqual({ jobs: 1, parallel: 1, heapMb: 1_050, oneProcessHeapMb: 1_050 });
    expect(planBuild(15_151, { cores: 2 }).jobs).toBe(1);
    expect(planBuild(15_152, { cores: 2 })).toMatchObject({ jobs: 2, parallel: 2 });
    expect(planBuild(100_000, { cores: 2 })).toEqual({ jobs: 7, parallel: 2, heapMb: 3_471, oneProcessHeapMb: 4_096 });
    expect(planBuild(100_000, { cores: 8 }).parallel).toBe(7);
  });

  it("takes the number of processes the user asked for", () => {
    expect(planBuild(50, { cores: 2, jobs: 3 })).toMatchObject({ jobs: 3, parallel: 2, heapMb: undefined });
    expect(planBuild(10_000, { cores: 1, jobs: 2 })).toMatchObject({ jobs: 2, parallel: 1, heapMb: 850 });
  });

  it("renders in the build script's own process unless a full render needs a heap or processes of its own", () => {
    const small = planBuild(50, { cores: 2 });
    const large = planBuild(10_000, { cores: 2 });
    const options = { heapChosen: false, heapLimitMb: 4_096, incremental: false };
    expect(rendersInProcess(small, options)).toBe(true);
    // A full render of a large site: a shard process with the planned heap.
    expect(rendersInProcess(large, options)).toBe(false);
    // Reusing the previous site's pages, under a limit at least the plan's.
    expect(rendersInProcess(large, { ...options, incremental: true })).toBe(true);
    expect(rendersInProcess(large, { ...options, incremental: true, heapLimitMb: 1_000 })).toBe(false);
    // The user chose the heap of this process.
    expect(rendersInProcess(large, { ...options, heapChosen: true })).toBe(true);
    // A site split into shards for a full render: an incremental build in one process, under a heap for all of it.
    const largest = planBuild(100_000, { cores: 2 });
    expect(rendersInProcess(largest, options)).toBe(false);
    expect(rendersInProcess(largest, { ...options, incremental: true })).toBe(true);
    expect(rendersInProcess(largest, { ...options, incremental: true, heapLimitMb: 3_500 })).toBe(false);
  });
});
