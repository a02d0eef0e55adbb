import { Worker } from "node:worker_threads";

/**
 * A thread that links files (the same file, no bytes copied), making the targets' folders, or
 * copies them where a link cannot be made (another file system, a host that forbids links, too
 * many links): thousands of file-system calls that a build need not wait for while it renders.
 * Pairs are handed over as they are known (`add`), so linking starts before the last is;
 * `finish` resolves with the indexes (in the order added) of the pairs that were copied, or
 * rejects on any other error. Folders can be made ahead of their files (`makeFolders`).
 */
export class LinkingThread {
  private readonly worker = new Worker(LINKER, { eval: true });
  private readonly result: Promise<number[]>;
  private finished = false;

  constructor() {
    this.result = new Promise<number[]>((resolve, reject) => {
      this.worker.once("message", (message: { copied?: number[]; error?: string }) => {
        if (message.error !== undefined) reject(new Error(message.error));
        else resolve(message.copied ?? []);
      });
      this.worker.once("error", reject);
      this.worker.once("exit", (code) => reject(new Error(`The linking thread stopped (exit code ${code})`)));
    });
    this.result.catch(() => undefined); // reported by `finish`
    // Until it is asked to finish, the thread does not keep the process alive: a build that
    // failed before then (its error thrown) must still be able to end.
    this.worker.unref();
    running.add(this);
    const done = () => running.delete(this);
    this.result.then(done, done);
  }

  /** Links these pairs after those added before. */
  add(pairs: ReadonlyArray<readonly [string, string]>): void {
    if (pairs.length > 0) this.worker.postMessage(pairs);
  }

  /**
   * Makes these folders now, before their files are known: making a folder costs several times
   * more than linking a file into it, and the build reads its articles meanwhile. Those that
   * receive no file, and whatever else leaves them empty, are removed by `finish`, so that the
   * output holds no folder a clean build would not make.
   */
  makeFolders(folders: readonly string[]): void {
    if (folders.length > 0) this.worker.postMessage({ folders });
  }

  /** Waits for every pair added to be linked (or copied), and for the folders made ahead and left empty to go. */
  finish(): Promise<number[]> {
    if (!this.finished) {
      this.worker.ref();
      this.worker.postMessage(DONE);
    }
    this.finished = true;
    return this.result;
  }

  /** Stops linking (the build failed, its folder is about to go) and waits for the thread to end. */
  async stop(): Promise<void> {
    await this.worker.terminate();
    await this.result.catch(() => undefined);
  }

  /** Ends the thread: waits for it if it is finishing, stops it if it is still waiting for pairs. */
  async settle(): Promise<void> {
    if (this.finished) await this.result.catch(() => undefined);
    else await this.stop();
  }
}

const running = new Set<LinkingThread>();

/**
 * Once no linking thread is running: those still given work are stopped (a failed build waits
 * for this before deleting its folder), those finishing are waited for.
 */
export async function linkingSettled(): Promise<void> {
  await Promise.allSettled([...running].map((thread) => thread.settle()));
}

const DONE = "done";

// Plain JavaScript, evaluated as the thread's whole program: it needs no loader for TypeScript.
// Synchronous calls: on its own thread nothing waits on them, and each is cheaper than a round
// trip to the thread pool.
const LINKER = `
const { parentPort } = require("node:worker_threads");
const fs = require("node:fs");
const path = require("node:path");
const made = new Set();
// Folders made ahead of their files, and the folders files were linked into.
const ahead = [];
const filled = new Set();
const copied = [];
let added = 0;
let failed = false;
// Makes the folder and the ancestors it lacks, each once: no recursive call re-checks them all.
function makeFolder(folder, early) {
  if (made.has(folder)) return;
  const parent = path.dirname(folder);
  if (parent !== folder) makeFolder(parent, early);
  try {
    fs.mkdirSync(folder);
    if (early) ahead.push(folder);
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
  }
  made.add(folder);
}
function link(source, target) {
  try {
    fs.linkSync(source, target);
  } catch (error) {
    // A folder another process of the build found empty and removed: made again, once.
    if (error.code !== "ENOENT" || fs.existsSync(path.dirname(target))) throw error;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.linkSync(source, target);
  }
}
// The folders made ahead that are empty, deepest first (a folder emptied by its child's removal goes too).
function removeEmptyAhead() {
  for (const folder of ahead.sort((a, b) => b.length - a.length)) {
    if (filled.has(folder)) continue;
    try {
      fs.rmdirSync(folder);
    } catch (error) {
      if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST" && error.code !== "ENOENT") throw error;
    }
  }
}
parentPort.on("message", (message) => {
  if (failed) return;
  try {
    if (message === ${JSON.stringify(DONE)}) {
      removeEmptyAhead();
      parentPort.postMessage({ copied });
      parentPort.close();
      return;
    }
    if (!Array.isArray(message)) {
      for (const folder of message.folders) makeFolder(folder, true);
      return;
    }
    for (const [source, target] of message) {
      const folder = path.dirname(target);
      makeFolder(folder, false);
      filled.add(folder);
      try {
        link(source, target);
      } catch (error) {
        if (error.code !== "EXDEV" && error.code !== "EPERM" && error.code !== "EMLINK") throw error;
        fs.copyFileSync(source, target);
        copied.push(added);
      }
      added++;
    }
  } catch (error) {
    failed = true;
    parentPort.postMessage({ error: error.message });
    parentPort.close();
  }
});
`;

/**
 * The identity (`identityKey`) of each file at `files` as it is now, or undefined where there is
 * no such file, read on a thread of its own: the thousands of `stat` calls a build makes to
 * trust its previous site's files go on while it reads its articles.
 */
export function identifyFilesInBackground(files: readonly string[]): Promise<Array<string | undefined>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(IDENTIFIER, { eval: true, workerData: files });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) =>
      reject(new Error(`The thread reading files' identities stopped (exit code ${code})`)),
    );
  });
}

/** A file's size, device, inode and modification time, as one string (see `FileIdentity`). */
export function identityKey(identity: { size: number | bigint; dev: unknown; ino: unknown; mtimeNs: unknown }): string {
  return `${identity.size}:${String(identity.dev)}:${String(identity.ino)}:${String(identity.mtimeNs)}`;
}

const IDENTIFIER = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
parentPort.postMessage(
  workerData.map((file) => {
    try {
      const info = fs.statSync(file, { bigint: true });
      return info.isFile() ? \`\${info.size}:\${info.dev}:\${info.ino}:\${info.mtimeNs}\` : undefined;
    } catch {
      return undefined; // gone, or unreadable: the build looks again itself
    }
  }),
);
`;
