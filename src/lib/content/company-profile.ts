import { FieldReader, isHttpUrl, isPlainRecord } from "../core/fields.ts";
import type { Problem } from "../core/problems.ts";

/**
 * A company's profile: one Markdown file per company in the companies folder
 * (`src/data/companies/<slug>.md`), its fields in front matter and its description as the body.
 * Validated like an article: every problem names the file, the field, what was expected and
 * what was found, and unknown fields are refused.
 */
export interface CompanyProfileFields {
  name: string;
  /** The registered name with its legal form: "Northpine Robotics Inc.". */
  legalName?: string;
  /** Other names the wires print for it ("Northpine"); legal forms need no alias. */
  aliases: string[];
  /** A raster image beside the profile, checked and rendered like an article's photos. */
  logo?: string;
  website?: string;
  headquarters?: { city?: string; country: string };
  industries: string[];
  /** The year it was founded, as written: "2014". */
  founded?: string;
  /** Where its shares trade (schema.org `tickerSymbol`: "NASDAQ: NPR"). */
  listings: Array<{ exchange: string; symbol: string }>;
  isin?: string;
  /** Its own pages elsewhere (schema.org `sameAs`). */
  social: string[];
  contact?: { name?: string; email?: string; phone?: string; url?: string };
  /** Written by the importer from a release's metadata and not yet checked by an editor. */
  review: boolean;
}

/** The profile's fields, in the order the importer writes them. */
export const PROFILE_FIELDS = [
  "name",
  "legalName",
  "aliases",
  "logo",
  "website",
  "headquarters",
  "industries",
  "founded",
  "listings",
  "isin",
  "social",
  "contact",
  "review",
  "imported",
];
const HEADQUARTERS_FIELDS = ["city", "country"];
const LISTING_FIELDS = ["exchange", "symbol"];
const CONTACT_FIELDS = ["name", "email", "phone", "url"];
const IMPORTED_FIELDS = ["hash", "release"];

