/**
 * `npm run bench [-- --articles 1000,10000] [--runs 3] [--photos 3] [--out bench/results]`
 *
 * Builds one synthetic corpus per size with (a) Dateline's full production build, (b) the
 * vanilla Eleventy baseline in bench/vanilla and (c) Hugo with bench/hugo when `hugo` is
 * installed; a warm-up, then `runs` rounds interleaved (D, V, H, D, V, H, …) so the ratios come
 * from one session. Then (d) the live-preview rebuild after editing one article and (e) cold and
 * warm processing of large JPEGs, and (f) incremental builds after typical changes, beside Hugo's
 * full build (bench/incremental.ts; `--skip-incremental` leaves them out, `--scenarios added,…`
 * picks some), and (g) search precision, one index against segments (bench/search-precision.ts;
 * `--skip-precision`). Writes a Markdown report (and `latest.md`) to `--out`.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { DEFAULT_AVIF_EFFORT, DEFAULT_PHOTO_WIDTHS, processPhoto } from "../src/lib/photos/photos.ts";
import { corpusCompanies, writeCorpus, writeCorpusConfig } from "./corpus.ts";
import {
  applyScenario,
  oldSiteRemoved,
  pageCounts,
  prepareProject,
  SCENARIOS,
  segmentCounts,
  type ScenarioKey,
} from "./incremental.ts";
import { corpusRecords, measureSearchPrecision } from "./search-precision.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "1000,10000" },
    runs: { type: "string", default: "3" },
    warmup: { type: "string", default: "1" },
    // A subset (e.g. `dateline` for a 100 000-article run) writes its own report, not latest.md.
    builders: { type: "string", default: "dateline,vanilla,hugo" },
    "skip-preview": { type: "boolean", default: false },
    // The incremental scenarios (bench/incremental.ts) after each size's cold builds.
    "skip-incremental": { type: "boolean", default: false },
    // Some of them only (e.g. `added,corrected,withdrawn` at 100 000, where a layout change is a full build).
    scenarios: { type: "string", default: SCENARIOS.map((scenario) => scenario.key).join(",") },
    // Search precision, one index against segments (bench/search-precision.ts).
    "skip-precision": { type: "boolean", default: false },
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
const chosenScenarios = SCENARIOS.filter((scenario) => values.scenarios.split(",").includes(scenario.key));
const HUGO = ["/usr/bin/hugo", "/usr/local/bin/hugo"].find((file) => existsSync(file));
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
/** `npm run build` as package.json starts it, without npm's own start; from any folder. */
const BUILD_COMMAND = [
  "--import",
  pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href,
  path.join(ROOT, "scripts", "build.ts"),
];
const ELEVENTY = path.join(ROOT, "node_modules", "@11ty", "eleventy", "cmd.cjs");

interface Measurement {
  seconds: number;
  /** User plus system CPU time of the command and every process it waited for (GNU time). */
  cpuSeconds?: number;
  /** Peak of the summed resident memory of the command and every process it started, in MiB. */
  rssMiB?: number;
  /** Peak resident memory of its largest single process, in MiB. */
  largestMiB?: number;
  /** The end of what it printed (a Dateline build prints how many pages it rendered). */
  stdout?: string;
  /** Why the command failed (a 100 000-article build may run out of heap): reported, not thrown. */
  failure?: string;
}

/** Resident memory of `root` and all its descendants, summed and of the largest, in bytes, read from /proc. */
async function treeRss(root: number): Promise<{ sum: number; largest: number }> {
  const children = new Map<number, number[]>();
  for (const entry of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  let sum = 0;
  let largest = 0;
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    const statm = await readFile(`/proc/${pid}/statm`, "utf8").catch(() => "");
    const rss = Number(statm.split(" ")[1] ?? 0) * 4096;
    sum += rss;
    largest = Math.max(largest, rss);
    queue.push(...(children.get(pid) ?? []));
  }
  return { sum, largest };
}

