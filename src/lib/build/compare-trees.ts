import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { mapConcurrently } from "../core/concurrency.ts";

/** Every file and folder under `root`, by its path from there with `/` separators (a folder's ends with `/`). */
async function entriesUnder(root: string): Promise<Set<string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return new Set(
    entries
      .filter((entry) => entry.isFile() || entry.isDirectory())
      .map(
        (entry) =>
          path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/") +
          (entry.isDirectory() ? "/" : ""),
      ),
  );
}

/**
 * The files that differ between two folders, sorted: those only one holds and those whose bytes
 * differ, and the folders only one holds (an empty folder is a difference too). `npm run build --
 * --verify` compares an incremental build with a clean one so.
 */
export async function differingFiles(a: string, b: string): Promise<string[]> {
  const [inA, inB] = await Promise.all([entriesUnder(a), entriesUnder(b)]);
  const differing = [...inA].filter((entry) => !inB.has(entry));
  differing.push(...[...inB].filter((entry) => !inA.has(entry)));
  const shared = [...inA].filter((entry) => inB.has(entry) && !entry.endsWith("/"));
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
