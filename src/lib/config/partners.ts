import type { DatelineTagStyle } from "../core/dates.ts";
import { FieldReader, isHttpUrl, isPlainRecord } from "../core/fields.ts";
import { ProblemsError, type Problem } from "../core/problems.ts";
import { isSafeSlug } from "../core/slug.ts";

export const INDEXING_POLICIES = ["index", "noindex", "googlebot-news-noindex", "canonical-to-original"] as const;
export type IndexingPolicy = (typeof INDEXING_POLICIES)[number];

/** One wire partner, as an operator configures it in `src/data/partners.ts`. */
export interface Partner {
  /** Stable identifier used in front matter and URLs, e.g. `prnewswire`. */
  id: string;
  /** Display name, e.g. "Cision PR Newswire". */
  name: string;
  /** The wire's tag in a dateline, as the wire prints it, e.g. `PRNewswire` or `GLOBE NEWSWIRE`. */
  datelineTag: string;
  /** `slashes` prints `/PRNewswire/`, `parentheses` prints `(GLOBE NEWSWIRE)`. */
  datelineTagStyle: DatelineTagStyle;
  /** Footer text; `{partner}` and `{site}` are replaced by the partner's and the site's names. */
  disclaimer: string;
  /** Text that introduces the link to the original release, e.g. "View original content". */
  originalLinkLabel: string;
  /** Site path or https URL of the partner's logo. */
  logo?: string;
  /** How search engines may index this partner's articles (applied by the directory pages). */
  indexing: IndexingPolicy;
  /**
   * Where the wire's copyright line (`copyright` in front matter, from NewsML `CopyrightLine` or
   * `rightsInfo`) is printed: `footer` at the foot of the article and its feed item, `none` kept
   * in the file only. Default `none`.
   */
  copyrightLine?: "footer" | "none";
  /**
   * The wire's tracking pixel (its view counter): `strip` it (the default), or `keep` it where the
   * contract asks, loaded from the wire's host only (the article page allows that host alone).
   */
  trackingPixel?: "strip" | "keep";
}

const PARTNER_FIELDS = [
  "id",
  "name",
  "datelineTag",
  "datelineTagStyle",
  "disclaimer",
  "originalLinkLabel",
  "logo",
  "indexing",
  "copyrightLine",
  "trackingPixel",
] as const;
const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDERS = ["partner", "site"];

/** Validates the partner list; every problem in every record is reported at once. */
export function validatePartners(input: unknown, file = "src/data/partners.ts"): Partner[] {
  if (!Array.isArray(input) || input.length === 0) {
    throw new ProblemsError("The partner configuration is invalid", [
      {
        file,
        field: "",
        expected: "a non-empty list of partners",
        found: Array.isArray(input) ? "an empty list" : typeof input,
      },
    ]);
  }
  const problems: Problem[] = [];
  const partners: Partner[] = [];
  const seen = new Map<string, number>();
  input.forEach((record, index) => {
    if (!isPlainRecord(record)) {
      problems.push({ file, field: `[${index}]`, expected: "a partner record", found: typeof record });
      return;
    }
    const reader = new FieldReader(file, record, `[${index}]`);
    reader.rejectUnknown(PARTNER_FIELDS);
    const id = reader.requiredText("id", 'an identifier such as "prnewswire"');
    if (id !== undefined) {
      if (!isSafeSlug(id)) reader.problem("id", 'lowercase letters, digits and hyphens, such as "prnewswire"', id);
      const earlier = seen.get(id);
      if (earlier !== undefined) reader.problem("id", `an identifier not already used by partner [${earlier}]`, id);
      seen.set(id, index);
    }
    const name = reader.requiredText("name", "the partner's display name");
    const datelineTag = reader.requiredText("datelineTag", 'the wire\'s dateline tag, such as "PRNewswire"');
    if (datelineTag !== undefined && /[/()]/.test(datelineTag)) {
      reader.problem("datelineTag", "the tag without slashes or parentheses (datelineTagStyle adds them)", datelineTag);
    }
    const datelineTagStyle = reader.oneOf("datelineTagStyle", ["slashes", "parentheses"] as const);
    const disclaimer = reader.requiredText("disclaimer", "the disclaimer text with {site} where the site's name goes");
    if (disclaimer !== undefined) checkDisclaimer(reader, disclaimer);
    const originalLinkLabel = reader.requiredText(
      "originalLinkLabel",
      'the label for the original link, such as "View original content"',
    );
    const logo = reader.optionalText("logo");
    if (logo !== undefined && !/^\/[^/]/.test(logo) && !(isHttpUrl(logo) && logo.startsWith("https:"))) {
      reader.problem("logo", 'a site path such as "/assets/partners/x.svg" or an https:// URL', logo);
    }
    const indexing = reader.oneOf("indexing", INDEXING_POLICIES);
    const copyrightLine = reader.oneOf("copyrightLine", ["footer", "none"] as const, "none");
    const trackingPixel = reader.oneOf("trackingPixel", ["strip", "keep"] as const, "strip");
    problems.push(...reader.problems);
    if (reader.problems.length === 0) {
      partners.push({
        id: id as string,
        name: name as string,
        datelineTag: datelineTag as string,
        datelineTagStyle: datelineTagStyle as DatelineTagStyle,
        disclaimer: disclaimer as string,
        originalLinkLabel: originalLinkLabel as string,
        ...(logo === undefined ? {} : { logo }),
        indexing: indexing as IndexingPolicy,
        copyrightLine: copyrightLine ?? "none",
        trackingPixel: trackingPixel ?? "strip",
      });
    }
  });
  if (problems.length > 0) throw new ProblemsError("The partner configuration is invalid", problems);
  return partners;
}

function checkDisclaimer(reader: FieldReader, template: string): void {
  const names = [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "");
  const unknown = names.filter((name) => !KNOWN_PLACEHOLDERS.includes(name));
  if (unknown.length > 0) {
    reader.problem("disclaimer", "only the placeholders {partner} and {site}", `{${unknown[0]}}`);
  }
  if (!names.includes("site")) {
    reader.problem("disclaimer", "a {site} placeholder (the disclaimer must name the site)", template);
  }
}

/** The partner's disclaimer with the partner's and the site's names filled in (plain text). */
export function disclaimerText(partner: Pick<Partner, "name" | "disclaimer">, siteName: string): string {
  return partner.disclaimer.replace(PLACEHOLDER, (whole, name: string) =>
    name === "partner" ? partner.name : name === "site" ? siteName : whole,
  );
}
