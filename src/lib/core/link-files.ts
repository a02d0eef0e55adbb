import { Worker } from "node:worker_threads";

/**
 * Links each `[source, target]` pair (the same file, no bytes copied), making the targets'
 * folders, or copies where a link cannot be made (another file system, a host that forbids links,
 * too many links), on a thread of its own: thousands of file-system calls that a build need not
 * wait for while it renders. Resolves with the indexes of the pairs that were copied; rejects on
 * any other error.
 */
export function linkFilesInBackground(pairs: ReadonlyArray<readonly [string, string]>): Promise<number[]> {
  const linking = new Promise<number[]>((resolve, reject) => {
    const worker = new Worker(LINKER, { eval: true, workerData: pairs });
    worker.once("message", (message: { copied?: number[]; error?: string }) => {
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.copied ?? []);
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`The linking thread stopped (exit code ${code})`));
    });
  });
  running.add(linking);
  const done = () => running.delete(linking);
  linking.then(done, done);
  return linking;
}

const running = new Set<Promise<unknown>>();

/** Resolves once no linking thread is running (a failed build waits for it before deleting its folder). */
export async function linkingSettled(): Promise<void> {
  await Promise.allSettled([...running]);
}

// Plain JavaScript, evaluated as the thread's whole program: it needs no loader for TypeScript.
// Synchronous calls: on its own thread nothing waits on them, and each is cheaper than a round
// trip to the thread pool.
const LINKER = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const path = require("node:path");
const made = new Set();
const copied = [];
try {
  workerData.forEach(([source, target], index) => {
    const folder = path.dirname(target);
    if (!made.has(folder)) fs.mkdirSync(folder, { recursive: true });
    made.add(folder);
    try {
      fs.linkSync(source, target);
    } catch (error) {
      if (error.code !== "EXDEV" && error.code !== "EPERM" && error.code !== "EMLINK") throw error;
      fs.copyFileSync(source, target);
      copied.push(index);
    }
  });
  parentPort.postMessage({ copied });
} catch (error) {
  parentPort.postMessage({ error: error.message });
}
`;
