/**
 * `npx tsx bench/page-churn.ts [--articles 10000]`: how much of a built site one added release
 * changes today. Builds the synthetic corpus, adds one release (a copy of the newest one: same
 * partner, categories, company and tags, dated an hour later), builds again into a fresh folder,
 * and counts the files that differ, by kind: what an incremental build would have to redo (issue
 * 19). Writes `bench/results/page-churn-<n>.md` (which also keeps the figures from before lists
 * were numbered from the oldest end).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { writeCorpus, writeCorpusConfig } from "./corpus.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { articles: { type: "string", default: "10000" } } });
const count = Number(values.articles);
const work = path.join(os.tmpdir(), `dateline-churn-${count}`);
await rm(work, { recursive: true, force: true });
const articles = path.join(work, "articles");
await writeCorpus(articles, { count });
const config = await writeCorpusConfig(work, articles, "2026-11-02T00:00:00Z");
const build = (output: string) => {
  const result = spawnSync(
    path.join(ROOT, "node_modules/.bin/tsx"),
    ["scripts/build.ts", "--config", config, "--output", output],
    { cwd: ROOT, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`build failed: ${result.stderr}`);
};

async function digests(folder: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.relative(folder, path.join(entry.parentPath, entry.name));
    files.set(
      file,
      createHash("sha256")
        .update(await readFile(path.join(folder, file)))
        .digest("hex"),
    );
  }
  return files;
}

const before = path.join(work, "before");
build(before);
// The newest release, copied as a new one an hour later.
const all = (await readdir(articles, { recursive: true })).map(String).filter((file) => file.endsWith(".md"));
const texts = await Promise.all(all.map(async (file) => [file, await readFile(path.join(articles, file), "utf8")]));
const newest = texts
  .map(([file, text]) => ({ file, text, date: /^date: "?([^"\n]+)"?$/m.exec(text as string)?.[1] ?? "" }))
  .sort((a, b) => Date.parse(b.date) - Date.parse(a.date))[0]!;
const later = new Date(Date.parse(newest.date) + 3_600_000).toISOString().replace(".000Z", "Z");
await writeFile(
  path.join(articles, path.dirname(newest.file as string), "churn-added-release.md"),
  (newest.text as string)
    .replace(/^title: .*$/m, "title: A release added after the first build")
    .replace(/^date: .*$/m, `date: ${later}`)
    .replace(/^guid: .*$/m, "guid: churn-added-1"),
);
const after = path.join(work, "after");
build(after);

const [a, b] = [await digests(before), await digests(after)];
const kind = (file: string) =>
  file.startsWith("pagefind/")
    ? "search index"
    : file.endsWith(".html")
      ? /^news\/\d{4}\/\d{2}\/[^/]+\/index\.html$/.test(file) && !file.includes("/page/")
        ? "article pages"
        : "list and term pages"
      : /\.(xml|json|txt)$/.test(file)
        ? "feeds, sitemaps"
        : "other";
const rows = new Map<string, { total: number; changed: number; added: number; removed: number }>();
const row = (name: string) =>
  rows.get(name) ?? rows.set(name, { total: 0, changed: 0, added: 0, removed: 0 }).get(name)!;
for (const [file, digest] of b) {
  const r = row(kind(file));
  r.total++;
  if (!a.has(file)) r.added++;
  else if (a.get(file) !== digest) r.changed++;
}
for (const file of a.keys()) if (!b.has(file)) row(kind(file)).removed++;

const lines = [
  `# One added release: what changes in a ${count.toLocaleString("en-US")}-article site`,
  "",
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npx tsx bench/page-churn.ts --articles ${count}\`: the synthetic corpus built,`,
  "one release added (a copy of the newest, an hour later), built again; files compared by content.",
  "",
  "| files | after | changed | added | removed |",
  "| --- | ---: | ---: | ---: | ---: |",
  ...[...rows].map(([name, r]) => `| ${name} | ${r.total} | ${r.changed} | ${r.added} | ${r.removed} |`),
  "",
];
await writeFile(path.join(ROOT, "bench", "results", `page-churn-${count}.md`), lines.join("\n"));
console.log(lines.join("\n"));
await rm(work, { recursive: true, force: true });
