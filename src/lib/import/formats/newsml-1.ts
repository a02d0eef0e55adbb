import { DateTime } from "luxon";
import {
  attribute,
  childNamed,
  childrenNamed,
  childText,
  descendantsNamed,
  innerMarkup,
  textOf,
  type Document,
  type Element,
} from "../dom.ts";
import {
  assign,
  describeOrigin,
  type KeywordKind,
  type ReadFeedResult,
  type WireCompany,
  type WireItem,
  type WireKeyword,
  type WirePhoto,
} from "../wire-item.ts";
import { htmlToText } from "../text.ts";

/**
 * A metadata property's kind, from its name (`Industry`, `BWIndustryKeywords`, …). States are
 * part of the place, and tickers, exchanges, ISINs, cash tags and hashtags are identifiers:
 * none is a topic.
 */
function keywordKind(name: string): KeywordKind | undefined {
  const lower = name.toLowerCase();
  if (/state|ticker|exchange|isin|cashtag|hashtag|bwtag|slugline|profile/.test(lower)) return undefined;
  if (lower.includes("industry")) return "industry";
  if (lower.includes("country")) return "country";
  if (lower.includes("region")) return "region";
  if (lower.includes("subject")) return "subject";
  if (lower.includes("category")) return "category";
  if (lower === "keyword" || lower.endsWith("keywords")) return "keyword";
  return undefined;
}

/**
 * NewsML 1.2 as Business Wire delivers it: a `NewsEnvelope` naming the wire (`SentFrom`,
 * `NewsService`), `NewsItem`s whose outer `NewsComponent` may hold only a `CopyrightLine`
 * while the inner one holds the `NewsLines` (HeadLine, SubHeadLine, DateLine), BWKeywords
 * metadata, and role-named sub-components: the body and contacts (XHTML), the abstract,
 * photos; logos and the tweet text are not the release.
 */
export function readNewsMl1(document: Document, input: string): ReadFeedResult {
  const newsItems = descendantsNamed(document, "NewsItem");
  const envelope = descendantsNamed(document, "NewsEnvelope")[0];
  const wire = envelope
    ? (attribute(childNamed(childNamed(envelope, "SentFrom") ?? envelope, "Party"), "FormalName") ??
      attribute(childNamed(envelope, "NewsService"), "FormalName"))
    : undefined;
  const result: ReadFeedResult = {
    format: "NewsML 1.2",
    items: newsItems.map((newsItem, index) => {
      const headline = textOf(descendantsNamed(newsItem, "HeadLine")[0]);
      return readNewsItem(newsItem, describeOrigin(input, index, headline));
    }),
    failures: [],
  };
  if (wire) result.wire = wire;
  return result;
}

