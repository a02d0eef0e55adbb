import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { parse, stringify } from "yaml";
import { COMPANY_INDEX_FOLDERS, CompanyRegistry, type Company } from "../content/companies.ts";
import { isValidIsin, PROFILE_FIELDS, validateCompanyProfile } from "../content/company-profile.ts";
import { parseFrontMatter } from "../content/front-matter.ts";
import { companyKey, nameWithoutLegalForm } from "../core/company-names.ts";
import { isPlainRecord } from "../core/fields.ts";
import { slugify } from "../core/slug.ts";
import { loadPhoto, PhotoRejected, type PhotoSource } from "./photo-file.ts";
import { contentHash, writeFileAtomic } from "./store.ts";
import type { WireCompany } from "./wire-item.ts";

/**
 * Company profiles from the wires' metadata. A release whose issuer has no profile gets one,
 * written from what the release carries (its listings, ISIN, logo, website, social profiles,
 * media contact, the "About" paragraph) and marked `review: true` for an editor. A later
 * release fills in what an importer-written profile still lacks; a profile an editor has
 * changed (the same hash rule as for articles) is never rewritten: what the release would add
 * is proposed in a file beside it.
 */

/** A profile file as the importer finds it. */
interface ProfileFile {
  absolute: string;
  text: string;
  /** The hash the importer wrote; absent in profiles written by hand. */
  importHash?: string;
  fields?: Record<string, unknown>;
  body: string;
  company?: Company;
}

/** What a release says about its issuer, for its profile. */
export interface IssuerFacts {
  /** The issuer as the release prints it. */
  name: string;
  company?: WireCompany;
  located?: { city?: string; country?: string };
  /** The release body (Markdown): its "About …" paragraph describes the company. */
  body: string;
  /** The release's guid, recorded in a profile it creates. */
  guid: string;
}

export class CompanyProfiles {
  private registry: CompanyRegistry;

  private constructor(
    private readonly companiesDir: string,
    private readonly display: (file: string) => string,
    private readonly files: ProfileFile[],
  ) {
    this.registry = this.makeRegistry();
  }

