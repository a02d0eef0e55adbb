import { symlink } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CompanyRegistry, loadCompanies, type Company } from "../../../src/lib/content/companies.ts";
import { formatProblem } from "../../../src/lib/core/problems.ts";
import { processPhoto } from "../../../src/lib/photos/photos.ts";
import { company, smallPhoto, tempDir, testPhotoCache, writeFiles } from "../../helpers/fixture-site.ts";

const profile = (slug: string, fields: Partial<Company>): Company => ({
  name: slug,
  aliases: [],
  industries: [],
  listings: [],
  social: [],
  review: false,
  slug,
  file: `src/data/companies/${slug}.md`,
  descriptionHtml: "",
  ...fields,
});

const acmeInc = profile("acme-inc", { name: "Acme", legalName: "Acme Inc." });
const acmeLtd = profile("acme-ltd", { name: "Acme Ltd.", legalName: "Acme Limited" });
const lotus = profile("lotus-grid-energy", { name: "Lotus Grid Energy", aliases: ["LGE"] });
const registry = new CompanyRegistry([acmeInc, acmeLtd, lotus]);

describe("CompanyRegistry", () => {
  it("finds a profile by name, legal name or alias, without case, accents or legal forms", () => {
    expect(registry.resolve("Lotus Grid Energy Co., Ltd.")).toBe(lotus);
    expect(registry.resolve("LOTUS GRID ENERGY")).toBe(lotus);
    expect(registry.resolve("lge")).toBe(lotus);
  });

  it("prefers the name as written when a legal form tells two companies apart", () => {
    expect(registry.resolve("ACME, INC")).toBe(acmeInc);
    expect(registry.resolve("Acme Limited")).toBe(acmeLtd);
    expect(registry.candidates("Acme Corp.")).toEqual([acmeInc, acmeLtd]);
    expect(registry.resolve("Acme Corp.")).toBeUndefined();
  });

  it("says which names are unknown or ambiguous, and what to write instead", () => {
    const problems = registry
      .problemsOf(
        "articles/a.md",
        "companies",
        ["Lotus Grid", "Acme Corp.", "Lotus Grid Energy", "Zephyr"],
        "src/data/companies",
      )
      .map(formatProblem);
    expect(problems).toEqual([
      'articles/a.md: `companies[0]`: expected the name of a company with a profile (did you mean "Lotus Grid Energy"?), found "Lotus Grid"',
      'articles/a.md: `companies[1]`: expected a name only one company profile answers to ("Acme" in src/data/companies/acme-inc.md, "Acme Ltd." in src/data/companies/acme-ltd.md all do: write the name or legal name of the one meant), found "Acme Corp."',
      'articles/a.md: `companies[3]`: expected the name of a company with a profile (add one as src/data/companies/<name>.md, or an alias to an existing profile), found "Zephyr"',
    ]);
  });

  it("reports two profiles answering to one name as written", () => {
    const twin = profile("acme-again", { name: "ACME", aliases: [] });
    expect(new CompanyRegistry([acmeInc, twin]).conflicts().map(formatProblem)).toEqual([
      'src/data/companies/acme-again.md: expected names of its own (src/data/companies/acme-inc.md answers to the same name: remove it from one of them), found both answer to "ACME"',
    ]);
    expect(registry.conflicts()).toEqual([]);
  });
});

describe("loadCompanies", () => {
  const load = (companiesDir: string) =>
    loadCompanies({
      companiesDir,
      displayRoot: path.dirname(companiesDir),
      processPhoto: (file) =>
        processPhoto(file, { cacheDir: testPhotoCache, urlPath: "/photos/", widths: [120], avifEffort: 0 }, "profile"),
    });

  it("reads each profile with its sanitized description and its logo", async () => {
    const root = await tempDir("companies");
    await writeFiles(root, {
      "companies/northpine-robotics.md": company(
        { name: "Northpine Robotics", logo: "northpine.png" },
        "Builds *robot arms*. <script>alert(1)</script>[x](javascript:alert(1))",
      ),
      "companies/northpine.png": await smallPhoto(120, 120, "#1f4d3a"),
      "companies/notes.txt": "not a profile",
    });
    const { companies, problems } = await load(path.join(root, "companies"));
    expect(problems).toEqual([]);
    expect(companies).toHaveLength(1);
    const [northpine] = companies as [Company];
    expect(northpine.slug).toBe("northpine-robotics");
    expect(northpine.file).toBe("companies/northpine-robotics.md");
    expect(northpine.descriptionHtml).toBe("<p>Builds <em>robot arms</em>. [x](javascript:alert(1))</p>\n");
    expect(northpine.logoImage?.html).toContain('alt="Northpine Robotics logo"');
    expect(northpine.logoImage?.largest.width).toBe(120);
    expect(northpine.logoImage?.files.length).toBeGreaterThan(0);
  });

  it("has no profiles when the folder does not exist", async () => {
    expect(await load(path.join(await tempDir("companies"), "missing"))).toEqual({ companies: [], problems: [] });
  });

  it("reports every broken profile with its file and field", async () => {
    const root = await tempDir("companies");
    const outside = path.join(await tempDir("outside"), "logo.png");
    await writeFiles(path.dirname(outside), { "logo.png": await smallPhoto(40, 40) });
    await writeFiles(root, {
      "companies/Acme Inc.md": company({ name: "Acme" }),
      "companies/by-industry.md": company({ name: "By Industry" }),
      "companies/no-front-matter.md": "Just text.",
      "companies/bad-field.md": company({ name: "Bad", website: "acme.example" }),
      "companies/missing-logo.md": company({ name: "Missing", logo: "missing.png" }),
      "companies/fake-logo.md": company({ name: "Fake", logo: "fake.png" }),
      "companies/fake.png": "<svg onload=alert(1)>",
      "companies/linked-logo.md": company({ name: "Linked", logo: "linked.png" }),
    });
    await symlink(outside, path.join(root, "companies", "linked.png"));
    const { companies, problems } = await load(path.join(root, "companies"));
    expect(companies).toEqual([]);
    expect(problems.map(formatProblem).sort()).toEqual([
      'companies/Acme Inc.md: expected a file name of lowercase letters, digits and hyphens (it is the company page\'s URL), found "Acme Inc.md"',
      'companies/bad-field.md: `website`: expected an http:// or https:// URL, found "acme.example"',
      'companies/by-industry.md: expected a file name other than by-industry.md or by-country.md (the company index uses those pages), found "by-industry.md"',
      expect.stringMatching(
        /^companies\/fake-logo.md: `logo`: expected a JPEG, PNG, WebP, AVIF, GIF or TIFF photo at "fake.png", found a file that is not a readable image/,
      ),
      `companies/linked-logo.md: \`logo\`: expected a logo inside the companies folder at "linked.png", found a symbolic link to ${outside}, which is outside it`,
      'companies/missing-logo.md: `logo`: expected an existing photo file beside the profile at "missing.png", found no file at that path',
      'companies/no-front-matter.md: expected front matter between two `---` lines at the very top of the file, found "Just text."',
    ]);
  });
});
