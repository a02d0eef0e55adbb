import { createHash } from "node:crypto";
import { createReadStream, statSync, type BigIntStats } from "node:fs";
import { stat } from "node:fs/promises";

/**
 * What the build cache knows of a file it wrote: its bytes' SHA-256, and the inode, size and
 * modification time it had, which tell cheaply that it is still that file. A file restored from a
 * deploy cache or copied has new ones; its hash still tells. Shared by the page cache and the
 * search segments' cache.
 */
export interface FileIdentity {
  /** SHA-256 of the file's bytes (hex). */
  sha256: string;
  size: number;
  dev: string;
  ino: string;
  mtimeNs: string;
}

export const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** The identity of the file at `file`, whose bytes hash to `sha`. */
export async function identify(file: string, sha: string): Promise<FileIdentity> {
  return identityOf(await stat(file, { bigint: true }), sha);
}

/** The identity `info` (a `stat` with `bigint`) gives a file whose bytes hash to `sha`. */
export function identityOf(info: BigIntStats, sha: string): FileIdentity {
  return {
    sha256: sha,
    size: Number(info.size),
    dev: String(info.dev),
    ino: String(info.ino),
    mtimeNs: String(info.mtimeNs),
  };
}

/** Whether `info` shows the very file `known` describes: the same inode, size and modification time. */
export function sameFile(info: BigIntStats, known: FileIdentity): boolean {
  return (
    Number(info.size) === known.size &&
    String(info.ino) === known.ino &&
    String(info.dev) === known.dev &&
    String(info.mtimeNs) === known.mtimeNs
  );
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Whether the file at `file` is still the one `known` describes: the same inode, size and
 * modification time, or else the same bytes. Returns its identity as it is now, or undefined.
 */
export async function stillTheSame<T extends FileIdentity>(file: string, known: T): Promise<T | undefined> {
  // Synchronous: a build asks this of thousands of files, and the thread pool's round trip
  // costs more than the call.
  const info = statSync(file, { bigint: true, throwIfNoEntry: false });
  if (!info?.isFile() || Number(info.size) !== known.size) return undefined;
  if (sameFile(info, known)) return known;
  if ((await hashFile(file)) !== known.sha256) return undefined;
  return { ...known, dev: String(info.dev), ino: String(info.ino), mtimeNs: String(info.mtimeNs) };
}

export function isFileIdentity(value: unknown): value is FileIdentity {
  if (value === null || typeof value !== "object") return false;
  const entry = value as Record<string, unknown>;
  return (
    ["sha256", "dev", "ino", "mtimeNs"].every((key) => typeof entry[key] === "string") && typeof entry.size === "number"
  );
}
