/**
 * `npm run bench [-- --articles 1000,10000] [--runs 3] [--photos 3] [--out bench/results]`
 *
 * Builds one synthetic corpus per size with (a) Dateline's full production build, (b) the
 * vanilla Eleventy baseline in bench/vanilla and (c) Hugo with bench/hugo when `hugo` is
 * installed; a warm-up, then `runs` rounds interleaved (D, V, H, D, V, H, …) so the ratios come
 * from one session. Then (d) the live-preview rebuild after editing one article and (e) cold and
 * warm processing of large JPEGs. Writes a Markdown report (and `latest.md`) to `--out`.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { DEFAULT_AVIF_EFFORT, DEFAULT_PHOTO_WIDTHS, processPhoto } from "../src/lib/photos/photos.ts";
import { writeCorpus, writeCorpusConfig } from "./corpus.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "1000,10000" },
    runs: { type: "string", default: "3" },
    warmup: { type: "string", default: "1" },
    // A subset (e.g. `dateline` for a 100 000-article run) writes its own report, not latest.md.
    builders: { type: "string", default: "dateline,vanilla,hugo" },
    "skip-preview": { type: "boolean", default: false },
    photos: { type: "string", default: "3" },
    "photo-size": { type: "string", default: "3000x2000" },
    out: { type: "string", default: path.join(ROOT, "bench", "results") },
    // Outside the project: Eleventy ignores (and will not watch) gitignored folders.
    work: { type: "string", default: path.join(os.tmpdir(), "dateline-bench") },
  },
});
const sizes = values.articles.split(",").map(Number);
const runs = Number(values.runs);
const warmups = Number(values.warmup);
const builders = new Set(values.builders.split(","));
const HUGO = ["/usr/bin/hugo", "/usr/local/bin/hugo"].find((file) => existsSync(file));
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const ELEVENTY = path.join(ROOT, "node_modules", "@11ty", "eleventy", "cmd.cjs");

interface Measurement {
  seconds: number;
  /** Peak of the summed resident memory of the command and every process it started, in MiB. */
  rssMiB?: number;
  /** Why the command failed (a 100 000-article build may run out of heap): reported, not thrown. */
  failure?: string;
}

/** Resident memory of `root` and all its descendants, in bytes, read from /proc. */
async function treeRss(root: number): Promise<number> {
  const children = new Map<number, number[]>();
  for (const entry of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  let total = 0;
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    const statm = await readFile(`/proc/${pid}/statm`, "utf8").catch(() => "");
    total += Number(statm.split(" ")[1] ?? 0) * 4096;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * Runs a command to completion, timing it, and samples the memory of its whole process tree
 * every 100 ms (the search indexer, Pagefind and any build shards included).
 */
async function measure(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Measurement> {
  const started = performance.now();
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-64 * 1024);
  });
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      if (child.pid) peak = Math.max(peak, await treeRss(child.pid));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const status = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const seconds = (performance.now() - started) / 1000;
  sampling = false;
  await sampler;
  const measured = { seconds, ...(peak > 0 ? { rssMiB: peak / 1024 / 1024 } : {}) };
  if (status === 0) return measured;
  const reason = /FATAL ERROR: [^\n]*/.exec(stderr)?.[0] ?? stderr.trim().split("\n").at(-1) ?? "";
  return { ...measured, failure: `exit ${status}: ${reason}` };
}

interface Runner {
  name: string;
  key: string;
  /** Builds into `output`, a folder that does not exist yet. */
  run: (output: string) => Promise<Measurement>;
}

async function prepare(count: number): Promise<{ work: string; runners: Runner[] }> {
  const work = path.join(values.work, `corpus-${count}`);
  const marker = path.join(work, "corpus.json");
  const wanted = JSON.stringify({ count, seed: 1, version: 2 });
  if (!existsSync(marker) || (await readFile(marker, "utf8")) !== wanted) {
    await rm(work, { recursive: true, force: true });
    await writeCorpus(path.join(work, "articles"), { count });
    await writeFile(marker, wanted);
  }
  const config = await writeCorpusConfig(work, path.join(work, "articles"), "2026-11-01T00:00:00Z");
  const runners: Runner[] = [
    {
      name: "Dateline (full production build)",
      key: "dateline",
      run: (output) => measure(TSX, ["scripts/build.ts", "--config", config, "--output", output], ROOT),
    },
    {
      name: "vanilla Eleventy",
      key: "vanilla",
      run: (output) =>
        measure(
          "node",
          [
            ELEVENTY,
            `--config=${path.join(ROOT, "bench", "vanilla", "eleventy.config.mjs")}`,
            "--input=articles",
            `--output=${output}`,
            "--quiet",
          ],
          work,
        ),
    },
  ];
  if (HUGO) {
    runners.push({
      name: "Hugo",
      key: "hugo",
      run: (output) =>
        measure(
          HUGO,
          [
            "--source",
            path.join(ROOT, "bench", "hugo"),
            "--contentDir",
            path.join(work, "articles"),
            "--destination",
            output,
            "--quiet",
          ],
          work,
        ),
    });
  }
  return { work, runners: runners.filter((runner) => builders.has(runner.key)) };
}

