import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("project invariants", () => {
  it("has exactly one copy of sharp, at the pinned version", async () => {
    const lock = JSON.parse(await readFile("package-lock.json", "utf8")) as {
      packages: Record<string, { version?: string }>;
    };
    const copies = Object.entries(lock.packages).filter(([where]) => where.endsWith("node_modules/sharp"));
    const pinned = (JSON.parse(await readFile("package.json", "utf8")) as { dependencies: Record<string, string> })
      .dependencies.sharp;
    expect(copies.map(([where, info]) => `${where}@${info.version}`)).toEqual([`node_modules/sharp@${pinned}`]);
  });

  it("uses `| safe` in layouts only on HTML that was sanitized or built from escaped text", async () => {
    // bodyHtml comes from the sanitizer; photo HTML from renderFigure/renderPicture, which escape
    // every text; jsonLd from serializeJsonLd, which escapes `<`, `>` and `&`; articleCards
    // renders _article-card.njk, autoescaped like every layout (and checked here too); a
    // company's description is sanitized like a body, its logo is renderPicture's.
    const allowed = new Set([
      "article.bodyHtml",
      "article.photos[0].html",
      "photo.html",
      "lead.photos[0].html",
      "article.photos[0].thumbnailHtml",
      "jsonLd",
      "articles | articleCards",
      "article | bodyWithDateline",
      "company.descriptionHtml",
      "company.logoImage.html",
      "term.logoHtml",
    ]);
    const found: string[] = [];
    for (const name of await readdir("layouts")) {
      const text = await readFile(path.join("layouts", name), "utf8");
      // Every tag that mentions `safe`, in output or in logic, must be exactly `{{ <allowed> | safe }}`.
      for (const match of text.matchAll(/\{[{%]([\s\S]*?)[}%]\}/g)) {
        if (!/\bsafe\b/.test(match[1]!)) continue;
        const exact = /^\{\{\s*([\w.[\]]+(?:\s*\|\s*\w+)?)\s*\|\s*safe\s*\}\}$/.exec(match[0]);
        if (!exact || !allowed.has(exact[1]!.replace(/\s*\|\s*/, " | "))) found.push(`${name}: ${match[0]}`);
      }
      expect(text, `${name} must not switch autoescape off`).not.toMatch(/autoescape\s+false/);
    }
    expect(found).toEqual([]);
  });
});
