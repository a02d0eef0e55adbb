/**
 * Parts of `npm run bench` that must run in a process of their own; prints one JSON line.
 *   preview <config> <articlesDir> <outDir>: Eleventy in watch mode (the live-preview rebuild
 *     path), its output served on 127.0.0.1; edits one article several times and times each
 *     edit until the served page shows it.
 *   photos <dir> <count>: processes the photos a previous process encoded (a warm rebuild).
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { DEFAULT_AVIF_EFFORT, DEFAULT_PHOTO_WIDTHS, processPhoto } from "../src/lib/photos/photos.ts";
import { serveSite } from "../scripts/lib/static-server.ts";

const [mode, ...args] = process.argv.slice(2);
const PREVIEW_EDITS = 5;

if (mode === "photos") {
  const [dir, count] = args as [string, string];
  const times: number[] = [];
  for (let i = 0; i < Number(count); i++) {
    const started = performance.now();
    await processPhoto(path.join(dir, `photo-${i}.jpg`), {
      cacheDir: path.join(dir, "cache"),
      urlPath: "/photos/",
      widths: DEFAULT_PHOTO_WIDTHS,
      avifEffort: DEFAULT_AVIF_EFFORT,
    });
    times.push((performance.now() - started) / 1000);
  }
  console.log(JSON.stringify({ warm: times }));
} else if (mode === "preview") {
  const [config, articlesDir, outDir] = args as [string, string, string];
  const eleventy = new Eleventy(".", outDir, { configPath: config, quietMode: true, runMode: "watch" });
  await eleventy.init();
  await eleventy.write();
  await eleventy.watch();
  const server = await serveSite(outDir);
  const get = (url: string) =>
    fetch(`${server.url}${url}`).then(
      (r) => (r.ok ? r.text() : ""),
      () => "",
    );
  const home = await get("/");
  const url = /<h2><a href="(\/news\/[^"]+)">/.exec(home)?.[1] ?? "";
  const slug = url.split("/").filter(Boolean).at(-1);
  const relative = (await readdir(articlesDir, { recursive: true }))
    .map(String)
    .find((f) => f.endsWith(`${path.sep}${slug}.md`));
  const seconds: number[] = [];
  if (relative) {
    const file = path.join(articlesDir, relative);
    const original = await readFile(file, "utf8");
    // Several edits, as an editor makes them: one sample is at the mercy of the machine's noise.
    for (let edit = 0; edit < PREVIEW_EDITS; edit++) {
      const marker = `Edited ${edit} ${Date.now()}`;
      const started = performance.now();
      await writeFile(file, original.replace(/^title: (.*)$/m, `title: "${marker} $1"`));
      while (performance.now() - started < 120_000) {
        if ((await get(url)).includes(marker)) {
          seconds.push((performance.now() - started) / 1000);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await new Promise((resolve) => setTimeout(resolve, 1000)); // the editor reads the page
    }
    await writeFile(file, original);
  }
  await server.close();
  await eleventy.stopWatch();
  console.log(JSON.stringify({ seconds }));
  process.exit(0);
}