const stats = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  return { min: sorted[0] ?? NaN, median: sorted[Math.floor(sorted.length / 2)] ?? NaN, max: sorted.at(-1) ?? NaN };
};

/** (d) Live preview: the watch-mode rebuild after one article is edited, each edit's seconds (see bench/child.ts). */
function previewEdits(work: string): number[] | undefined {
  const result = spawnSync(
    TSX,
    [
      path.join(ROOT, "bench", "child.ts"),
      "preview",
      path.join(work, "dateline.config.mts"),
      path.join(work, "articles"),
      path.join(work, "preview-out"),
    ],
    {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 600_000,
    },
  );
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  try {
    const { seconds } = JSON.parse(line) as { seconds: number[] };
    return seconds.length > 0 ? seconds : undefined;
  } catch {
    console.warn(`live preview not measured: ${result.stderr.slice(-500)}`);
    return undefined;
  }
}

/** (e) Photos: cold then warm processing of large synthetic JPEGs (noise over gradients, like a photo). */
async function photoBench(
  count: number,
  size: string,
): Promise<{ cold: number[]; warm: number[]; bytes: Record<string, number> }> {
  const [width, height] = size.split("x").map(Number) as [number, number];
  const dir = path.join(values.work, "photos");
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, "cache"), { recursive: true });
  const cold: number[] = [];
  const warm: number[] = [];
  const bytes: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `photo-${i}.jpg`);
    const noise = Buffer.alloc(width * height * 3);
    let state = 12345 + i;
    for (let p = 0; p < noise.length; p += 3) {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      const x = (p / 3) % width;
      const y = Math.floor(p / 3 / width);
      noise[p] = (x * 255) / width + (state & 31);
      noise[p + 1] = (y * 255) / height + ((state >> 5) & 31);
      noise[p + 2] = 128 + ((state >> 10) & 63);
    }
    await sharp(noise, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 85 })
      .toFile(file);
  }
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const { metadata } = await processPhoto(path.join(dir, `photo-${i}.jpg`), {
      cacheDir: path.join(dir, "cache"),
      urlPath: "/photos/",
      widths: DEFAULT_PHOTO_WIDTHS,
      avifEffort: DEFAULT_AVIF_EFFORT,
    });
    cold.push((performance.now() - started) / 1000);
    if (i === 0)
      for (const [format, renditions] of Object.entries(metadata))
        bytes[format] = renditions.reduce((sum, r) => sum + ((r as { size?: number }).size ?? 0), 0);
  }
  // Warm: a new process, as a rebuild on a deploy machine with the cache kept.
  const child = spawnSync(TSX, [path.join(ROOT, "bench", "child.ts"), "photos", dir, String(count)], {
    cwd: ROOT,
    encoding: "utf8",
  });
  warm.push(...(JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}") as { warm: number[] }).warm);
  return { cold, warm, bytes };
}

const version = (command: string, args: string[]) =>
  spawnSync(command, args, { encoding: "utf8" }).stdout?.trim().split("\n")[0] ?? "not found";
const pkg = async (name: string) =>
  JSON.parse(await readFile(path.join(ROOT, "node_modules", name, "package.json"), "utf8")).version as string;
const fmt = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? "–" : n.toFixed(digits));

