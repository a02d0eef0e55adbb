import { readFile, rename } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { article, buildFixture, tempDir, writeFiles } from "../helpers/fixture-site.ts";

/** No published URL disappears silently: a renamed release keeps its old URL, a dropped one stops the build. */
describe("a renamed release", () => {
  it("keeps its old URL with a permanent redirect once the article names it in aliases", async () => {
    const root = await tempDir("redirects");
    const articlesDir = path.join(root, "articles");
    await writeFiles(root, { "articles/2023/10/old-name.md": article({ title: "Kiln opens", guid: "prn-kiln-9" }) });
    const { outDir: first } = await buildFixture({ articlesDir });

    await rename(path.join(articlesDir, "2023/10/old-name.md"), path.join(articlesDir, "2023/10/new-name.md"));
    const refused = String(await buildFixture({ articlesDir, previousOutput: first }).catch((e: Error) => e));
    expect(refused).toContain("Cannot build: published URLs would disappear without a redirect or a withdrawal");
    expect(refused).toMatch(
      /articles\/2023\/10\/new-name\.md: `aliases`: expected the URL it was published at kept: add `aliases: \[\/news\/2023\/10\/old-name\/\]` to \S*articles\/2023\/10\/new-name\.md \(its release moved to \/news\/2023\/10\/new-name\/\), or let it go with --allow-removed \/news\/2023\/10\/old-name\/, found \/news\/2023\/10\/old-name\/, published by the last build/,
    );

    await writeFiles(root, {
      "articles/2023/10/new-name.md": article({
        title: "Kiln opens",
        guid: "prn-kiln-9",
        aliases: "[/news/2023/10/old-name/]",
      }),
    });
    const { outDir, read } = await buildFixture({ articlesDir, previousOutput: first });
    const page = await read("/news/2023/10/old-name/");
    expect(page).toContain('<meta http-equiv="refresh" content="0; url=/news/2023/10/new-name/">');
    expect(page).toContain('<link rel="canonical" href="https://register.fixture.example/news/2023/10/new-name/">');
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).not.toContain("Kiln opens");
    expect(await readFile(path.join(outDir, "_redirects"), "utf8")).toContain(
      "/news/2023/10/old-name/ /news/2023/10/new-name/ 301!\n/news/2023/10/old-name /news/2023/10/new-name/ 301!\n",
    );
    expect(await readFile(path.join(outDir, "_dateline/nginx-rules.conf"), "utf8")).toContain(
      "location = /news/2023/10/old-name/ { return 301 /news/2023/10/new-name/; }",
    );
    // The next build compares with this one, whose manifest lists only the new URL: the old one is kept by the alias.
    await buildFixture({ articlesDir, previousOutput: outDir });
  });

  it("lets a dropped URL go only when told, and refuses an alias another page uses", async () => {
    const root = await tempDir("redirects-drop");
    const articlesDir = path.join(root, "articles");
    await writeFiles(root, { "articles/2023/10/a.md": article({}), "articles/2023/10/b.md": article({}) });
    const { outDir: first } = await buildFixture({ articlesDir });
    await rename(path.join(articlesDir, "2023/10/b.md"), path.join(root, "b.md"));
    const refused = String(await buildFixture({ articlesDir, previousOutput: first }).catch((e: Error) => e));
    expect(refused).toMatch(
      /articles\/2023\/10\/b\.md: expected every published URL kept: withdraw it \(npm run withdraw\), redirect it \(`aliases: \[\/news\/2023\/10\/b\/\]` in the article that replaces it\), or let it go with --allow-removed \/news\/2023\/10\/b\/, found \/news\/2023\/10\/b\/, published by the last build from \S*articles\/2023\/10\/b\.md, is gone/,
    );
    await buildFixture({ articlesDir, previousOutput: first, allowRemoved: ["/news/2023/10/b/"] });
    await buildFixture({ articlesDir, previousOutput: first, allowRemoved: ["all"] });

    await writeFiles(root, {
      "articles/2023/10/c.md": article({ aliases: "[/news/2023/10/a/]" }),
      "articles/2023/10/d.md": article({ aliases: "[not-a-path]" }),
    });
    const clash = String(await buildFixture({ articlesDir }).catch((e: Error) => e));
    expect(clash).toContain(
      "articles/2023/10/c.md: `aliases[0]`: expected an old URL no article and no other alias uses, found /news/2023/10/a/, which",
    );
    expect(clash).toContain(
      'articles/2023/10/d.md: `aliases[0]`: expected a site path of this site such as /news/2023/10/old-name/, found "not-a-path"',
    );
  });
});
