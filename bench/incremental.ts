/**
 * The incremental scenarios of `npm run bench` (issue 19): a built site in a project folder of
 * its own (its layouts, assets, articles, page cache and `_site/`), then, round after round, one
 * change at a time followed by Dateline's deployable build (`npm run build`: the page cache, the
 * search index, the audit) and Hugo's full build of the same articles, interleaved.
 */
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { stringify } from "yaml";
import { withdrawArticle } from "../scripts/lib/withdraw.ts";
import partners from "../src/data/partners.ts";
import site from "../src/data/site.ts";
import { validateSettings } from "../src/lib/config/settings.ts";
import { corpus, writeCorpusConfig } from "./corpus.ts";

export const SCENARIOS = [
  { key: "added", name: "20 releases added" },
  { key: "corrected", name: "one old article corrected" },
  { key: "withdrawn", name: "one old article withdrawn" },
  { key: "layout", name: "a layout changed (every page)" },
] as const;
export type ScenarioKey = (typeof SCENARIOS)[number]["key"];

const NOW = "2026-11-01T00:00:00Z";

export interface IncrementalProject {
  folder: string;
  config: string;
  articlesDir: string;
  /** The project's articles, oldest first, for the changes to old articles. */
  oldest: string[];
  /** The companies with a profile, which added releases name. */
  companies: string[];
}

/** Copies the corpus and the project's layouts and assets into `folder`, emptied first. */
export async function prepareProject(root: string, corpusFolder: string, folder: string): Promise<IncrementalProject> {
  // Afresh: the changes of an earlier run (added, corrected, withdrawn articles) must not remain.
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  await Promise.all([
    cp(path.join(root, "layouts"), path.join(folder, "layouts"), { recursive: true }),
    cp(path.join(root, "assets"), path.join(folder, "assets"), { recursive: true }),
    cp(path.join(corpusFolder, "articles"), path.join(folder, "articles"), { recursive: true }),
    cp(path.join(corpusFolder, "companies"), path.join(folder, "companies"), { recursive: true }),
  ]);
  const articlesDir = path.join(folder, "articles");
  const config = await writeCorpusConfig(folder, articlesDir, NOW, path.join(folder, ".cache", "build"));
  const oldest = (await readdir(articlesDir, { recursive: true }))
    .map(String)
    .filter((file) => file.endsWith(".md"))
    .sort();
  const companiesDir = path.join(folder, "companies");
  const companies = await Promise.all(
    (await readdir(companiesDir))
      .sort()
      .map(async (file) => /^name: (.*)$/m.exec(await readFile(path.join(companiesDir, file), "utf8"))?.[1] ?? ""),
  );
  return { folder, config, articlesDir, oldest, companies: companies.filter(Boolean) };
}

/** Makes the change of `scenario`, the `round`th time (each round changes something new). */
export async function applyScenario(project: IncrementalProject, scenario: ScenarioKey, round: number): Promise<void> {
  switch (scenario) {
    case "added": {
      // New releases, newer than every other and before the build's "now".
      let i = 0;
      for (const article of corpus({ count: 20, seed: 1000 + round })) {
        const date = DateTime.fromISO("2026-10-31T00:00:00Z", { zone: "utc" }).plus({ hours: round, minutes: i });
        const fields = {
          ...article.fields,
          date: date.toISO({ suppressMilliseconds: true }),
          guid: `added-${round}-${i}`,
          companies: [project.companies[(round * 20 + i) % project.companies.length]],
        };
        const file = path.join(project.articlesDir, "2026", "10", `added-${round}-${String(i).padStart(2, "0")}.md`);
        await writeFile(file, `---\n${stringify(fields, { lineWidth: 0 })}---\n${article.body}`);
        i++;
      }
      return;
    }
    case "corrected": {
      const file = path.join(project.articlesDir, oldArticle(project, 0.1, round));
      await writeFile(
        file,
        `${await readFile(file, "utf8")}\nCorrection (round ${round}): an earlier version misstated the date.\n`,
      );
      return;
    }
    case "withdrawn": {
      const settings = validateSettings(site, partners);
      await withdrawArticle({
        articlesDir: project.articlesDir,
        displayRoot: project.folder,
        timeZone: settings.site.timeZone,
        partners: settings.partners,
        sections: settings.site.sections,
        target: path.join(project.articlesDir, oldArticle(project, 0.2, round)),
        reason: "Takedown request from the issuer",
        now: DateTime.fromISO(NOW, { setZone: true }),
      });
      return;
    }
    case "layout": {
      const file = path.join(project.folder, "layouts", "base.njk");
      await writeFile(file, `${await readFile(file, "utf8")}<!-- bench round ${round} -->\n`);
      return;
    }
  }
}

/** The `round`th article after the oldest `share` of the corpus (a different one each round). */
function oldArticle(project: IncrementalProject, share: number, round: number): string {
  return project.oldest[(Math.floor(project.oldest.length * share) + round) % project.oldest.length] as string;
}

/**
 * Seconds until the site a build replaced is deleted: `npm run build` leaves that to a detached
 * process (`_site.removing-<pid>`), which the next measurement must not share the machine with.
 */
export async function oldSiteRemoved(output: string): Promise<number> {
  const started = performance.now();
  const prefix = `${path.basename(output)}.`;
  const pending = (name: string) =>
    name.startsWith(prefix) && /^(previous|removing)-\d+$/.test(name.slice(prefix.length));
  for (;;) {
    const names = await readdir(path.dirname(output)).catch(() => [] as string[]);
    if (!names.some(pending) || performance.now() - started > 120_000) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Search segments indexed and in all, from the search indexer's summary line. */
export function segmentCounts(stdout: string): { indexed: number; total: number } | undefined {
  const match = /\[dateline\] search: (\d+) of (\d+) segments indexed/.exec(stdout);
  return match ? { indexed: Number(match[1]), total: Number(match[2]) } : undefined;
}

/** Pages rendered and reused, from the build's summary line. */
export function pageCounts(stdout: string): { rendered: number; reused: number } | undefined {
  const match = /\[dateline\] pages: (\d+) rendered, (\d+) reused/.exec(stdout);
  return match ? { rendered: Number(match[1]), reused: Number(match[2]) } : undefined;
}
