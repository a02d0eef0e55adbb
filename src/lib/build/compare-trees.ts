import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { mapConcurrently } from "../core/concurrency.ts";

/** Every file under `root`, by its path from there with `/` separators. */
async function filesUnder(root: string): Promise<Set<string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return new Set(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")),
  );
}

/**
 * The files that differ between two folders, sorted: those only one holds and those whose bytes
 * differ. `npm run build -- --verify` compares an incremental build with a clean one so.
 */
export async function differingFiles(a: string, b: string): Promise<string[]> {
  const [inA, inB] = await Promise.all([filesUnder(a), filesUnder(b)]);
  const differing = [...inA].filter((file) => !inB.has(file));
  differing.push(...[...inB].filter((file) => !inA.has(file)));
  const shared = [...inA].filter((file) => inB.has(file));
  const same = await mapConcurrently(shared, 32, async (file) => {
    const [sizeA, sizeB] = await Promise.all([stat(path.join(a, file)), stat(path.join(b, file))]);
    if (sizeA.size !== sizeB.size) return false;
    // Linked from one site into the other: one file.
    if (sizeA.ino === sizeB.ino && sizeA.dev === sizeB.dev) return true;
    const [bytesA, bytesB] = await Promise.all([readFile(path.join(a, file)), readFile(path.join(b, file))]);
    return bytesA.equals(bytesB);
  });
  differing.push(...shared.filter((_, index) => !same[index]));
  return differing.sort();
}
