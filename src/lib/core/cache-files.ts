import { linkSync } from "node:fs";
import { copyFile, mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Links `source` to `target` (the same file, no bytes copied), or copies it where a link cannot
 * be made (another file system, a host that forbids links, too many links). True when linked.
 */
export async function linkOrCopy(source: string, target: string): Promise<boolean> {
  try {
    // Synchronous: builds link thousands of files, and the thread pool's round trip costs more than the call.
    linkSync(source, target);
    return true;
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code !== "EXDEV" && code !== "EPERM" && code !== "EMLINK") throw error;
    await copyFile(source, target);
    return false;
  }
}

/** Writes `file` whole or not at all: into a temporary file beside it, then renamed into place. */
export async function writeFileAtomically(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}`);
  await writeFile(temporary, content);
  await rename(temporary, file);
}
