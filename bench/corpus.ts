/**
 * A deterministic synthetic corpus of valid articles for the benchmark: realistic front matter
 * across all partners, ~12 categories, ~200 tags, ~30 regions, ~500 companies, three years of
 * dates and ~500-word bodies. Same `count` and `seed`, same files, byte for byte.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";
import { seededRandom as random } from "../scripts/lib/random.ts";
import { slugify } from "../src/lib/core/slug.ts";

const PARTNERS = ["prnewswire", "businesswire", "globenewswire", "xinhua-asianet"];
const CATEGORIES = [
  "Energy",
  "Technology",
  "Logistics",
  "Finance",
  "Health",
  "Manufacturing",
  "Food & Agriculture",
  "Transportation",
  "Utilities",
  "Retail",
  "Telecommunications",
  "Real Estate",
];
const COUNTRIES: Array<[string, string[]]> = [
  ["China", ["BEIJING", "SHANGHAI", "SHENZHEN", "XI'AN, China"]],
  ["United States", ["NEW YORK", "SAN JOSE, Calif.", "CHICAGO", "AUSTIN, Texas"]],
  ["Thailand", ["BANGKOK", "CHIANG MAI, Thailand"]],
  ["Japan", ["TOKYO", "OSAKA, Japan"]],
  ["Singapore", ["SINGAPORE"]],
  ["United Kingdom", ["LONDON", "MANCHESTER, England"]],
  ["Germany", ["BERLIN", "MUNICH"]],
  ["Canada", ["TORONTO", "VANCOUVER, British Columbia"]],
  ["Australia", ["SYDNEY", "MELBOURNE, Australia"]],
  ["Vietnam", ["HANOI", "HO CHI MINH CITY, Vietnam"]],
  ["India", ["MUMBAI", "BENGALURU, India"]],
  ["France", ["PARIS"]],
  ["Brazil", ["SAO PAULO"]],
  ["South Korea", ["SEOUL"]],
  ["Indonesia", ["JAKARTA"]],
  ["Malaysia", ["KUALA LUMPUR"]],
  ["Philippines", ["MANILA"]],
  ["Mexico", ["MEXICO CITY"]],
  ["Spain", ["MADRID"]],
  ["Italy", ["MILAN"]],
  ["Netherlands", ["AMSTERDAM"]],
  ["Sweden", ["STOCKHOLM"]],
  ["Switzerland", ["ZURICH"]],
  ["United Arab Emirates", ["DUBAI, United Arab Emirates"]],
  ["South Africa", ["JOHANNESBURG"]],
  ["Kenya", ["NAIROBI, Kenya"]],
  ["Egypt", ["CAIRO"]],
  ["Chile", ["SANTIAGO, Chile"]],
  ["New Zealand", ["AUCKLAND, New Zealand"]],
  ["Poland", ["WARSAW"]],
];
const SYLLABLES = [
  "lo",
  "tus",
  "kes",
  "trel",
  "mar",
  "vin",
  "qua",
  "dra",
  "nor",
  "pine",
  "sil",
  "ver",
  "ha",
  "bor",
  "ze",
  "phyr",
  "al",
  "to",
  "cor",
  "al",
  "bri",
  "stan",
  "vel",
  "ox",
];
const SUFFIXES = [
  "Energy",
  "Systems",
  "Holdings",
  "Logistics",
  "Foods",
  "Robotics",
  "Health",
  "Capital",
  "Motors",
  "Labs",
  "Textiles",
  "Water",
];
const WORDS =
  "the company said today that its new facility will serve customers across the region with faster delivery lower costs and cleaner operations while hiring local engineers technicians and operators over the next two years according to a statement from its board".split(
    " ",
  );
const SOURCES = ["Xinhua Silk Road", "Company Newsroom", "Investor Relations", "Regional Business Daily"];

export interface CorpusOptions {
  count: number;
  seed?: number;
  /** Dates run over three years ending here. */
  end?: string;
}

export interface CorpusArticle {
  file: string;
  fields: Record<string, unknown>;
  body: string;
}

/** The corpus's 500 issuers, drawn first from the seed's sequence. */
function companyNames(name: (syllables: number) => string, capital: (word: string) => string): string[] {
  return Array.from(
    { length: 500 },
    (_, i) => `${capital(name(2))}${i % 7 === 0 ? " " + capital(name(2)) : ""} ${SUFFIXES[i % SUFFIXES.length]}`,
  );
}

/** The companies a corpus of this seed names, each once (two draws can give one name). */
export function corpusCompanies(seed = 1): string[] {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const name = (syllables: number) => Array.from({ length: syllables }, () => pick(SYLLABLES)).join("");
  const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  return [...new Set(companyNames(name, capital))];
}

