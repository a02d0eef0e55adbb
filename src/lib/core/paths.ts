import { realpath } from "node:fs/promises";
import path from "node:path";

/** Whether `file` is `folder` or lies under it, by their paths as written. */
export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/**
 * Where `file` really is, once symbolic links are followed, when that is outside `folder`
 * (itself resolved the same way); undefined when it stays inside or cannot be resolved (a
 * missing file is reported by whoever reads it). A link could bring in any file of the machine.
 */
export async function realPathOutside(file: string, folder: string): Promise<string | undefined> {
  const real = await realpath(file).catch(() => file);
  const realFolder = await realpath(folder).catch(() => folder);
  return isInside(realFolder, real) ? undefined : real;
}