// GNU time reports the CPU time of a command and all the processes it waited for.
const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

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
  const cpuFile = path.join(os.tmpdir(), `dateline-bench-cpu-${process.pid}`);
  const [program, programArgs] = GNU_TIME
    ? [GNU_TIME, ["-f", "%U %S", "-o", cpuFile, command, ...args]]
    : [command, args];
  const child = spawn(program, programArgs, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let stdout = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-64 * 1024);
  });
  child.stdout.on("data", (chunk: Buffer) => {
    stdout = (stdout + chunk.toString()).slice(-64 * 1024);
  });
  let peak = 0;
  let largest = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      if (child.pid) {
        const rss = await treeRss(child.pid);
        peak = Math.max(peak, rss.sum);
        largest = Math.max(largest, rss.largest);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const status = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const seconds = (performance.now() - started) / 1000;
  sampling = false;
  await sampler;
  const cpu = GNU_TIME
    ? (await readFile(cpuFile, "utf8").catch(() => "")).trim().split("\n").at(-1)?.split(" ").map(Number)
    : undefined;
  const measured = {
    seconds,
    stdout,
    ...(cpu && cpu.length === 2 && cpu.every(Number.isFinite) ? { cpuSeconds: (cpu[0] ?? 0) + (cpu[1] ?? 0) } : {}),
    ...(peak > 0 ? { rssMiB: peak / 1024 / 1024, largestMiB: largest / 1024 / 1024 } : {}),
  };
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
      run: (output) => measure(process.execPath, [...BUILD_COMMAND, "--config", config, "--output", output], ROOT),
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
  if (!values["skip-incremental"]) lines.push(...(await incrementalScenarios(count, work, outputs)));
  if (!values["skip-precision"]) lines.push(...(await searchPrecision(count, work)));
  await rm(outputs, { recursive: true, force: true });
}

/**
 * (f) Incremental builds: a site built once in a project of its own, then each round makes each
 * change in turn, and measures Dateline's deployable build after it beside Hugo's full build of
 * the same articles.
 */
