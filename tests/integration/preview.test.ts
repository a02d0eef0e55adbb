import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { afterAll, describe, expect, it } from "vitest";
import { configureDateline } from "../../eleventy.config.ts";
import { article, fixturePartners, fixtureSite, tempDir, testPhotoCache, writeFiles } from "../helpers/fixture-site.ts";

async function waitFor(check: () => Promise<boolean>, seconds = 30): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the preview did not update in time");
}

const page = (out: string, url: string) => readFile(path.join(out, url, "index.html"), "utf8").catch(() => "");
const modified = async (out: string, url: string) => (await stat(path.join(out, url, "index.html"))).mtimeMs;

describe("live preview (serve/watch)", () => {
  let eleventy: Eleventy | undefined;
  const runMode = process.env.ELEVENTY_RUN_MODE;
  afterAll(async () => {
    await eleventy?.stopWatch();
    if (runMode === undefined) delete process.env.ELEVENTY_RUN_MODE;
    else process.env.ELEVENTY_RUN_MODE = runMode;
  });

  it("after an edit rewrites the edited page and the pages that show it, and leaves the others alone", async () => {
    const work = await tempDir("preview");
    const articlesDir = path.join(work, "articles");
    const out = path.join(work, "out");
    await writeFiles(articlesDir, {
      "solar-plant.md": article({
        title: "Fictional Solar opens a plant",
        date: "2023-10-24T09:00:00+08:00",
        categories: "[Energy]",
      }),
      "wind-farm.md": article({
        title: "Fictional Wind adds turbines",
        date: "2023-10-20T09:00:00+08:00",
        categories: "[Energy]",
      }),
      "clinic.md": article({
        title: "Fictional Health opens a clinic",
        date: "2021-03-02T09:00:00+08:00",
        categories: "[Health]",
        partner: "globenewswire",
        dateline: "{ city: LAGOS, country: Nigeria }",
      }),
    });
    eleventy = new Eleventy(".", out, {
      quietMode: true,
      runMode: "watch",
      config: configureDateline({
        site: fixtureSite,
        partners: fixturePartners,
        articlesDir,
        photoCacheDir: testPhotoCache,
        now: "2024-01-01T00:00:00Z",
        search: false,
      }),
    });
    await eleventy.write();
    await eleventy.watch();

    const solar = "/news/2023/10/solar-plant/";
    const wind = "/news/2023/10/wind-farm/";
    const clinic = "/news/2021/03/clinic/";
    expect(await page(out, wind)).toContain("Fictional Solar opens a plant"); // related
    const clinicBefore = await modified(out, clinic);

    const file = path.join(articlesDir, "solar-plant.md");
    await writeFile(
      file,
      (await readFile(file, "utf8")).replace(
        "title: Fictional Solar opens a plant",
        "title: Fictional Solar opens its first plant",
      ),
    );
    await waitFor(async () => (await page(out, solar)).includes("Fictional Solar opens its first plant"));
    await waitFor(async () => (await page(out, "/")).includes("Fictional Solar opens its first plant"));
    expect(await page(out, wind)).toContain("Fictional Solar opens its first plant");
    expect(await page(out, "/categories/energy/")).toContain("Fictional Solar opens its first plant");
    // Nothing on the clinic's page shows the edited article: it was not written again.
    expect(await modified(out, clinic)).toBe(clinicBefore);
    expect(await page(out, clinic)).toContain("Fictional Health opens a clinic");
  }, 60_000);
});
