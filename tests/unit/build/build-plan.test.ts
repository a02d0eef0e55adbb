import { describe, expect, it } from "vitest";
import { planBuild } from "../../../src/lib/build/build-plan.ts";

describe("build plan", () => {
  it("builds a site of up to ~15 000 articles in one process, and splits larger ones into shards of at most 25 000 pages", () => {
    expect(planBuild(50, { cores: 2 })).toEqual({ jobs: 1, parallel: 1, heapMb: undefined });
    expect(planBuild(10_000, { cores: 2 })).toEqual({ jobs: 1, parallel: 1, heapMb: 1_050 });
    expect(planBuild(15_151, { cores: 2 }).jobs).toBe(1);
    expect(planBuild(15_152, { cores: 2 })).toMatchObject({ jobs: 2, parallel: 2 });
    expect(planBuild(100_000, { cores: 2 })).toEqual({ jobs: 7, parallel: 2, heapMb: 3_471 });
    expect(planBuild(100_000, { cores: 8 }).parallel).toBe(7);
  });

  it("takes the number of processes the user asked for", () => {
    expect(planBuild(50, { cores: 2, jobs: 3 })).toEqual({ jobs: 3, parallel: 2, heapMb: undefined });
    expect(planBuild(10_000, { cores: 1, jobs: 2 })).toEqual({ jobs: 2, parallel: 1, heapMb: 850 });
  });
});
