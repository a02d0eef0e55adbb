import { fork } from "node:child_process";
import { once } from "node:events";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { tempDir } from "../../helpers/fixture-site.ts";
import { describe, expect, it } from "vitest";
import { sendIfConnected } from "../../../src/lib/core/ipc.ts";

/** A child process running `code`, with an IPC channel to this one. */
async function child(code: string) {
  const file = path.join(await tempDir("ipc"), "child.cjs");
  await writeFile(file, code);
  return fork(file);
}

describe("sendIfConnected", () => {
  it("sends to a process that is there", async () => {
    const other = await child("process.once('message', (m) => process.send(m, () => process.exit(0)))");
    const reply = once(other, "message");
    expect(sendIfConnected(other, "hello")).toBe(true);
    expect((await reply)[0]).toBe("hello");
    await once(other, "exit");
  });

  it("drops the message, without an uncaught error, when the process has exited", async () => {
    const other = await child("process.exit(0)");
    await once(other, "exit");
    const errors: unknown[] = [];
    other.on("error", (error) => errors.push(error));
    expect(sendIfConnected(other, "too late")).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors).toEqual([]);
  });

  it("swallows a write that fails after the check (EPIPE), and a channel closed at the call", () => {
    const failing = {
      connected: true,
      send: (_message: unknown, _handle: undefined, _options: object, callback: (error: Error | null) => void) => {
        setImmediate(() => callback(Object.assign(new Error("write EPIPE"), { code: "EPIPE" })));
        return true;
      },
    };
    expect(sendIfConnected(failing, "x")).toBe(true);
    const closed = {
      connected: true,
      send: () => {
        throw Object.assign(new Error("Channel closed"), { code: "ERR_IPC_CHANNEL_CLOSED" });
      },
    };
    expect(sendIfConnected(closed, "x")).toBe(false);
    expect(sendIfConnected({ connected: false }, "x")).toBe(false);
  });
});
