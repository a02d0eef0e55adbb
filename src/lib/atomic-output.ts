import { rename, rm, stat } from "node:fs/promises";

/**
 * Replaces `target` with the finished `staging` folder. Both are siblings on one file
 * system, so each rename is atomic; the old output is moved aside first and deleted only
 * after the new one is in place, so a deploy never finds a half-written folder.
 */
export async function swapIntoPlace(staging: string, target: string): Promise<void> {
  const previous = `${target}.previous-${process.pid}`;
  const hadPrevious = await exists(target);
  if (hadPrevious) await rename(target, previous);
  try {
    await rename(staging, target);
  } catch (error) {
    if (hadPrevious) await rename(previous, target);
    throw error;
  }
  if (hadPrevious) await rm(previous, { recursive: true, force: true });
}

async function exists(folder: string): Promise<boolean> {
  try {
    await stat(folder);
    return true;
  } catch {
    return false;
  }
}
