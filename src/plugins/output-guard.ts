import type UserConfig from "@11ty/eleventy/UserConfig";
import { outputUrlProblem } from "../lib/site/output-path.ts";
import { UserError } from "../lib/core/problems.ts";

/**
 * Stops the build, before anything is written, when a page would be written outside the
 * output folder (a `../` permalink, a crafted slug). Eleventy itself writes it without a word.
 */
export default function outputGuardPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.on("eleventy.contentMap", ({ urlToInputPath }: { urlToInputPath: Record<string, unknown> }) => {
    const escaping = Object.keys(urlToInputPath)
      .map((url) => ({ url, problem: outputUrlProblem(url) }))
      .filter((entry) => entry.problem !== undefined);
    if (escaping.length > 0) {
      const lines = escaping.map(
        ({ url, problem }) =>
          `  - ${inputOf(urlToInputPath[url])} would write ${JSON.stringify(url)}: expected ${problem}`,
      );
      throw new UserError(
        `Cannot build: ${escaping.length === 1 ? "a page" : `${escaping.length} pages`} would be written outside the output folder:\n${lines.join("\n")}`,
      );
    }
  });
}

function inputOf(entry: unknown): string {
  if (typeof entry === "string") return entry;
  const inputPath = (entry as { inputPath?: string } | undefined)?.inputPath;
  return inputPath ?? "a template";
}
