import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { companyKey, writtenCompanyKey } from "../core/company-names.ts";
import { closestName, type Problem } from "../core/problems.ts";
import { realPathOutside } from "../core/paths.ts";
import { isSafeSlug } from "../core/slug.ts";
import { renderPicture, type PhotoMetadata, type PhotoRendition } from "../photos/figure.ts";
import { PhotoError } from "../photos/photos.ts";
import { validateCompanyProfile, type CompanyProfileFields } from "./company-profile.ts";
import { parseFrontMatter } from "./front-matter.ts";
import { sectionNames, type Article } from "./articles.ts";
import type { Section } from "../config/sections.ts";
import { renderArticleBody } from "./markdown.ts";

/**
 * The company directory's profiles, read from the companies folder once per build, and the
 * matching of the names articles print to them. An article's `companies` name a profile by
 * its name, legal name or an alias, without case, accents or legal forms
 * (`src/lib/core/company-names.ts`); a name no profile answers to, or more than one does, stops
 * the build with the article's file and field rather than becoming a company of its own.
 */
export interface Company extends CompanyProfileFields {
  /** The profile's file name: the company page is `/companies/<slug>/`. */
  slug: string;
  /** The profile's path for messages: `src/data/companies/northpine-robotics.md`. */
  file: string;
  /** The description, rendered and sanitized like an article body; empty when there is none. */
  descriptionHtml: string;
  /**
   * The logo's `<picture>`, its largest rendition (for JSON-LD) and its rendition files, when
   * there is a logo.
   */
  logoImage?: { html: string; largest: { url: string; width: number; height: number }; files: string[] };
}

export interface LoadCompaniesOptions {
  companiesDir: string;
  /** Paths in messages are relative to this folder. */
  displayRoot: string;
  processPhoto: (file: string) => Promise<{ metadata: PhotoMetadata; files: string[] }>;
}

export interface LoadedCompanies {
  companies: Company[];
  problems: Problem[];
}

/** Folders of the company index that no profile may take: the index by industry and by country. */
export const COMPANY_INDEX_FOLDERS = ["by-industry", "by-country"] as const;

/** Logos are shown at most this wide (profile box); the index shows them smaller. */
const LOGO_SIZES = "10rem";

