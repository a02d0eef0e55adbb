/**
 * When two names are one company. Wires print a company's legal form ("Mirum Pharmaceuticals,
 * Inc.", "Lotus Grid Energy Co., Ltd."), editors mostly don't: a profile, an article's
 * `companies` list and the importer's issuer all match through {@link companyKey}.
 */

/** Legal forms that end a company's name, as words after punctuation is removed. */
const LEGAL_FORMS = [
  "inc",
  "incorporated",
  "corp",
  "corporation",
  "co",
  "company",
  "cos",
  "ltd",
  "limited",
  "llc",
  "llp",
  "lp",
  "plc",
  "pte",
  "pty",
  "gmbh",
  "ag",
  "se",
  "sa",
  "sas",
  "sarl",
  "spa",
  "srl",
  "nv",
  "bv",
  "oy",
  "oyj",
  "ab",
  "asa",
  "kk",
  "tbk",
  "bhd",
  "berhad",
  "sdn",
  "pcl",
  "ltda",
  "kg",
  "kgaa",
  "jsc",
  "pjsc",
  "ulc",
];
/** Longer forms, checked before the words above: "Joint Stock Company", "Public Company Limited". */
const LEGAL_PHRASES = [
  ["public", "company", "limited"],
  ["public", "limited", "company"],
  ["joint", "stock", "company"],
  ["sdn", "bhd"],
  ["sendirian", "berhad"],
  ["pte", "ltd"],
  ["pty", "ltd"],
  ["co", "ltd"],
];
const FORMS = new Set(LEGAL_FORMS);

/**
 * The name without case, accents, punctuation, a leading "The" or trailing legal forms:
 * "The Westlake Tea Cooperative" and "westlake tea cooperative" are one; "Lotus Grid Energy Co.,
 * Ltd." is "lotus grid energy". A name that is nothing but a legal form keeps it.
 */
export function companyKey(name: string): string {
  const words = companyWords(name);
  if (words[0] === "the" && words.length > 1) words.shift();
  for (let stripped = true; stripped && words.length > 1;) {
    stripped = false;
    const phrase = LEGAL_PHRASES.find(
      (form) =>
        form.length < words.length && form.every((word, index) => words[words.length - form.length + index] === word),
    );
    if (phrase) {
      words.splice(words.length - phrase.length);
      stripped = true;
    } else if (FORMS.has(words[words.length - 1] as string)) {
      words.pop();
      stripped = true;
    }
  }
  return words.join(" ");
}

/**
 * The name as written, without case, accents or punctuation: "Acme Inc." and "ACME, INC" are one
 * name, "Acme Ltd." another.
 */
export function writtenCompanyKey(name: string): string {
  return companyWords(name).join(" ");
}

function companyWords(name: string): string[] {
  return (
    name
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/&/g, " and ")
      // "S.A." and "L.L.C." are one word; other punctuation separates words.
      .replace(/\b(\p{L})\.(?=\p{L}\b)/gu, "$1")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim()
      .split(" ")
      .filter(Boolean)
  );
}

/**
 * The name as printed without its trailing legal forms, for a directory's heading:
 * "Arrow Exploration Corp." → "Arrow Exploration"; "Lotus Grid Energy Co., Ltd." → "Lotus Grid
 * Energy". A name that is nothing but legal forms is kept whole.
 */
export function nameWithoutLegalForm(name: string): string {
  const key = companyKey(name);
  // The shortest run of the printed words that is still the same company.
  for (const word of name.matchAll(/[^\s,]+/g)) {
    const prefix = name.slice(0, (word.index ?? 0) + word[0].length);
    if (companyKey(prefix) === key) return prefix.trim();
  }
  return name.trim();
}