  /** Reads every profile in the folder (none when there is no folder yet). */
  static async scan(companiesDir: string, display: (file: string) => string): Promise<CompanyProfiles> {
    let names: string[] = [];
    try {
      names = (await readdir(companiesDir)).filter((name) => name.endsWith(".md") && !name.startsWith(".")).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    const files = await Promise.all(names.map(async (name) => readProfileFile(path.join(companiesDir, name), display)));
    return new CompanyProfiles(companiesDir, display, files);
  }

  private makeRegistry(): CompanyRegistry {
    return new CompanyRegistry(this.files.flatMap((file) => (file.company ? [file.company] : [])));
  }

  /**
   * Creates or completes the issuer's profile, or says what the release would add to a profile
   * an editor keeps. Returns the notes for the item's report.
   */
  async record(facts: IssuerFacts, options: { dryRun: boolean; photoSource: PhotoSource }): Promise<string[]> {
    const candidates = this.registry.candidates(facts.name);
    if (candidates.length > 1) {
      return [
        `the issuer ${JSON.stringify(facts.name)} matches several company profiles (${candidates
          .map((company) => company.file)
          .join(", ")}): write the one meant in the article's companies`,
      ];
    }
    const notes: string[] = [];
    const proposed = proposedProfile(facts, notes);
    const existing = candidates[0] && this.files.find((file) => file.company === candidates[0]);
    if (!existing) return [...notes, ...(await this.create(facts, proposed, options))];

    const additions = missingFrom(existing.fields ?? {}, proposed);
    const editedByHand = existing.importHash === undefined || contentHash(existing.text) !== existing.importHash;
    if (editedByHand) return [...notes, ...(await this.propose(existing, additions, facts.guid, options))];
    if (Object.keys(additions).length === 0) return notes;
    const fields = { ...existing.fields, ...merged(existing.fields ?? {}, additions) };
    if (additions.logo !== undefined) {
      const logo = await this.logoFor(path.basename(existing.absolute, ".md"), String(additions.logo), options);
      notes.push(...logo.notes);
      if (logo.file) fields.logo = additions.logo = logo.file;
      else delete fields.logo;
    }
    // Read back with the failsafe schema, `review: true` is the text "true": write it as it was.
    if (fields.review === "true") fields.review = true;
    const imported = isPlainRecord(existing.fields?.imported) ? existing.fields.imported : {};
    const text = serializeProfile(fields, existing.body, String(imported.release ?? facts.guid));
    if (text === existing.text) return notes;
    if (!options.dryRun) await writeFileAtomic(existing.absolute, text);
    this.replace(existing, await parsedProfile(existing.absolute, text, this.display));
    return [...notes, `completed company profile ${this.display(existing.absolute)} with ${describe(additions)}`];
  }

  /**
   * What a release would add to a profile an editor keeps, written beside it as
   * `<slug>.proposed.yaml` for the editor to apply or delete (the build reads only `.md`
   * files). Proposals from several releases gather in one file; one the profile no longer
   * lacks is dropped, and the file with it when nothing is left.
   */
  private async propose(
    existing: ProfileFile,
    additions: Record<string, unknown>,
    guid: string,
    options: { dryRun: boolean },
  ): Promise<string[]> {
    const file = existing.absolute.replace(/\.md$/, ".proposed.yaml");
    const previous = await readFile(file, "utf8").then(
      (text) => parse(text, { schema: "failsafe" }) as unknown,
      () => undefined,
    );
    const earlier = isPlainRecord(previous) && isPlainRecord(previous.proposed) ? previous.proposed : {};
    const releases = isPlainRecord(previous) && Array.isArray(previous.releases) ? previous.releases.map(String) : [];
    // What earlier releases proposed and the profile still lacks, with this release's additions.
    const proposed = { ...missingFrom(existing.fields ?? {}, earlier), ...additions };
    if (Object.keys(proposed).length === 0) {
      if (previous !== undefined && !options.dryRun) await rm(file, { force: true });
      return previous === undefined
        ? []
        : [`removed ${this.display(file)}: the profile now has everything it proposed`];
    }
    if (Object.keys(additions).length === 0) return [];
    const text =
      `# What releases say that the profile ${path.basename(existing.absolute)} does not: copy what is right into it,\n` +
      `# then delete this file. The build does not read it.\n` +
      stringify(
        { proposed, releases: [...new Set([...releases, guid])] },
        { lineWidth: 0, defaultStringType: "PLAIN", defaultKeyType: "PLAIN" },
      );
    if (!options.dryRun) await writeFileAtomic(file, text);
    return [
      `company profile ${this.display(existing.absolute)} is kept by an editor and left as it is; what this release adds is proposed in ${this.display(file)}: ${describe(additions)}`,
    ];
  }

  private async create(
    facts: IssuerFacts,
    proposed: Record<string, unknown>,
    options: { dryRun: boolean; photoSource: PhotoSource },
  ): Promise<string[]> {
    const notes: string[] = [];
    const slug = this.freeSlug(String(proposed.name));
    const absolute = path.join(this.companiesDir, `${slug}.md`);
    const { logo, description, ...rest } = proposed;
    const fields: Record<string, unknown> = { ...rest };
    if (typeof logo === "string") {
      const stored = await this.logoFor(slug, logo, options);
      notes.push(...stored.notes);
      if (stored.file) fields.logo = stored.file;
    }
    fields.review = true;
    const text = serializeProfile(fields, typeof description === "string" ? description : "", facts.guid);
    if (!options.dryRun) await writeFileAtomic(absolute, text, { exclusive: true });
    this.files.push(await parsedProfile(absolute, text, this.display));
    this.registry = this.makeRegistry();
    return [
      ...notes,
      `new company profile ${this.display(absolute)} from the release's metadata, marked \`review: true\`: check it, then remove that line`,
    ];
  }

  /** Downloads the logo and stores it beside the profile as `<slug>.<ext>`. */
  private async logoFor(
    slug: string,
    url: string,
    options: { dryRun: boolean; photoSource: PhotoSource },
  ): Promise<{ file?: string; notes: string[] }> {
    try {
      const verified = await loadPhoto(url, options.photoSource);
      const file = `${slug}${path.extname(verified.fileName)}`;
      if (!options.dryRun) await writeFileAtomic(path.join(this.companiesDir, file), verified.bytes);
      return { file, notes: [] };
    } catch (error) {
      if (!(error instanceof PhotoRejected)) throw error;
      // The company's logo, for its profile only: never one of the article's photos.
      return { notes: [`skipped the company logo ${url} for the profile (not an article photo): ${error.message}`] };
    }
  }

  private freeSlug(name: string): string {
    const base = slugify(name) || "company";
    const taken = new Set(this.files.map((file) => path.basename(file.absolute, ".md")));
    for (let attempt = 1; ; attempt++) {
      const slug = attempt === 1 ? base : `${base}-${attempt}`;
      if (!taken.has(slug) && !(COMPANY_INDEX_FOLDERS as readonly string[]).includes(slug)) return slug;
    }
  }

  private replace(old: ProfileFile, updated: ProfileFile): void {
    this.files.splice(this.files.indexOf(old), 1, updated);
    this.registry = this.makeRegistry();
  }
}

async function readProfileFile(absolute: string, display: (file: string) => string): Promise<ProfileFile> {
  return parsedProfile(absolute, await readFile(absolute, "utf8"), display);
}

async function parsedProfile(absolute: string, text: string, display: (file: string) => string): Promise<ProfileFile> {
  const file = display(absolute);
  const parsed = parseFrontMatter(text, file);
  if (Array.isArray(parsed)) return { absolute, text, body: "" };
  const result: ProfileFile = { absolute, text, fields: parsed.data, body: parsed.body };
  if (isPlainRecord(parsed.data.imported) && typeof parsed.data.imported.hash === "string")
    result.importHash = parsed.data.imported.hash;
  const fields = validateCompanyProfile(parsed.data, file);
  // A broken profile still takes its file name, but answers to no issuer: the build reports it.
  if (!Array.isArray(fields))
    result.company = { ...fields, slug: path.basename(absolute, ".md"), file, descriptionHtml: "" };
  return result;
}

/** The profile fields a release supports, each checked as the build would check it. */
function proposedProfile(facts: IssuerFacts, notes: string[]): Record<string, unknown> {
  const wire = facts.company;
  const name = nameWithoutLegalForm(facts.name);
  const fields: Record<string, unknown> = { name };
  if (name !== facts.name.trim()) fields.legalName = facts.name.trim();
  if (wire?.logo) fields.logo = wire.logo;
  if (wire?.website) fields.website = wire.website;
  if (facts.located?.country)
    fields.headquarters = {
      ...(facts.located.city ? { city: facts.located.city } : {}),
      country: facts.located.country,
    };
  if (wire && wire.listings.length > 0) fields.listings = wire.listings.map((listing) => ({ ...listing }));
  if (wire?.isin) {
    if (isValidIsin(wire.isin)) fields.isin = wire.isin;
    else notes.push(`left the ISIN ${JSON.stringify(wire.isin)} out of the company profile: its check digit is wrong`);
  }
  if (wire && wire.social.length > 0) fields.social = [...wire.social];
  if (wire?.contact) fields.contact = { ...wire.contact };
  // Anything the profile schema would refuse is left out rather than written for the build to stop on.
  const checked = validateCompanyProfile({ ...fields, logo: undefined }, "profile");
  if (Array.isArray(checked)) {
    for (const problem of checked) {
      const field = problem.field.split(/[.[]/)[0] as string;
      if (field === "name") continue;
      notes.push(
        `left ${problem.field} out of the company profile: expected ${problem.expected}, found ${problem.found}`,
      );
      delete fields[field];
    }
  }
  const about = aboutParagraph(facts.body, facts.name);
  if (about) fields.description = about;
  return fields;
}

/**
 * The release's boilerplate about its issuer: the text after an "About <company>" heading, a
 * bold line, or bold words starting the paragraph. Undefined when the release has none, or its
 * "About" names someone else (a partner's boilerplate).
 */
export function aboutParagraph(markdown: string, issuer: string): string | undefined {
  const paragraphs = markdown.split(/\n\s*\n/).map((paragraph) => paragraph.trim());
  const first = companyKey(issuer).split(" ")[0] as string;
  const isIssuer = (subject: string) => companyKey(subject).split(" ")[0] === first;
  // Bold is `**`, `__` or the HTML the Markdown writer keeps; a line may end in a hard break.
  const plain = (text: string) => text.replace(/<\/?(?:strong|b)>/gi, "**").replace(/\\$/gm, "");
  for (const [index, paragraph] of paragraphs.map(plain).entries()) {
    const [line = "", ...rest] = paragraph.split("\n");
    const heading = /^(?:#{1,6}\s+)?(\*\*|__)?About\s+([^*_\n]+?)\s*:?\s*\1?\s*:?\s*$/.exec(line);
    if (heading) {
      if (!isIssuer(heading[2] as string)) continue;
      const text = rest.join("\n").trim() || plain(paragraphs[index + 1] ?? "");
      // A heading or a bold line next is another section, not the company's description.
      if (text && !/^(?:#|(\*\*|__)[^*_]+\1\s*:?\s*$)/.test(text)) return text;
      continue;
    }
    const inline = /^(\*\*|__)About\s+(.+?)\s*:?\s*\1\s*:?\s*(\S[\s\S]*)$/.exec(paragraph);
    if (inline && isIssuer(inline[2] as string)) return (inline[3] as string).trim();
  }
  return undefined;
}

/** What `proposed` has that `current` lacks: a field it does not have, or listings and profiles it does not list. */
function missingFrom(current: Record<string, unknown>, proposed: Record<string, unknown>): Record<string, unknown> {
  const additions: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(proposed)) {
    if (field === "name" || field === "description") continue;
    const have = current[field];
    if (have === undefined || have === null) {
      additions[field] = value;
    } else if (field === "listings" && Array.isArray(value) && Array.isArray(have)) {
      const known = new Set(have.map((listing) => JSON.stringify(listing)));
      const more = value.filter((listing) => !known.has(JSON.stringify(listing)));
      if (more.length > 0) additions.listings = more;
    } else if (field === "social" && Array.isArray(value) && Array.isArray(have)) {
      const more = value.filter((url) => !have.includes(url));
      if (more.length > 0) additions.social = more;
    }
  }
  return additions;
}

function merged(current: Record<string, unknown>, additions: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...additions };
  for (const field of ["listings", "social"]) {
    if (Array.isArray(current[field]) && Array.isArray(additions[field]))
      result[field] = [...(current[field] as unknown[]), ...(additions[field] as unknown[])];
  }
  return result;
}

function describe(additions: Record<string, unknown>): string {
  return Object.entries(additions)
    .map(([field, value]) => `${field} ${JSON.stringify(value)}`)
    .join("; ");
}

const HASH_PLACEHOLDER = `sha256-${"0".repeat(64)}`;

/** A profile file: YAML written by a serializer, the description, and the importer's hash. */
function serializeProfile(fields: Record<string, unknown>, description: string, release: string): string {
  const ordered: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS)
    if (field !== "imported" && fields[field] !== undefined) ordered[field] = fields[field];
  for (const [field, value] of Object.entries(fields))
    if (!(field in ordered) && field !== "imported") ordered[field] = value;
  ordered.imported = { hash: HASH_PLACEHOLDER, release };
  const frontMatter = stringify(ordered, { lineWidth: 0, defaultStringType: "PLAIN", defaultKeyType: "PLAIN" });
  const draft = `---\n${frontMatter}---\n${description.trim()}${description.trim() ? "\n" : ""}`;
  return draft.replace(HASH_PLACEHOLDER, contentHash(draft));
}