export function* corpus({ count, seed = 1, end = "2026-11-01T00:00:00Z" }: CorpusOptions): Generator<CorpusArticle> {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const name = (syllables: number) => Array.from({ length: syllables }, () => pick(SYLLABLES)).join("");
  const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  const companies = companyNames(name, capital);
  const tags = Array.from({ length: 200 }, (_, i) => `${name(2)}${i % 3 === 0 ? " " + name(2) : ""}`);
  const endMs = Date.parse(end);
  const spanMs = 3 * 365 * 24 * 3_600_000;
  for (let i = 0; i < count; i++) {
    const at = new Date(endMs - Math.floor(rand() * spanMs));
    at.setUTCSeconds(0, 0);
    const [country, cities] = pick(COUNTRIES);
    const company = pick(companies);
    const title = `${company} ${pick(["Announces", "Opens", "Launches", "Reports", "Expands", "Completes"])} ${capital(name(3))} ${pick(["Programme", "Facility", "Platform", "Results", "Partnership", "Network"])} ${i}`;
    const paragraphs = Array.from({ length: 6 }, () => {
      const words = Array.from({ length: 80 + Math.floor(rand() * 10) }, () => pick(WORDS));
      return `${capital(words.join(" "))}.`;
    });
    const fields: Record<string, unknown> = {
      title,
      summary: `${company} said the ${pick(["programme", "facility", "platform"])} would serve customers in ${country}.`,
      date: at.toISOString().replace(".000Z", "Z"),
      dateline: { city: pick(cities), country },
      partner: PARTNERS[i % PARTNERS.length],
      guid: `bench-${seed}-${i}`,
      ...(i % 3 === 0 ? { source: { name: pick(SOURCES), title: `Original: ${title}` } } : {}),
      originalUrl: `https://wire.example/releases/${i}`,
      categories: [pick(CATEGORIES), ...(i % 4 === 0 ? [pick(CATEGORIES)] : [])].filter(
        (c, k, all) => all.indexOf(c) === k,
      ),
      tags: Array.from(new Set([pick(tags), pick(tags), pick(tags)])),
      regions: [country],
      companies: [company],
    };
    const month = String(at.getUTCMonth() + 1).padStart(2, "0");
    yield {
      file: `${at.getUTCFullYear()}/${month}/bench-${String(i).padStart(6, "0")}.md`,
      fields,
      body: `**${company}** ${paragraphs.join("\n\n")}\n`,
    };
  }
}

/**
 * Writes the corpus as Markdown files under `dir`, and a profile for each of its companies in
 * the `companies` folder beside it (a Dateline build needs one per company); returns how many
 * articles.
 */
export async function writeCorpus(dir: string, options: CorpusOptions): Promise<number> {
  const companiesDir = path.join(path.dirname(dir), "companies");
  await mkdir(companiesDir, { recursive: true });
  const slugs = new Set<string>();
  for (const company of corpusCompanies(options.seed)) {
    const slug = slugify(company);
    if (slugs.has(slug)) continue;
    slugs.add(slug);
    await writeFile(
      path.join(companiesDir, `${slug}.md`),
      `---\n${stringify({ name: company }, { lineWidth: 0 })}---\n`,
    );
  }
  let written = 0;
  for (const article of corpus(options)) {
    const file = path.join(dir, article.file);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `---\n${stringify(article.fields, { lineWidth: 0 })}---\n${article.body}`);
    written++;
  }
  return written;
}

/**
 * A Dateline configuration for a corpus under `work` (the demo's site and partners, the corpus's
 * articles, a photo cache and a page cache of its own, a pinned "now"); returns its path.
 */
export async function writeCorpusConfig(
  work: string,
  articlesDir: string,
  now: string,
  buildCacheDir = path.join(work, "build-cache"),
): Promise<string> {
  const root = path.resolve(import.meta.dirname, "..");
  const config = path.join(work, "dateline.config.mts");
  await writeFile(
    config,
    `import { configureDateline } from ${JSON.stringify(path.join(root, "eleventy.config.ts"))};\n` +
      `import site from ${JSON.stringify(path.join(root, "src/data/site.ts"))};\n` +
      `import partners from ${JSON.stringify(path.join(root, "src/data/partners.ts"))};\n` +
      `export default configureDateline({ site, partners, articlesDir: ${JSON.stringify(articlesDir)}, companiesDir: ${JSON.stringify(path.join(path.dirname(articlesDir), "companies"))}, photoCacheDir: ${JSON.stringify(path.join(work, "photos"))}, buildCacheDir: ${JSON.stringify(buildCacheDir)}, now: ${JSON.stringify(now)} });\n`,
  );
  return config;
}