function readNewsItem(newsItem: Element, origin: string): WireItem {
  const identifier = descendantsNamed(newsItem, "NewsIdentifier")[0];
  const management = childNamed(newsItem, "NewsManagement");
  // The NewsLines that hold the headline: Business Wire's outer ones hold only the copyright.
  const allNewsLines = descendantsNamed(newsItem, "NewsLines");
  const newsLines = allNewsLines.find((lines) => childNamed(lines, "HeadLine")) ?? allNewsLines[0];
  const keywords: WireKeyword[] = [];
  for (const metadata of descendantsNamed(newsItem, "Metadata")) {
    for (const property of childrenNamed(metadata, "Property")) {
      const kind = keywordKind(attribute(property, "FormalName") ?? "");
      const value = attribute(property, "Value");
      if (kind && value) keywords.push({ kind, value });
    }
  }
  for (const subject of descendantsNamed(newsItem, "Subject")) {
    const value = attribute(subject, "FormalName");
    if (value) keywords.push({ kind: "subject", value });
  }

  let bodyHtml: string | undefined;
  let contactHtml: string | undefined;
  let summary: string | undefined;
  const notes: string[] = [];
  const photos: WirePhoto[] = [];
  for (const component of descendantsNamed(newsItem, "NewsComponent")) {
    const role = attribute(childNamed(component, "Role"), "FormalName")?.toLowerCase();
    const content = childNamed(component, "ContentItem");
    if (!role || !content) continue;
    const xhtml = (): string | undefined => {
      const node = descendantsNamed(content, "body")[0] ?? childNamed(content, "DataContent");
      return node ? innerMarkup(node) : undefined;
    };
    if (role === "body" && bodyHtml === undefined) {
      bodyHtml = xhtml();
    } else if (role === "contact" && contactHtml === undefined) {
      contactHtml = xhtml();
    } else if (role === "tweettext") {
      notes.push("left out the wire's suggested tweet (not part of the release)");
    } else if (role === "abstract" && summary === undefined) {
      summary = textOf(childNamed(content, "DataContent"));
    } else if (role === "photo") {
      const href = attribute(content, "Href");
      const caption = descendantsNamed(component, "NewsComponent")
        .filter((child) => attribute(childNamed(child, "Role"), "FormalName")?.toLowerCase() === "caption")
        .map((child) => textOf(descendantsNamed(child, "DataContent")[0]))[0];
      if (href)
        photos.push(
          assign<WirePhoto>({ url: href }, { caption, credit: textOf(descendantsNamed(component, "Credit")[0]) }),
        );
    }
  }

  const administrative = descendantsNamed(newsItem, "AdministrativeMetadata")[0];
  const partyName = (holder: string): string | undefined => {
    const node = administrative ? childNamed(administrative, holder) : undefined;
    return node ? attribute(childNamed(node, "Party"), "FormalName") : undefined;
  };
  const item: WireItem = { origin, keywords, photos };
  const company = companyOf(newsItem, contactHtml);
  if (company) {
    item.company = company;
    if (company.listings.length > 0 || company.isin)
      notes.push(
        `left the listing (${[
          ...company.listings.map((listing) => `${listing.exchange}: ${listing.symbol}`),
          ...(company.isin ? [`ISIN ${company.isin}`] : []),
        ].join(", ")}) out of the article: it belongs to the company's profile`,
      );
  }
  if (contactHtml) {
    notes.push('added the release\'s Contact component at the end of the body, under "Contacts"');
    bodyHtml = `${bodyHtml ?? ""}<h3>Contacts</h3>${contactHtml}`;
  }
  if (notes.length > 0) item.notes = notes;
  const published = management ? childText(management, "FirstCreated") : undefined;
  const status = attribute(childNamed(management ?? newsItem, "Status"), "FormalName");
  if (status && /^(?:canceled|cancelled|kill(?:ed)?)$/i.test(status))
    item.status = { kind: "canceled", said: `Status ${status}` };
  else if (status && /^withheld$/i.test(status)) item.status = { kind: "withheld", said: `Status ${status}` };
  const language = attribute(descendantsNamed(newsItem, "Language")[0], "FormalName");
  return assign(item, {
    guid:
      childText(identifier ?? newsItem, "PublicIdentifier")?.replace(/:\d+$/, "") ??
      childText(identifier ?? newsItem, "NewsItemId"),
    revision: identifier ? childText(identifier, "RevisionId") : undefined,
    title: newsLines ? childText(newsLines, "HeadLine") : undefined,
    summary: (newsLines ? childText(newsLines, "SubHeadLine") : undefined) ?? summary,
    link: descendantsNamed(newsItem, "NewsComponent")
      .map((component) =>
        attribute(component, "Duid") === "source" ? attribute(childNamed(component, "ContentItem"), "Href") : undefined,
      )
      .find(Boolean),
    published: published && releaseDay(published, identifier ? childText(identifier, "NewsItemId") : undefined),
    updated: management ? childText(management, "ThisRevisionCreated") : undefined,
    bodyHtml,
    dateline: newsLines ? childText(newsLines, "DateLine") : undefined,
    copyright: textOf(descendantsNamed(newsItem, "CopyrightLine")[0]),
    language,
    issuer: partyName("Source") ?? partyName("Creator"),
    wire: partyName("Provider"),
  });
}

/**
 * Business Wire's `NewsItemId` starts with the release's date in its newsroom's zone (US
 * Eastern): `20210130005024` went out on Jan. 30 although `FirstCreated` says 02:41 UTC on
 * Jan. 31. The time is written in that zone when it falls on that date, so the dateline prints
 * the date the wire printed.
 */
