/**
 * One release as a format reader found it, before any cleaning: every reader (RSS, Atom,
 * NewsML-G2, NewsML 1.2, pasted HTML or text) produces these, and one shared step
 * (`release.ts`) turns them into articles.
 */
export interface WirePhoto {
  /** http(s) URL, or a path relative to the input file. */
  url: string;
  caption?: string;
  credit?: string;
  alt?: string;
  /** Pixel size when the feed gives it (Media RSS `width`/`height`): a 1×1 is a tracker. */
  width?: number;
  height?: number;
}

export type KeywordKind = "category" | "industry" | "subject" | "keyword" | "country" | "region" | "organisation";

export interface WireKeyword {
  kind: KeywordKind;
  value: string;
}

/** What a release says about its issuer beyond its name: the makings of a company profile. */
export interface WireCompany {
  listings: Array<{ exchange: string; symbol: string }>;
  isin?: string;
  /** The company's logo as the wire links it (a URL, or a path beside the feed). */
  logo?: string;
  website?: string;
  /** Its pages elsewhere (social networks). */
  social: string[];
  contact?: { name?: string; email?: string };
}

export interface WireItem {
  /** Where the item came from, for messages: `feed.xml, item 3 ("Headline…")`. */
  origin: string;
  guid?: string;
  /** The wire's revision number or version, when it sends one. */
  revision?: string;
  title?: string;
  summary?: string;
  link?: string;
  /** Publication time as the feed wrote it (RFC 822 or ISO 8601). */
  published?: string;
  updated?: string;
  /** The release body as HTML (from a feed's HTML text or an XHTML body). */
  bodyHtml?: string;
  /** A separate dateline element (NewsML 1.2 `DateLine`), when the format has one. */
  dateline?: string;
  /** Where the release was written, when the format says so (NewsML-G2 `located`). */
  located?: { city?: string; country?: string };
  issuer?: string;
  /** The issuer's listings, logo, website and so on, when the format carries them. */
  company?: WireCompany;
  /** The wire named by the feed itself (publisher, provider, creator): a partner hint. */
  wire?: string;
  /** Original publisher, for the source line, when the format names it. */
  sourceName?: string;
  keywords: WireKeyword[];
  photos: WirePhoto[];
  /** The wire's copyright line (NewsML 1.2 `CopyrightLine`, NewsML-G2 `rightsInfo`). */
  copyright?: string;
  /** The language the feed says the release is in (`fr`, `en-US`), when it says. */
  language?: string;
  /**
   * The wire's kill or hold: `canceled` (IPTC stat:canceled, Business Wire Status Canceled)
   * must never be used; `withheld` not until a usable version arrives. Absent: usable.
   */
  status?: { kind: "canceled" | "withheld"; said: string };
  /** Why the reader found no headline, when it knows (a paste that starts with its dateline). */
  headlineMissing?: string;
  /** What the reader left out or moved, for the item's report. */
  notes?: string[];
}

/** What a format reader returns: the items it could read and the ones it could not. */
export interface ReadFeedResult {
  format: string;
  items: WireItem[];
  failures: { origin: string; reason: string }[];
  /** The feed's own title or provider, a partner hint for every item. */
  wire?: string;
}

export function describeOrigin(input: string, index: number, title: string | undefined): string {
  const short = title && title.length > 60 ? `${title.slice(0, 60)}…` : title;
  return `${input}, item ${index + 1}${short ? ` (${JSON.stringify(short)})` : ""}`;
}

/** Copies only the defined values, so optional fields stay absent rather than `undefined`. */
export function assign<T extends object>(target: T, values: { [K in keyof T]?: T[K] | undefined }): T {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== "") (target as Record<string, unknown>)[key] = value;
  }
  return target;
}
