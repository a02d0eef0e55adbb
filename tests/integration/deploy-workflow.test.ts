import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/fixture-site.ts";

const run = promisify(execFile);
const WORKFLOW = "src/deploy/github-actions/dateline.yml";
const validator = path.resolve("node_modules/.bin/action-validator");

/** Runs action-validator (GitHub's workflow schema): its exit code and report. */
const validate = (file: string) =>
  run(validator, [file]).then(
    () => ({ code: 0, output: "" }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: error.stdout + error.stderr,
    }),
  );

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

describe("the scheduled GitHub Actions workflow shipped in src/deploy", () => {
  it("passes the workflow schema check, which a broken copy fails", async () => {
    expect(await validate(WORKFLOW)).toEqual({ code: 0, output: "" });
    const broken = path.join(await tempDir("workflow"), "broken.yml");
    await writeFile(
      broken,
      (await readFile(WORKFLOW, "utf8")).replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest"),
    );
    const result = await validate(broken);
    expect(result.code).toBe(1);
    expect(result.output).toContain("Additional property 'runs_on' is not allowed");
  });

  it("imports the configured feeds, commits, builds with the caches kept and deploys to Pages, off the top of the hour", async () => {
    const workflow = parse(await readFile(WORKFLOW, "utf8")) as {
      on: { schedule: Array<{ cron: string }> };
      jobs: { build: { steps: Step[] }; deploy: { needs: string; steps: Step[] } };
    };
    for (const { cron } of workflow.on.schedule) expect(cron.split(" ")[0]).not.toMatch(/(^|,)0(,|$)/);
    const steps = workflow.jobs.build.steps;
    const order = (predicate: (step: Step) => boolean) => steps.findIndex(predicate);
    const importing = order((step) => step.run === "npm run import");
    const committing = order((step) => step.run?.includes("git commit") ?? false);
    const caching = order((step) => step.uses?.startsWith("actions/cache@") ?? false);
    const building = order((step) => step.run === "npm run build");
    const uploading = order((step) => step.uses?.startsWith("actions/upload-pages-artifact@") ?? false);
    expect([importing, committing, caching, building, uploading].every((index) => index >= 0)).toBe(true);
    expect(importing < committing && committing < caching && caching < building && building < uploading).toBe(true);
    expect(String(steps[caching]?.with?.path)).toMatch(/\.cache\/photos\n\.cache\/build\n_site/);
    expect(workflow.jobs.deploy.needs).toBe("build");
    expect(workflow.jobs.deploy.steps[0]?.uses).toMatch(/^actions\/deploy-pages@/);
  });
});
