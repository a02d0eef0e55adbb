import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

/** Runs `npm run new`'s script with arguments that must be refused (nothing is written). */
async function refused(args: string[]): Promise<string> {
  const error = await run(path.resolve("node_modules/.bin/tsx"), ["scripts/new-article.ts", ...args]).then(
    () => undefined,
    (e: { code: number; stderr: string }) => e,
  );
  expect(error?.code).toBe(1);
  return error!.stderr;
}

describe("npm run new", () => {
  it("asks for a headline", async () => {
    expect(await refused(["--partner", "prnewswire"])).toBe(
      'Give the headline in quotes.\nUsage: npm run new -- "Headline" --partner <id> [--city CITY] [--country Country]\n',
    );
  });

  it("asks for a partner and lists the configured ones", async () => {
    expect(await refused(["A headline"])).toBe(
      'Give the partner with --partner (one of prnewswire, businesswire, globenewswire, xinhua-asianet).\nUsage: npm run new -- "Headline" --partner <id> [--city CITY] [--country Country]\n',
    );
  });

  it("refuses a partner that is not configured", async () => {
    expect(await refused(["A headline", "--partner", "reuters"])).toBe(
      '--partner: expected one of prnewswire, businesswire, globenewswire, xinhua-asianet, found "reuters"\n',
    );
  });

  it("refuses an unknown option", async () => {
    expect(await refused(["A headline", "--partner", "prnewswire", "--ctiy", "X"])).toMatch(/Unknown option '--ctiy'/);
  });
});