function releaseDay(published: string, newsItemId: string | undefined): string {
  const day = /^(\d{4})(\d{2})(\d{2})\d{6}$/.exec(newsItemId ?? "");
  const time = DateTime.fromFormat(published.trim(), "yyyyMMdd'T'HHmmssZZZ", { setZone: true });
  if (!day || !time.isValid) return published;
  const eastern = time.setZone(BUSINESS_WIRE_ZONE);
  const sameDay = eastern.toFormat("yyyyMMdd") === `${day[1]}${day[2]}${day[3]}`;
  return sameDay && eastern.toFormat("yyyyMMdd") !== time.toFormat("yyyyMMdd")
    ? (eastern.toISO() ?? published)
    : published;
}

const BUSINESS_WIRE_ZONE = "America/New_York";

/**
 * What the release says about its issuer: the Securities Identifier metadata (ticker, exchange,
 * ISIN), the Logo component (its largest rendition, and its click-through URL, the company's
 * website), the social media profiles and the Contact component's name and email.
 */
function companyOf(newsItem: Element, contactHtml: string | undefined): WireCompany | undefined {
  const securities = new Map<string, string>();
  const social: string[] = [];
  for (const metadata of descendantsNamed(newsItem, "Metadata")) {
    const type = attribute(childNamed(metadata, "MetadataType"), "FormalName") ?? "";
    for (const property of childrenNamed(metadata, "Property")) {
      const name = (attribute(property, "FormalName") ?? "").toLowerCase();
      const value = attribute(property, "Value");
      if (/securit/i.test(type) && value && !securities.has(name)) securities.set(name, value);
      const profile = attribute(property, "ValueRef");
      if (/socialmedia/i.test(type) && name === "profile" && profile && /^https?:\/\//i.test(profile)) {
        if (!social.some((known) => sameUrl(known, profile))) social.push(profile);
      }
    }
  }
  const ticker = securities.get("ticker symbol");
  const exchange = securities.get("exchange");
  const company: WireCompany = {
    listings: ticker && exchange ? [{ exchange, symbol: ticker }] : [],
    social,
  };
  const isin = securities.get("isin");
  if (isin) company.isin = isin;
  const logo = descendantsNamed(newsItem, "NewsComponent").find(
    (component) => attribute(childNamed(component, "Role"), "FormalName")?.toLowerCase() === "logo",
  );
  if (logo) {
    const renditions = childrenNamed(logo, "ContentItem")
      .map((content) => ({
        href: attribute(content, "Href"),
        width: Number(
          attribute(
            descendantsNamed(content, "Property").find(
              (property) => attribute(property, "FormalName") === "PixelWidth",
            ),
            "Value",
          ) ?? 0,
        ),
      }))
      // Checked where it is fetched, like a photo: an http(s) URL, or a file beside the feed.
      .filter((rendition) => rendition.href);
    const largest = renditions.sort((a, b) => b.width - a.width)[0];
    if (largest?.href) company.logo = largest.href;
    const clickThrough = descendantsNamed(logo, "NewsLine").find((line) =>
      /click ?thru|click ?through/i.test(attribute(childNamed(line, "NewsLineType"), "FormalName") ?? ""),
    );
    const website = clickThrough ? childText(clickThrough, "NewsLineText") : undefined;
    if (website && /^https?:\/\//i.test(website)) company.website = website;
  }
  if (contactHtml) {
    const email = /href="mailto:([^"?]+)/i.exec(contactHtml)?.[1];
    const name = contactHtml
      .split(/<br\s*\/?>|<\/p>|<\/div>/i)
      .map(htmlToText)
      .find((line) => line && !line.includes("@"));
    const contact: NonNullable<WireCompany["contact"]> = {};
    if (name) contact.name = name;
    if (email) contact.email = email.trim();
    if (contact.name || contact.email) company.contact = contact;
  }
  const empty = !company.listings.length && !company.isin && !company.logo && !company.website && !social.length;
  return empty && !company.contact ? undefined : company;
}

/** Two links to one page: `http`/`https`, `www.` and a trailing slash don't matter. */
function sameUrl(a: string, b: string): boolean {
  const plain = (url: string) =>
    url
      .toLowerCase()
      .replace(/^https?:\/\/(?:www\.)?/, "")
      .replace(/\/+$/, "");
  return plain(a) === plain(b);
}