async function incrementalScenarios(count: number, work: string, outputs: string): Promise<string[]> {
  console.log(`Incremental scenarios, ${count} articles…`);
  const project = await prepareProject(ROOT, work, path.join(work, "incremental"));
  // The deletion of the replaced site goes on after the build, in a process of its own: waited
  // for (and reported) before the next measurement, so that it never runs beside one.
  const removals = new Map<ScenarioKey, number[]>(SCENARIOS.map((scenario) => [scenario.key, []]));
  let lastRemoval = 0;
  const dateline = async () => {
    const measured = await measure(
      process.execPath,
      [...BUILD_COMMAND, "--config", project.config, "--output", "_site"],
      project.folder,
    );
    lastRemoval = await oldSiteRemoved(path.join(project.folder, "_site"));
    return measured;
  };
  let hugoRun = 0;
  const hugo = () =>
    HUGO
      ? measure(
          HUGO,
          [
            "--source",
            path.join(ROOT, "bench", "hugo"),
            "--contentDir",
            project.articlesDir,
            "--destination",
            path.join(outputs, `hugo-incremental-${hugoRun++}`),
            "--quiet",
          ],
          work,
        )
      : undefined;
  const first = await dateline();
  if (first.failure) return [`Incremental scenarios: not measured (the first build failed: ${first.failure}).`, ""];
  const results = new Map<ScenarioKey, Array<{ dateline: Measurement; hugo?: Measurement | undefined }>>(
    SCENARIOS.map((scenario) => [scenario.key, []]),
  );
  for (let round = 0; round < runs; round++) {
    for (const scenario of chosenScenarios) {
      await applyScenario(project, scenario.key, round);
      const measured = { dateline: await dateline(), hugo: await hugo() };
      results.get(scenario.key)?.push(measured);
      removals.get(scenario.key)?.push(lastRemoval);
      const pages = pageCounts(measured.dateline.stdout ?? "");
      console.log(
        `  ${scenario.name}: Dateline ${measured.dateline.seconds.toFixed(2)} s (${pages ? `${pages.rendered} rendered, ${pages.reused} reused` : "pages not reported"})${measured.dateline.failure ? ` — FAILED (${measured.dateline.failure})` : ""}, Hugo ${fmt(measured.hugo?.seconds)} s`,
      );
    }
  }
  const out = [
    `### Incremental builds, ${count.toLocaleString("en-US")} articles`,
    "",
    `A site built once, then ${runs} ${runs === 1 ? "round" : "rounds"} of the changes below, each followed by Dateline's deployable build (\`npm run build\`: page cache, search index, audit, swap) and Hugo's full build of the same articles, interleaved. Medians; CPU is user + system over all processes; memory is the peak summed over the build's processes / of its largest process. The replaced site is deleted after the build by a detached process; the last column but two says how long that went on after the build ended (waited for before the next measurement, not counted in the build's time).`,
    "",
    "| change | Dateline (s) | CPU (s) | pages rendered / reused | search segments indexed | peak RSS, summed / largest (MiB) | old site deleted after (s) | Hugo full build (s) | Dateline / Hugo |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const scenario of chosenScenarios) {
    const list = results.get(scenario.key) ?? [];
    const failed = list.filter((m) => m.dateline.failure);
    const median = (values: number[]) => stats(values).median;
    const wall = median(list.map((m) => m.dateline.seconds));
    const hugoWall = median(list.flatMap((m) => (m.hugo ? [m.hugo.seconds] : [])));
    const pages = list.map((m) => pageCounts(m.dateline.stdout ?? ""));
    const rendered = median(pages.map((p) => p?.rendered ?? NaN));
    const reused = median(pages.map((p) => p?.reused ?? NaN));
    const segments = list.map((m) => segmentCounts(m.dateline.stdout ?? ""));
    const indexed = median(segments.map((c) => c?.indexed ?? NaN));
    const total = median(segments.map((c) => c?.total ?? NaN));
    out.push(
      `| ${scenario.name}${failed.length ? ` (${failed.length} of ${list.length} FAILED: ${failed[0]?.dateline.failure})` : ""} | ${fmt(wall)} | ${fmt(median(list.map((m) => m.dateline.cpuSeconds ?? NaN)))} | ${fmt(rendered, 0)} / ${fmt(reused, 0)} | ${fmt(indexed, 0)} of ${fmt(total, 0)} | ${fmt(median(list.map((m) => m.dateline.rssMiB ?? NaN)), 0)} / ${fmt(median(list.map((m) => m.dateline.largestMiB ?? NaN)), 0)} | ${fmt(median(removals.get(scenario.key) ?? []))} | ${fmt(hugoWall)} | ${fmt(wall / hugoWall)} |`,
    );
  }
  out.push("");
  return out;
}

/** (g) Search precision: the corpus indexed as one index and in segments, queries with known answers. */
async function searchPrecision(count: number, work: string): Promise<string[]> {
  console.log(`Search precision, ${count} articles…`);
  const folder = path.join(work, "precision");
  await rm(folder, { recursive: true, force: true });
  const records = await corpusRecords(path.join(work, "articles"), "2026-11-01T00:00:00Z");
  const { rows, segments } = await measureSearchPrecision(records, corpusCompanies(), folder);
  await rm(folder, { recursive: true, force: true });
  return [
    `### Search precision, ${count.toLocaleString("en-US")} articles (${segments} ${segments === 1 ? "segment" : "segments"})`,
    "",
    `Queries: ${rows[0]?.queries ?? 0} company names the corpus uses (answers: the articles with a word starting with the name), and 20 of them with a letter added, which no article has (answer: nothing).`,
    "",
    "| searched as | precision | recall | results for absent words |",
    "| --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row.index} | ${fmt(row.precision, 3)} | ${fmt(row.recall, 3)} | ${row.absentResults} |`),
    "",
  ];
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
