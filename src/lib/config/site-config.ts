import { isValidTimeZone } from "../core/dates.ts";
import { FieldReader, isHttpUrl, isPlainRecord } from "../core/fields.ts";
import { ProblemsError } from "../core/problems.ts";
import { readSections, type Section } from "./sections.ts";

/** What a directory operator sets for one site (see `src/data/site.ts`). */
export interface SiteConfigInput {
  name: string;
  /** Base URL with scheme, e.g. `https://news.example.com/`. */
  url: string;
  /** BCP 47 language of the content, e.g. `en`. */
  language: string;
  /** Locale for number formatting and the like, e.g. `en-US`. */
  locale: string;
  /** IANA time zone every date is shown in, e.g. `Asia/Bangkok`. */
  timeZone: string;
  description: string;
  /** Site-relative path of the logo, e.g. `/assets/logo.svg`. */
  logo?: string;
  /** Articles per list page. */
  pageSize?: number;
  /**
   * Directory sections of the operator's own, after the built-in ones (see
   * `src/lib/config/sections.ts`): `[{ key: "industries", title: "Industries", singular:
   * "Industry", description: "Releases by industry." }]`.
   */
  sections?: unknown[];
}

export interface SiteConfig extends Required<Omit<SiteConfigInput, "logo" | "sections">> {
  logo?: string;
  /** Every directory section, built-in and the operator's, in navigation order. */
  sections: readonly Section[];
  /** `url` without its trailing slash, ready for `${origin}/news/...`. */
  origin: string;
}

const SITE_FIELDS = [
  "name",
  "url",
  "language",
  "locale",
  "timeZone",
  "description",
  "logo",
  "pageSize",
  "sections",
] as const;
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** A lowercase BCP 47 language tag such as `en`, `fr` or `pt-BR`. */
export function isLanguageTag(text: string): boolean {
  return LANGUAGE_TAG.test(text);
}

export function validateSiteConfig(input: unknown, file = "src/data/site.ts"): SiteConfig {
  if (!isPlainRecord(input)) {
    throw new ProblemsError("The site configuration is invalid", [
      { file, field: "", expected: "an object with the site's settings", found: typeof input },
    ]);
  }
  const reader = new FieldReader(file, input);
  reader.rejectUnknown(SITE_FIELDS);
  const name = reader.requiredText("name", "the site's name");
  const url = reader.requiredText(
    "url",
    "the site's base URL with http:// or https://, e.g. https://news.example.com/",
  );
  if (url !== undefined && !isHttpUrl(url)) {
    reader.problem("url", "an absolute URL starting with http:// or https://, e.g. https://news.example.com/", url);
  }
  const language = reader.requiredText("language", 'a language tag such as "en"');
  if (language !== undefined && !LANGUAGE_TAG.test(language)) {
    reader.problem("language", 'a lowercase language tag such as "en" or "th"', language);
  }
  const locale = reader.requiredText("locale", 'a locale such as "en-US"');
  if (locale !== undefined && !isSupportedLocale(locale)) {
    reader.problem("locale", 'a locale such as "en-US" or "th-TH"', locale);
  }
  const timeZone = reader.requiredText("timeZone", 'an IANA time zone such as "Asia/Bangkok"');
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
    reader.problem("timeZone", 'an IANA time zone such as "Asia/Bangkok" or "America/New_York"', timeZone);
  }
  const description = reader.requiredText("description", "a one-sentence description of the site");
  const logo = reader.optionalText("logo", 'a site path such as "/assets/logo.svg"');
  if (logo !== undefined && !/^\/[^/]/.test(logo)) {
    reader.problem("logo", 'a site path starting with one slash, such as "/assets/logo.svg"', logo);
  }
  const pageSize = input.pageSize ?? 20;
  if (typeof pageSize !== "number" || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500) {
    reader.problem("pageSize", "a whole number from 1 to 500", pageSize);
  }
  const { sections, problems: sectionProblems } = readSections(input.sections, file, "sections");
  reader.problems.push(...sectionProblems);

  if (reader.problems.length > 0) throw new ProblemsError("The site configuration is invalid", reader.problems);
  const origin = (url as string).replace(/\/+$/, "");
  return {
    name: name as string,
    url: `${origin}/`,
    origin,
    language: language as string,
    locale: locale as string,
    timeZone: timeZone as string,
    description: description as string,
    ...(logo === undefined ? {} : { logo }),
    pageSize: pageSize as number,
    sections,
  };
}

/** The absolute URL of a site path: `/news/x/` → `https://news.example.com/news/x/`. */
export function absoluteUrl(site: Pick<SiteConfig, "url">, sitePath: string): string {
  return new URL(sitePath, site.url).href;
}

function isSupportedLocale(locale: string): boolean {
  try {
    return Intl.getCanonicalLocales(locale).length === 1 && /^[a-z]{2,3}(-|$)/i.test(locale);
  } catch {
    return false;
  }
}