const lines: string[] = [];
const started = new Date();
lines.push(`# Dateline benchmark, ${started.toISOString().slice(0, 16).replace("T", " ")} UTC`, "");
lines.push(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}.`,
);
lines.push(
  `Versions: Node ${process.version}, @11ty/eleventy ${await pkg("@11ty/eleventy")}, sharp ${await pkg("sharp")}, pagefind ${await pkg("pagefind")}, ${HUGO ? version(HUGO, ["version"]) : "Hugo not installed"}.`,
);
lines.push(
  `Method: ${runs} runs per builder after ${warmups === 1 ? "one warm-up" : `${warmups} warm-ups`}, interleaved in this session; wall time of the whole command, each run into a new folder (outputs are deleted only after all runs); peak RSS is the summed resident memory of the command and every process it starts (Dateline's search indexer and Pagefind included), sampled every 100 ms. Dateline's figure is its full production build: Eleventy, photos, Pagefind index and syndication audit, into a staging folder swapped into place.`,
  "",
);

for (const count of sizes) {
  console.log(`Corpus of ${count} articles…`);
  const { work, runners } = await prepare(count);
  const results = new Map<string, Measurement[]>(runners.map((r) => [r.name, []]));
  // Every run writes a new folder and nothing is deleted until the end: on this VM's disk a
  // deleted tree slows the writes that follow it for many seconds (16 000 files: 0.8 s on a
  // quiet disk, 8 to 19 s just after a delete), which would land on whichever builder ran next.
  const outputs = path.join(work, "outputs");
  await rm(outputs, { recursive: true, force: true });
  const output = (runner: Runner, label: string) => path.join(outputs, `${runner.key}-${label}`);
  for (let round = 0; round < warmups; round++)
    for (const runner of runners) await runner.run(output(runner, `warmup-${round}`));
  for (let round = 0; round < runs; round++) {
    for (const runner of runners) {
      const m = await runner.run(output(runner, String(round)));
      results.get(runner.name)!.push(m);
      console.log(
        `  ${runner.name}: ${m.seconds.toFixed(2)} s, ${fmt(m.rssMiB, 0)} MiB${m.failure ? ` — FAILED (${m.failure})` : ""}`,
      );
    }
  }
  lines.push(
    `## ${count.toLocaleString("en-US")} articles`,
    "",
    "| builder | min (s) | median (s) | max (s) | peak RSS, median (MiB) |",
    "| --- | --- | --- | --- | --- |",
  );
  const medians = new Map<string, number>();
  for (const [name, list] of results) {
    const time = stats(list.map((m) => m.seconds));
    const rss = stats(list.map((m) => m.rssMiB ?? NaN));
    medians.set(name, time.median);
    const failures = list.filter((m) => m.failure);
    lines.push(
      `| ${name}${failures.length ? ` (${failures.length} of ${list.length} runs FAILED: ${failures[0]?.failure})` : ""} | ${fmt(time.min)} | ${fmt(time.median)} | ${fmt(time.max)} | ${fmt(rss.median, 0)} |`,
    );
  }
  const dateline = medians.get("Dateline (full production build)");
  const datelineFailed = [...results].some(
    ([name, list]) => name.startsWith("Dateline") && list.some((m) => m.failure),
  );
  if (datelineFailed) {
    lines.push("", "Ratios: not computed (a Dateline run failed).", "");
  } else if (dateline !== undefined && medians.has("vanilla Eleventy")) {
    lines.push(
      "",
      `Ratios of medians: Dateline / vanilla Eleventy = ${fmt(dateline / medians.get("vanilla Eleventy")!)}${medians.has("Hugo") ? `; Dateline / Hugo = ${fmt(dateline / medians.get("Hugo")!)}` : ""}.`,
      "",
    );
  } else {
    lines.push("");
  }
  if (!values["skip-preview"]) {
    const edits = previewEdits(work);
    const served = (list: number[], { min, median, max } = stats(list)) =>
      `${fmt(median)} s (median of ${list.length} edits; min ${fmt(min)}, max ${fmt(max)})`;
    lines.push(
      `Live preview: one article edited, updated page served after ${edits === undefined ? "– (not measured)" : served(edits)}.`,
      "",
    );
  }
  await rm(outputs, { recursive: true, force: true });
}

const photoCount = Number(values.photos);
if (photoCount > 0) {
  console.log("Photos…");
  const { cold, warm, bytes } = await photoBench(photoCount, values["photo-size"]);
  lines.push(
    `## Photos (${photoCount} × ${values["photo-size"]} JPEG → ${DEFAULT_PHOTO_WIDTHS.join("/")} px × AVIF (effort ${DEFAULT_AVIF_EFFORT}), WebP, JPEG)`,
    "",
  );
  lines.push(
    `Cold: median ${fmt(stats(cold).median)} s per photo (min ${fmt(stats(cold).min)}, max ${fmt(stats(cold).max)}). Warm: median ${fmt(stats(warm).median, 3)} s per photo.`,
  );
  lines.push(
    `Bytes of all widths of one photo: ${Object.entries(bytes)
      .map(([format, size]) => `${format} ${(size / 1024).toFixed(0)} KiB`)
      .join(", ")}.`,
    "",
  );
}

await mkdir(values.out, { recursive: true });
const report = `${lines.join("\n")}\n`;
const name = `${started.toISOString().slice(0, 16).replace(/[:T]/g, "-")}-${sizes.join("-")}.md`;
await writeFile(path.join(values.out, name), report);
if (builders.size === 3) await writeFile(path.join(values.out, "latest.md"), report);
console.log(`\n${report}Report: ${path.relative(process.cwd(), path.join(values.out, name))}`);
