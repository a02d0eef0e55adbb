import { describe, expect, it } from "vitest";
import { mapConcurrently } from "../../../src/lib/core/concurrency.ts";

describe("mapConcurrently", () => {
  it("keeps the order of the items whatever order the work finishes in", async () => {
    const delays = [30, 0, 20, 5, 10, 0, 25];
    const results = await mapConcurrently(
      delays,
      3,
      (delay, index) => new Promise<string>((resolve) => setTimeout(() => resolve(`${index}:${delay}`), delay)),
    );
    expect(results).toEqual(delays.map((delay, index) => `${index}:${delay}`));
  });

  it("never has more than the limit in flight, and uses all of it", async () => {
    let running = 0;
    let most = 0;
    await mapConcurrently(
      Array.from({ length: 20 }, (_, i) => i),
      4,
      async () => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 2));
        running--;
      },
    );
    expect(most).toBe(4);
  });

  it("handles an empty list and rejects with the first failure", async () => {
    expect(await mapConcurrently([], 8, async () => 1)).toEqual([]);
    await expect(
      mapConcurrently([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error("two failed");
        return n;
      }),
    ).rejects.toThrow("two failed");
  });
});
