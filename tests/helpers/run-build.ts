import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { processIsRunning } from "../../src/lib/build/atomic-output.ts";
import { tempDir } from "./fixture-site.ts";

const run = promisify(execFile);
const root = process.cwd();
// As `npm run build` starts it (package.json), with tsx's loader found from here, so the project
// the build runs in need not have its own node_modules.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href;

/**
 * Writes an Eleventy config file for a fixture site, for `scripts/build.ts --config`. Its page
 * cache is `cache/` beside the file, so tests running at once never share one.
 */
export async function writeFixtureConfig(articlesDir: string, now: string, photoCacheDir?: string): Promise<string> {
  const dir = await tempDir("config");
  const file = path.join(dir, "fixture.config.mts");
  await writeFile(
    file,
    `import { configureDateline } from ${JSON.stringify(path.join(root, "eleventy.config.ts"))};\n` +
      `import { fixturePartners, fixtureSite, testPhotoCache } from ${JSON.stringify(path.join(root, "tests/helpers/fixture-site.ts"))};\n` +
      `export default configureDateline({ site: fixtureSite, partners: fixturePartners, articlesDir: ${JSON.stringify(articlesDir)}, companiesDir: ${JSON.stringify(path.join(path.dirname(articlesDir), "companies"))}, photoCacheDir: ${photoCacheDir === undefined ? "testPhotoCache" : JSON.stringify(photoCacheDir)}, now: ${JSON.stringify(now)}, buildCacheDir: ${JSON.stringify(path.join(dir, "cache"))} });\n`,
  );
  return file;
}

/**
 * Runs `npm run build`'s script in a child process, in the project at `cwd` (this one unless
 * told); never throws on a failing build. Returns once the old output the build set aside is
 * deleted too (a process of its own does it: `swapIntoPlace`), so tests see the folder as
 * it stays.
 */
export async function runBuild(
  config: string,
  output: string,
  env: Record<string, string> = {},
  args: string[] = [],
  cwd = root,
) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", TSX_LOADER, path.join(root, "scripts/build.ts"), "--config", config, "--output", output, ...args],
      {
        cwd,
        env: { ...process.env, ...env },
      },
    );
    await oldOutputRemoved(output);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

/**
 * Waits (up to 30 s) until nothing beside `output` is an old output set aside or being deleted
 * by a remover still running (a test may name one after its own process, to see it left alone).
 */
export async function oldOutputRemoved(output: string): Promise<void> {
  const prefix = `${path.basename(output)}.`;
  const pending = (name: string) => {
    const match = /^(previous|removing)-(\d+)$/.exec(name.startsWith(prefix) ? name.slice(prefix.length) : "");
    if (!match) return false;
    const pid = Number(match[2]);
    return match[1] === "previous" || (pid !== process.pid && processIsRunning(pid));
  };
  for (let waited = 0; waited < 30_000; waited += 50) {
    const names = await readdir(path.dirname(output)).catch(() => [] as string[]);
    if (!names.some(pending)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every file under a folder by its path from there, for byte-for-byte comparisons of two builds. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files.set(
        path.relative(dir, path.join(entry.parentPath, entry.name)),
        await readFile(path.join(entry.parentPath, entry.name)),
      );
  }
  return files;
}
