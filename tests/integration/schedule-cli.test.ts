import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { article, tempDir, writeFiles } from "../helpers/fixture-site.ts";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/.bin/tsx");

/** The commands an operator's scheduler and a takedown use, run as `npm run` runs them. */
describe("npm run next-change", () => {
  it("prints the next moment the site changes by itself as JSON, for a scheduler", async () => {
    const root = await tempDir("next-change");
    await writeFiles(root, {
      "articles/recent.md": article({ date: "2026-11-19T09:00:00+07:00" }),
      "articles/embargoed.md": article({ date: "2026-11-21T08:00:00+07:00", embargo: "2026-11-21T08:00:00+07:00" }),
    });
    const { stdout } = await run(tsx, ["scripts/next-change.ts", "--articles", path.join(root, "articles")], {
      env: { ...process.env, DATELINE_NOW: "2026-11-20T12:00:00+07:00" },
    });
    const printed = JSON.parse(stdout) as { now: string; next: string; changes: Array<{ change: string }> };
    expect(printed.now).toBe("2026-11-20T12:00:00+07:00");
    expect(printed.next).toBe("2026-11-21T08:00:00+07:00");
    expect(printed.changes.map((change) => change.change)).toEqual([
      "embargo-lifts",
      "enters-news-sitemap",
      "leaves-news-sitemap",
      "leaves-news-sitemap",
    ]);
  });

  it("names the articles' problems instead of guessing", async () => {
    const root = await tempDir("next-change-bad");
    await writeFiles(root, { "articles/bad.md": article({ date: "tomorrow" }) });
    const error = await run(tsx, ["scripts/next-change.ts", "--articles", path.join(root, "articles")]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((error as { code: number }).code).toBe(1);
    expect((error as { stderr: string }).stderr).toMatch(
      /^The articles have problems:\n {2}- .*bad\.md: `date`: expected an ISO 8601/,
    );
  });
});

describe("npm run withdraw", () => {
  const refused = (args: string[]) =>
    run(tsx, ["scripts/withdraw.ts", ...args]).then(
      () => "accepted",
      (error: { code: number; stderr: string }) => `${error.code}: ${error.stderr}`,
    );
  const usage = 'Usage: npm run withdraw -- <article file | guid | URL> --reason "why" [--articles <folder>]';

  it("asks for one article and a reason", async () => {
    expect(await refused(["--reason", "x"])).toBe(
      `1: Give one article: its file, the wire's guid or its URL.\n${usage}\n`,
    );
    expect(await refused(["articles/a.md"])).toBe(`1: Give the reason with --reason "…".\n${usage}\n`);
  });

  it("withdraws an article and prints what changed and what the next build removes", async () => {
    const root = await tempDir("withdraw-cli");
    await writeFiles(root, {
      "articles/2026/11/kiln.md": article({ date: "2026-11-03T09:00:00+07:00", guid: "kiln-1" }),
    });
    const { stdout } = await run(tsx, [
      "scripts/withdraw.ts",
      "kiln-1",
      "--reason",
      "Takedown request",
      "--articles",
      path.join(root, "articles"),
    ]);
    expect(stdout).toMatch(
      /^Withdrew .*articles\/2026\/11\/kiln\.md \(\/news\/2026\/11\/kiln\/\):\n {2}- removed the release's text/,
    );
    expect(stdout).toContain("The next build:\n  - /news/2026/11/kiln/ answers 410 Gone");
    expect(stdout).toContain("Commit the file, then build and deploy now: the URL stays up until you do.\n");
  });
});
