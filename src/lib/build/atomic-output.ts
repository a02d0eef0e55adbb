import { spawn } from "node:child_process";
import { readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

/**
 * Replaces `target` with the finished `staging` folder. Both are siblings on one file
 * system, so each rename is atomic; the old output is moved aside first and deleted only
 * after the new one is in place, so a deploy never finds a half-written folder. With
 * `background`, the old output is deleted by a process of its own that outlives this one
 * (`removeInBackground`): the new site is in place and the build is done meanwhile.
 */
export async function swapIntoPlace(staging: string, target: string, { background = false } = {}): Promise<void> {
  const previous = `${target}.previous-${process.pid}`;
  const hadPrevious = await exists(target);
  if (hadPrevious) await rename(target, previous);
  try {
    await rename(staging, target);
  } catch (error) {
    if (hadPrevious) await rename(previous, target);
    throw error;
  }
  if (!hadPrevious) return;
  if (background) removeInBackground(previous, `${target}.removing-`);
  else await rm(previous, { recursive: true, force: true });
}

/**
 * Deleting a site of tens of thousands of files takes seconds that nobody waits for: a detached
 * process renames `folder` to `<prefix><its pid>` (so that a build meanwhile leaves it alone,
 * see `tidyAbandonedBuilds`) and deletes it. If it cannot start, or is stopped, the next build
 * tidies what is left.
 */
function removeInBackground(folder: string, prefix: string): void {
  const remover = `const fs = require("node:fs");
const [folder, prefix] = process.argv.slice(1);
const removing = prefix + process.pid;
fs.renameSync(folder, removing);
fs.rmSync(removing, { recursive: true, force: true });`;
  const child = spawn(process.execPath, ["-e", remover, folder, prefix], { detached: true, stdio: "ignore" });
  child.on("error", () => undefined); // the folder stays, for the next build to tidy
  child.unref();
}

/**
 * Tidies what builds killed before they could clean up left beside `target`: staging and `--verify` folders
 * (with the search index and article snapshot named after them) and previous outputs moved
 * aside. A name belongs to the processes whose ids it carries; it is left alone while any of
 * them runs. A previous output is put back when `target` is missing (the build was killed
 * between the two renames of the swap): it is the last complete site. Says what it did, and
 * returns the names removed or restored.
 */
export async function tidyAbandonedBuilds(
  target: string,
  { isRunning = processIsRunning, say = console.log }: TidyOptions = {},
): Promise<string[]> {
  const folder = path.dirname(target);
  const base = path.basename(target);
  const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return []; // a first build into a folder yet to be made
    throw error;
  });
  const abandoned = names
    .filter((name) => name.startsWith(`${base}.`))
    .map((name) => ({ name, owners: leftoverOwners(name.slice(base.length)) }))
    .filter(({ owners }) => owners.length > 0 && !owners.some(isRunning))
    .map(({ name }) => name)
    .sort();
  const tidied: string[] = [];
  let restored: string | undefined;
  if (!(await exists(target))) {
    restored = abandoned.find((name) => /^\.previous-\d+$/.test(name.slice(base.length)));
    if (restored !== undefined) {
      await rename(path.join(folder, restored), target);
      tidied.push(`${restored} (put back as ${base})`);
    }
  }
  for (const name of abandoned) {
    if (name === restored) continue;
    await rm(path.join(folder, name), { recursive: true, force: true });
    tidied.push(name);
  }
  if (tidied.length > 0)
    say(`[dateline] Tidied what an interrupted build left beside the output: ${tidied.join(", ")}`);
  return tidied;
}

export interface TidyOptions {
  isRunning?: (pid: number) => boolean;
  say?: (message: string) => void;
}

/**
 * Process ids in a leftover's suffix (`.staging-12.pagefind-34`, `.previous-12`, `.verify-12`,
 * `.removing-12`), or none if it is not one.
 */
function leftoverOwners(suffix: string): number[] {
  const match = /^\.(staging|previous|pagefind|verify|removing)-(\d+)(\.articles|\.pagefind-(\d+))?$/.exec(suffix);
  if (!match) return [];
  return [match[2], match[4]].filter((id): id is string => id !== undefined).map(Number);
}

/** Whether a process with this id runs (as any user). */
export function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function exists(folder: string): Promise<boolean> {
  try {
    await stat(folder);
    return true;
  } catch {
    return false;
  }
}
