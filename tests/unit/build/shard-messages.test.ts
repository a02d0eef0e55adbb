import { fork } from "node:child_process";
import { once } from "node:events";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/fixture-site.ts";

const MESSAGES = path.resolve("src/lib/build/shard-messages.ts");

/** A shard-like child that waits for the build script's word and prints what it decided. */
async function waitingChild(listen: "listenForArticleSnapshot" | "listenForPhotosReady") {
  const file = path.join(await tempDir("shard-messages"), "child.ts");
  await writeFile(
    file,
    `import { ${listen} } from ${JSON.stringify(MESSAGES)};\n` +
      `const wait = ${listen}();\nprocess.send?.("listening");\n` +
      `wait().then((value) => { console.log(JSON.stringify(value)); process.exit(0); });\n`,
  );
  return fork(file, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "pipe", "inherit", "ipc"] });
}

describe("a shard waiting for the build script's word", () => {
  it.each([
    ["listenForArticleSnapshot", "false"],
    ["listenForPhotosReady", "true"],
  ] as const)("%s stops waiting when the build script goes away, and decides safely (%s)", async (listen, decided) => {
    const child = await waitingChild(listen);
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    await once(child, "message");
    child.disconnect();
    const [code] = await once(child, "exit");
    expect([code, output.trim()]).toEqual([0, decided]);
  });
});