/** Reads and validates every profile in the folder (none when it does not exist). */
export async function loadCompanies(options: LoadCompaniesOptions): Promise<LoadedCompanies> {
  const { companiesDir, displayRoot } = options;
  const display = (absolute: string) => path.relative(displayRoot, absolute).split(path.sep).join("/");
  let names: string[];
  try {
    names = (await readdir(companiesDir)).filter((name) => name.endsWith(".md") && !name.startsWith(".")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOTDIR" || (error as NodeJS.ErrnoException).code === "ENOENT")
      return { companies: [], problems: [] };
    throw error;
  }
  const problems: Problem[] = [];
  const companies = await Promise.all(
    names.map(async (name): Promise<Company | undefined> => {
      const absolute = path.join(companiesDir, name);
      const file = display(absolute);
      const slug = name.slice(0, -".md".length);
      if ((COMPANY_INDEX_FOLDERS as readonly string[]).includes(slug)) {
        problems.push({
          file,
          field: "",
          expected: `a file name other than ${COMPANY_INDEX_FOLDERS.map((folder) => `${folder}.md`).join(" or ")} (the company index uses those pages)`,
          found: JSON.stringify(name),
        });
        return undefined;
      }
      if (!isSafeSlug(slug)) {
        problems.push({
          file,
          field: "",
          expected: "a file name of lowercase letters, digits and hyphens (it is the company page's URL)",
          found: JSON.stringify(name),
        });
        return undefined;
      }
      const parsed = parseFrontMatter(await readFile(absolute, "utf8"), file);
      if (Array.isArray(parsed)) {
        problems.push(...parsed);
        return undefined;
      }
      const fields = validateCompanyProfile(parsed.data, file);
      if (Array.isArray(fields)) {
        problems.push(...fields);
        return undefined;
      }
      const company: Company = {
        ...fields,
        slug,
        file,
        descriptionHtml: parsed.body.trim() ? renderArticleBody(parsed.body) : "",
      };
      if (fields.logo) {
        try {
          const logo = path.join(companiesDir, fields.logo);
          const outside = await realPathOutside(logo, companiesDir);
          if (outside !== undefined)
            throw new PhotoError(
              "a logo inside the companies folder",
              `a symbolic link to ${outside}, which is outside it`,
            );
          const { metadata, files } = await options.processPhoto(logo);
          const { url, width, height } = Object.values(metadata).at(-1)?.at(-1) as PhotoRendition;
          company.logoImage = {
            html: renderPicture(metadata, { alt: `${fields.name} logo`, sizes: LOGO_SIZES, loading: "lazy" }),
            largest: { url, width, height },
            files,
          };
        } catch (error) {
          if (!(error instanceof PhotoError)) throw error;
          problems.push({
            file,
            field: "logo",
            expected: `${error.expected} at ${JSON.stringify(fields.logo)}`,
            found: error.found,
          });
          return undefined;
        }
      }
      return company;
    }),
  );
  return { companies: companies.filter((company) => company !== undefined), problems };
}

/**
 * The profiles the built articles' companies resolve to: the registry, every problem (broken
 * profiles, two profiles with one name, names no profile or several answer to) and the logo
 * renditions to publish (only those of companies with releases: a company without any has no
 * page).
 */
export function companiesOfArticles(
  articles: readonly Article[],
  loaded: LoadedCompanies,
  sections: readonly Section[],
  companiesFolder: string,
): { registry: CompanyRegistry; problems: Problem[]; photoFiles: Set<string> } {
  const registry = new CompanyRegistry(loaded.companies);
  const problems = [...loaded.problems, ...registry.conflicts()];
  const photoFiles = new Set<string>();
  for (const section of sections.filter((candidate) => candidate.key === "companies")) {
    for (const article of articles) {
      const names = sectionNames(section, article);
      if (section.field) problems.push(...registry.problemsOf(article.file, section.field, names, companiesFolder));
      for (const name of names) registry.resolve(name)?.logoImage?.files.forEach((file) => photoFiles.add(file));
    }
  }
  return { registry, problems, photoFiles };
}

/** Every name a profile answers to: its name, legal name and aliases. */
function namesOf(company: Company): string[] {
  return [company.name, ...(company.legalName ? [company.legalName] : []), ...company.aliases];
}

/** The profiles by the names they answer to. */
export class CompanyRegistry {
  /** By the name as written, without case, accents or punctuation: "Acme Inc." is not "Acme Ltd.". */
  private readonly exact = new Map<string, Set<Company>>();
  /** By {@link companyKey}: "Acme Inc." and "ACME" are one. */
  private readonly loose = new Map<string, Set<Company>>();

  constructor(readonly companies: readonly Company[]) {
    for (const company of companies) {
      for (const name of namesOf(company)) {
        add(this.exact, writtenCompanyKey(name), company);
        add(this.loose, companyKey(name), company);
      }
    }
  }

  /** Two profiles that answer to one name as written: no article could name either by it. */
  conflicts(): Problem[] {
    const problems: Problem[] = [];
    const reported = new Set<string>();
    for (const [key, companies] of this.exact) {
      if (companies.size < 2 || reported.has(key)) continue;
      reported.add(key);
      const [first, ...others] = [...companies];
      for (const other of others)
        problems.push({
          file: other.file,
          field: "",
          expected: `names of its own (${first!.file} answers to the same name: remove it from one of them)`,
          found: `both answer to ${JSON.stringify(namesOf(other).find((name) => writtenCompanyKey(name) === key))}`,
        });
    }
    return problems;
  }

  /** The profiles `name` could mean: one, none, or several when it is ambiguous. */
  candidates(name: string): Company[] {
    const exact = this.exact.get(writtenCompanyKey(name));
    if (exact?.size === 1) return [...exact];
    return [...(exact ?? this.loose.get(companyKey(name)) ?? [])];
  }

  /** The one profile `name` means, or undefined. */
  resolve(name: string): Company | undefined {
    const found = this.candidates(name);
    return found.length === 1 ? found[0] : undefined;
  }

  /**
   * A name each of an article's `companies` that no profile, or more than one, answers to:
   * the fix is in the message (the likely profile, or the file to add).
   */
  problemsOf(file: string, field: string, names: readonly string[], companiesFolder: string): Problem[] {
    const problems: Problem[] = [];
    names.forEach((name, index) => {
      const found = this.candidates(name);
      if (found.length === 1) return;
      if (found.length > 1) {
        problems.push({
          file,
          field: `${field}[${index}]`,
          expected: `a name only one company profile answers to (${found
            .map((company) => `${JSON.stringify(company.name)} in ${company.file}`)
            .join(", ")} all do: write the name or legal name of the one meant)`,
          found: JSON.stringify(name),
        });
        return;
      }
      const suggestion = closestName(name, this.companies.flatMap(namesOf)) ?? this.longerName(name);
      problems.push({
        file,
        field: `${field}[${index}]`,
        expected: suggestion
          ? `the name of a company with a profile (did you mean ${JSON.stringify(suggestion)}?)`
          : `the name of a company with a profile (add one as ${companiesFolder}/<name>.md, or an alias to an existing profile)`,
        found: JSON.stringify(name),
      });
    });
    return problems;
  }

  /** A profile's name that begins with `name`'s words ("Lotus Grid" → "Lotus Grid Energy"), when only one does. */
  private longerName(name: string): string | undefined {
    const key = companyKey(name);
    const found = this.companies.filter((company) =>
      namesOf(company).some((candidate) => companyKey(candidate).startsWith(`${key} `)),
    );
    return found.length === 1 ? found[0]!.name : undefined;
  }
}

function add(map: Map<string, Set<Company>>, key: string, company: Company): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(company);
}
