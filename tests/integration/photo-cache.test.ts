import { cp, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { article, smallPhoto, tempDir, writeFiles } from "../helpers/fixture-site.ts";
import { runBuild, writeFixtureConfig } from "../helpers/run-build.ts";

/** Every file in a folder with its modification time: a re-encoded rendition gets a new one. */
async function filesWithTimes(folder: string): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const name of await readdir(folder)) result[name] = (await stat(path.join(folder, name))).mtimeMs;
  return result;
}

describe("the photo cache on a deploy machine", () => {
  it("is reused from a restored .cache/photos in a fresh checkout: the warm build encodes nothing", async () => {
    const photos = {
      "crane.jpg": await smallPhoto(240, 160, "#113355"),
      "dock.png": await smallPhoto(200, 120, "#553311"),
    };
    const files = {
      "crane.md": article({ title: "Crane", images: "[{ src: crane.jpg, alt: A crane }]" }),
      "dock.md": article({ title: "Dock", date: "2023-10-02", images: "[{ src: dock.png, alt: A dock }]" }),
      ...photos,
    };
    // First CI run: a cold cache, filled by the build.
    const first = await tempDir("checkout-1");
    await writeFiles(path.join(first, "articles"), files);
    const firstCache = path.join(first, ".cache/photos");
    const cold = await runBuild(
      await writeFixtureConfig(path.join(first, "articles"), "2023-10-30T00:00:00+07:00", firstCache),
      path.join(first, "_site"),
    );
    expect(cold.code).toBe(0);
    const renditions = await filesWithTimes(firstCache);
    expect(Object.keys(renditions).length).toBeGreaterThanOrEqual(6);

    // Next run: another checkout path, the cache folder restored by the CI's cache step.
    const second = await tempDir("checkout-2");
    await writeFiles(path.join(second, "articles"), files);
    const secondCache = path.join(second, ".cache/photos");
    await cp(firstCache, secondCache, { recursive: true, preserveTimestamps: true });
    const restored = await filesWithTimes(secondCache);
    const warm = await runBuild(
      await writeFixtureConfig(path.join(second, "articles"), "2023-10-30T00:00:00+07:00", secondCache),
      path.join(second, "_site"),
    );
    expect(warm.code).toBe(0);
    expect(await filesWithTimes(secondCache)).toEqual(restored);
    const published = await readdir(path.join(second, "_site/photos"));
    expect(published.sort()).toEqual(Object.keys(renditions).sort());
  });
});
