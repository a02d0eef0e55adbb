import { createHash } from "node:crypto";

const MAX_SLUG_LENGTH = 80;
const SAFE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The one slug function: lowercase ASCII letters, digits and single hyphens, nothing else.
 * It can never produce `..`, a slash, a control character or an empty string, so a slug is
 * always safe to use as one URL path segment and one folder name.
 *
 * Accented Latin letters lose their accents; text with no Latin letters or digits at all
 * (a Chinese or Thai title) gets a stable slug derived from a hash of the text, so the same
 * title always maps to the same URL.
 */
export function slugify(text: string): string {
  const ascii = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[æÆ]/g, "ae")
    .replace(/[øØ]/g, "o")
    .replace(/[łŁ]/g, "l")
    .replace(/['’]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const trimmed = trimToWordBoundary(ascii, MAX_SLUG_LENGTH);
  if (trimmed) return trimmed;
  const digest = createHash("sha256").update(text.normalize("NFC").trim()).digest("hex");
  return `a-${digest.slice(0, 12)}`;
}

export function isSafeSlug(slug: string): boolean {
  return slug.length <= MAX_SLUG_LENGTH && SAFE_SLUG.test(slug);
}

function trimToWordBoundary(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > max / 2 ? cut.slice(0, lastHyphen) : slug.slice(0, max)).replace(/-+$/, "");
}
