import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { corpus } from "../../bench/corpus.ts";
import { tempDir } from "../helpers/fixture-site.ts";

describe("the benchmark", () => {
  it("generates the same corpus every time, with realistic variety", () => {
    const first = [...corpus({ count: 200 })];
    const again = [...corpus({ count: 200 })];
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    const distinct = (key: string) => new Set(first.flatMap((a) => [a.fields[key]].flat())).size;
    expect(distinct("partner")).toBe(4);
    expect(distinct("categories")).toBeGreaterThanOrEqual(10);
    expect(distinct("tags")).toBeGreaterThan(100);
    expect(distinct("regions")).toBeGreaterThanOrEqual(25);
    const words = first[0]!.body.split(/\s+/).length;
    expect(words).toBeGreaterThan(450);
    expect(words).toBeLessThan(650);
  });

  // A quick run on a tiny corpus, so the script keeps working; its timings are not checked.
  it("runs end to end on a tiny corpus and writes a report", async () => {
    const out = await tempDir("bench-out");
    const work = await tempDir("bench-work");
    await promisify(execFile)(
      path.resolve("node_modules/.bin/tsx"),
      [
        "bench/run.ts",
        "--articles",
        "20",
        "--runs",
        "1",
        "--photos",
        "1",
        "--photo-size",
        "400x300",
        "--out",
        out,
        "--work",
        work,
      ],
      {
        timeout: 240_000,
      },
    );
    const report = await readFile(path.join(out, "latest.md"), "utf8");
    expect(report).toMatch(/^# Dateline benchmark, /);
    expect(report).toContain("## 20 articles");
    expect(report).toMatch(/\| Dateline \(full production build\) \| \d+\.\d\d \| \d+\.\d\d \| \d+\.\d\d \|/);
    expect(report).toMatch(/\| vanilla Eleventy \| \d+\.\d\d \|/);
    expect(report).toMatch(/Ratios of medians: Dateline \/ vanilla Eleventy = \d+\.\d\d/);
    expect(report).toMatch(
      /Live preview: one article edited, updated page served after \d+\.\d\d s \(median of 5 edits; min \d+\.\d\d, max \d+\.\d\d\)\./,
    );
    expect(report).toMatch(/Cold: median \d+\.\d\d s per photo .* Warm: median \d+\.\d{3} s per photo\./);
    // The incremental scenarios: pages reused after a small change, none after a layout change.
    expect(report).toContain("### Incremental builds, 20 articles");
    expect(report).toMatch(
      /\| one old article corrected \| \d+\.\d\d \| \d+\.\d\d \| \d+ \/ [1-9]\d* \| \d+ of \d+ \| \d+ \/ \d+ \| \d+\.\d\d \| \d+\.\d\d \|/,
    );
    expect(report).toMatch(/\| a layout changed \(every page\) \| \d+\.\d\d \| \d+\.\d\d \| [1-9]\d* \/ 0 \|/);
    expect(report).toMatch(/### Search precision, 20 articles \(\d+ segments?\)/);
    expect(report).toMatch(/\| one index \| \d\.\d{3} \| \d\.\d{3} \| \d+ \|/);
    expect(report).toMatch(/\| segments, the search page's module \| \d\.\d{3} \| \d\.\d{3} \| \d+ \|/);
  }, 300_000);
});