const URL_EXPECTED = "an http:// or https:// URL";
const EMAIL = /^[^\s@<>"]+@[^\s@<>".]+(?:\.[^\s@<>".]+)+$/;
const PHONE = /^\+?[0-9 ().\-/]{5,30}(?:\s*(?:ext\.?|x)\s*[0-9]{1,6})?$/i;
const LOGO_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(?:png|jpe?g|webp|avif|gif)$/i;

/** Validates a profile's parsed front matter; returns its fields or every problem found. */
export function validateCompanyProfile(data: Record<string, unknown>, file: string): CompanyProfileFields | Problem[] {
  const reader = new FieldReader(file, data);
  const nested: Problem[] = [];
  reader.rejectUnknown(PROFILE_FIELDS);

  const name = reader.requiredText(
    "name",
    'the company\'s name as the directory shows it, such as "Northpine Robotics"',
  );
  const legalName = reader.optionalText("legalName", 'the registered name, such as "Northpine Robotics Inc."');
  const aliases = reader.optionalTextList("aliases") ?? [];
  const logo = reader.optionalText("logo", "the file name of a PNG, JPEG or WebP logo beside the profile");
  if (logo !== undefined && !LOGO_FILE.test(logo))
    reader.problem(
      "logo",
      "the file name of a PNG, JPEG, WebP, AVIF or GIF logo beside the profile (no folders)",
      logo,
    );
  const website = readUrl(reader, "website");
  const industries = reader.optionalTextList("industries") ?? [];
  const founded = reader.optionalText("founded", "the year it was founded, such as 2014");
  if (founded !== undefined && !/^[12][0-9]{3}$/.test(founded))
    reader.problem("founded", "the year it was founded, such as 2014", founded);
  const isin = reader.optionalText("isin", "a 12-character ISIN such as US0378331005");
  if (isin !== undefined && !isValidIsin(isin))
    reader.problem("isin", "a 12-character ISIN with a valid check digit, such as US0378331005", isin);
  const social = reader.optionalTextList("social") ?? [];
  social.forEach((url, index) => {
    if (!isHttpUrl(url)) reader.problem(`social[${index}]`, URL_EXPECTED, url);
  });
  const review = reader.optionalBoolean("review") ?? false;

  let headquarters: CompanyProfileFields["headquarters"];
  const place = reader.raw("headquarters");
  if (place !== undefined && place !== null) {
    if (isPlainRecord(place)) {
      const sub = new FieldReader(file, place, "headquarters");
      sub.rejectUnknown(HEADQUARTERS_FIELDS);
      const country = sub.requiredText("country", 'the country\'s name, such as "Canada"');
      const city = sub.optionalText("city", 'the city, such as "Vancouver"');
      nested.push(...sub.problems);
      if (country !== undefined) headquarters = { country, ...(city === undefined ? {} : { city }) };
    } else {
      reader.problem("headquarters", "a mapping with `country` (and optionally `city`)", place);
    }
  }

  const listings: CompanyProfileFields["listings"] = [];
  const listingsValue = reader.raw("listings");
  if (listingsValue !== undefined && listingsValue !== null) {
    if (Array.isArray(listingsValue)) {
      listingsValue.forEach((entry, index) => {
        const field = `listings[${index}]`;
        if (!isPlainRecord(entry)) {
          reader.problem(
            field,
            "a mapping with `exchange` and `symbol`, such as { exchange: NASDAQ, symbol: NPR }",
            entry,
          );
          return;
        }
        const sub = new FieldReader(file, entry, field);
        sub.rejectUnknown(LISTING_FIELDS);
        const exchange = sub.requiredText("exchange", 'the exchange, such as "NASDAQ"');
        const symbol = sub.requiredText("symbol", 'the ticker symbol, such as "NPR"');
        if (symbol !== undefined && /\s/.test(symbol)) sub.problem("symbol", "a ticker symbol without spaces", symbol);
        nested.push(...sub.problems);
        if (exchange !== undefined && symbol !== undefined && !/\s/.test(symbol)) listings.push({ exchange, symbol });
      });
    } else {
      reader.problem("listings", "a list of `{ exchange, symbol }` mappings", listingsValue);
    }
  }

  let contact: CompanyProfileFields["contact"];
  const contactValue = reader.raw("contact");
  if (contactValue !== undefined && contactValue !== null) {
    if (isPlainRecord(contactValue)) {
      const sub = new FieldReader(file, contactValue, "contact");
      sub.rejectUnknown(CONTACT_FIELDS);
      const contactName = sub.optionalText("name", "the media contact's name or team");
      const email = sub.optionalText("email", "an email address");
      if (email !== undefined && !EMAIL.test(email))
        sub.problem("email", "an email address such as press@example.com", email);
      const phone = sub.optionalText("phone", "a phone number");
      if (phone !== undefined && !PHONE.test(phone))
        sub.problem("phone", "a phone number such as +1 604 555 0100", phone);
      const url = readUrl(sub, "url");
      const given = [contactName, email, phone, url].filter((value) => value !== undefined);
      if (given.length === 0 && Object.keys(contactValue).length === 0)
        reader.problem("contact", "a mapping with at least one of `name`, `email`, `phone`, `url`", contactValue);
      nested.push(...sub.problems);
      if (given.length > 0)
        contact = {
          ...(contactName === undefined ? {} : { name: contactName }),
          ...(email === undefined || !EMAIL.test(email) ? {} : { email }),
          ...(phone === undefined || !PHONE.test(phone) ? {} : { phone }),
          ...(url === undefined ? {} : { url }),
        };
    } else {
      reader.problem("contact", "a mapping with `name`, `email`, `phone` or `url`", contactValue);
    }
  }

  // Written by `npm run import` to notice an editor's changes; never shown.
  const imported = reader.raw("imported");
  if (imported !== undefined && imported !== null) {
    if (isPlainRecord(imported)) {
      const sub = new FieldReader(file, imported, "imported");
      sub.rejectUnknown(IMPORTED_FIELDS);
      const hash = sub.requiredText("hash", "the importer's `sha256-…` hash of the file");
      if (hash !== undefined && !/^sha256-[0-9a-f]{64}$/.test(hash))
        sub.problem("hash", "the importer's `sha256-…` hash of the file", hash);
      sub.optionalText("release", "the release the profile was made from");
      nested.push(...sub.problems);
    } else {
      reader.problem("imported", "the mapping `npm run import` writes (`hash`, `release`)", imported);
    }
  }

  const problems = [...reader.problems, ...nested];
  if (problems.length > 0 || name === undefined) return problems;
  return {
    name,
    ...(legalName === undefined ? {} : { legalName }),
    aliases,
    ...(logo === undefined ? {} : { logo }),
    ...(website === undefined ? {} : { website }),
    ...(headquarters === undefined ? {} : { headquarters }),
    industries,
    ...(founded === undefined ? {} : { founded }),
    listings,
    ...(isin === undefined ? {} : { isin }),
    social,
    ...(contact === undefined ? {} : { contact }),
    review,
  };
}

function readUrl(reader: FieldReader, name: string): string | undefined {
  const url = reader.optionalText(name, URL_EXPECTED);
  if (url === undefined) return undefined;
  if (isHttpUrl(url)) return url;
  reader.problem(name, URL_EXPECTED, url);
  return undefined;
}

/**
 * An ISIN: country letters, nine letters or digits, and a check digit (ISO 6166: letters become
 * two digits, A = 10, then the Luhn sum).
 */
export function isValidIsin(isin: string): boolean {
  if (!/^[A-Z]{2}[A-Z0-9]{9}[0-9]$/.test(isin)) return false;
  const digits = [...isin].map((char) => (/[0-9]/.test(char) ? char : String(char.charCodeAt(0) - 55))).join("");
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
