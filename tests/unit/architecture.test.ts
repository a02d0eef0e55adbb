import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The folders of `src/lib`, from the bottom up (src/lib/README.md draws the same picture). A
 * module may import modules of its own folder and of folders in lower layers, never of a folder
 * beside or above its own; `src/lib` never imports plugins, scripts, the bench or tests; and no
 * plugin imports another plugin.
 */
const LAYERS: string[][] = [
  ["core"],
  ["config"],
  ["photos"],
  ["content"],
  ["site", "search"],
  ["compliance", "import"],
  ["build", "preview"],
];

const ROOT = path.resolve(import.meta.dirname, "../..");
const LIB = path.join(ROOT, "src/lib");
const PLUGINS = path.join(ROOT, "src/plugins");

type Imports = Map<string, string[]>;

/** Every relative import of every TypeScript file under `folder`, resolved to repository paths. */
async function relativeImports(folder: string): Promise<Imports> {
  const imports: Imports = new Map();
  for (const name of (await readdir(folder, { recursive: true })).map(String).filter((file) => file.endsWith(".ts"))) {
    const file = path.join(folder, name);
    const text = await readFile(file, "utf8");
    const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((match) =>
      path.relative(ROOT, path.resolve(path.dirname(file), match[1]!)),
    );
    imports.set(path.relative(ROOT, file), targets);
  }
  return imports;
}

const layerOf = (folder: string) => LAYERS.findIndex((layer) => layer.includes(folder));
const libFolder = (file: string) => (file.startsWith("src/lib/") ? file.split("/")[2] : undefined);

/** "importer → imported: why" for every import that breaks the rules above. */
export function layerViolations(lib: Imports, plugins: Imports): string[] {
  const found: string[] = [];
  for (const [file, targets] of lib) {
    const folder = libFolder(file)!;
    if (file.split("/").length === 3) found.push(`${file}: a module directly in src/lib, outside any folder`);
    else if (layerOf(folder) < 0) found.push(`${file}: src/lib/${folder} is in no layer`);
    for (const target of targets) {
      const other = libFolder(target);
      if (other === undefined) found.push(`${file} → ${target}: src/lib imports only src/lib`);
      else if (other !== folder && layerOf(other) >= layerOf(folder)) {
        found.push(`${file} → ${target}: ${folder} may not import ${other} (same or higher layer)`);
      }
    }
  }
  for (const [file, targets] of plugins) {
    for (const target of targets) {
      if (target.startsWith("src/plugins/")) found.push(`${file} → ${target}: a plugin imports another plugin`);
    }
  }
  return found;
}

describe("the layers of src/lib", () => {
  it("reports each kind of violation (so the check below can fail)", () => {
    const lib: Imports = new Map([
      ["src/lib/core/a.ts", ["src/lib/content/b.ts"]],
      ["src/lib/site/c.ts", ["src/lib/search/d.ts", "src/lib/core/a.ts", "src/lib/site/e.ts"]],
      ["src/lib/x.ts", ["src/plugins/p.ts"]],
      ["src/lib/misc/f.ts", []],
    ]);
    const plugins: Imports = new Map([["src/plugins/p.ts", ["src/plugins/q.ts", "src/lib/core/a.ts"]]]);
    expect(layerViolations(lib, plugins)).toEqual([
      "src/lib/core/a.ts → src/lib/content/b.ts: core may not import content (same or higher layer)",
      "src/lib/site/c.ts → src/lib/search/d.ts: site may not import search (same or higher layer)",
      "src/lib/x.ts: a module directly in src/lib, outside any folder",
      "src/lib/x.ts → src/plugins/p.ts: src/lib imports only src/lib",
      "src/lib/misc/f.ts: src/lib/misc is in no layer",
      "src/plugins/p.ts → src/plugins/q.ts: a plugin imports another plugin",
    ]);
  });

  it("holds for the code: imports point down, plugins stand alone", async () => {
    const lib = await relativeImports(LIB);
    expect(lib.size).toBeGreaterThan(30);
    expect(layerViolations(lib, await relativeImports(PLUGINS))).toEqual([]);
  });

  it("has a README in every folder", async () => {
    const folders = (await readdir(LIB, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual(LAYERS.flat().sort());
    for (const folder of folders)
      expect((await readdir(path.join(LIB, folder))).includes("README.md"), folder).toBe(true);
  });
});
