import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import sharp from "sharp";
import { configureDateline, type DatelineOptions } from "../../eleventy.config.ts";
import type { Partner } from "../../src/lib/config/partners.ts";
import type { SiteConfigInput } from "../../src/lib/config/site-config.ts";

/** A fixture site configuration, distinct from the demo's so tests can't pass by accident. */
export const fixtureSite: SiteConfigInput = {
  name: "Fixture Trade Register",
  url: "https://register.fixture.example",
  language: "en",
  locale: "en-GB",
  timeZone: "Asia/Bangkok",
  description: "A fixture site for tests.",
  pageSize: 2,
};

export const fixturePartners: Partner[] = [
  {
    id: "prnewswire",
    name: "Cision PR Newswire",
    datelineTag: "PRNewswire",
    datelineTagStyle: "slashes",
    disclaimer:
      "The information provided in this article was created by {partner}, our news partner. The author's opinions and the content shared on this page are their own and may not necessarily represent the perspectives of {site}.",
    originalLinkLabel: "View original content",
    indexing: "index",
  },
  {
    id: "globenewswire",
    name: "GlobeNewswire",
    datelineTag: "GLOBE NEWSWIRE",
    datelineTagStyle: "parentheses",
    disclaimer: "{site} republishes this release from {partner} without changes and takes no responsibility for it.",
    originalLinkLabel: "Original release",
    logo: "/assets/logo.svg",
    indexing: "noindex",
  },
];

/** Shared between test files: renditions are named by content hash, so sharing is safe. */
export const testPhotoCache = path.join(os.tmpdir(), "dateline-test-photo-cache");

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `dateline-${prefix}-`));
}

/** Writes files (text or Buffer) under `root`, creating folders. */
export async function writeFiles(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

/** A small JPEG (small keeps AVIF encoding fast); colour makes each photo's hash distinct. */
export async function smallPhoto(width = 320, height = 200, colour = "#3a7bd5"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

export interface FixtureBuildOptions extends Partial<Omit<DatelineOptions, "articlesDir">> {
  /** The articles; company profiles are in the `companies` folder beside it unless told. */
  articlesDir: string;
  /** Where to build; a new temporary folder if not given. */
  outDir?: string;
}

/** Builds a fixture site through Eleventy's programmatic API (into a new temporary folder unless told). */
export async function buildFixture({
  outDir: chosenOutDir,
  ...options
}: FixtureBuildOptions): Promise<{ outDir: string; read: (sitePath: string) => Promise<string> }> {
  const outDir = chosenOutDir ?? (await tempDir("out"));
  const eleventy = new Eleventy(".", outDir, {
    quietMode: true,
    config: configureDateline({
      site: fixtureSite,
      partners: fixturePartners,
      photoCacheDir: testPhotoCache,
      includeUnpublished: false,
      companiesDir: path.join(path.dirname(options.articlesDir), "companies"),
      // No page cache unless a test gives one: tests run at once and must not share it.
      buildCacheDir: false,
      ...options,
    }),
  });
  await eleventy.write();
  return { outDir, read: (sitePath) => readPage(outDir, sitePath) };
}

export async function readPage(outDir: string, sitePath: string): Promise<string> {
  const file = sitePath.endsWith("/") ? `${sitePath}index.html` : sitePath;
  return readFile(path.join(outDir, file), "utf8");
}

let articleCount = 0;

/**
 * Front matter for a valid article, with overrides; values are YAML text. Each gets a headline of
 * its own unless told: one partner's same headline within 48 hours is a duplicate.
 */
export function article(fields: Record<string, string> = {}, body = "Body text."): string {
  const defaults: Record<string, string> = {
    title: `A fixture headline ${++articleCount}`,
    date: "2023-10-24T09:00:00+08:00",
    dateline: "{ city: BEIJING, country: China }",
    partner: "prnewswire",
  };
  const merged = { ...defaults, ...fields };
  const lines = Object.entries(merged)
    .filter(([, value]) => value !== "")
    .map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join("\n")}\n---\n${body}\n`;
}

/** A company profile with overrides; values are YAML text, the body its description. */
export function company(fields: Record<string, string>, body = ""): string {
  const lines = Object.entries({ name: "Fixture Company", ...fields })
    .filter(([, value]) => value !== "")
    .map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join("\n")}\n---\n${body}${body ? "\n" : ""}`;
}
