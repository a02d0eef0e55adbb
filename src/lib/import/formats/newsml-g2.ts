import {
  attribute,
  childNamed,
  childrenNamed,
  childText,
  descendantsNamed,
  innerMarkup,
  rawText,
  textOf,
  type Document,
  type Element,
} from "../dom.ts";
import {
  assign,
  describeOrigin,
  type ReadFeedResult,
  type WireCompany,
  type WireItem,
  type WireKeyword,
  type WirePhoto,
} from "../wire-item.ts";
import { escapeHtml } from "../../core/html.ts";

/**
 * NewsML-G2 news items as GlobeNewswire, ANSA and others deliver them: a `newsMessage` holding
 * `newsItem`s (or one `newsItem` alone) with `itemMeta`, `contentMeta` and the body as XHTML in
 * `inlineXML` or as plain text in `inlineData`. Subject names may be paths
 * (`Energy and Utilities\Utilities`): each level is a keyword. Keywords whose role marks a
 * ticker (`MWKeyRole:Ticker`) are identifiers, not topics.
 */
export function readNewsMlG2(document: Document, input: string): ReadFeedResult {
  const items = descendantsNamed(document, "newsItem");
  const header = descendantsNamed(document, "header")[0];
  const wire = header ? (attribute(childNamed(header, "sender"), "literal") ?? childText(header, "sender")) : undefined;
  const result: ReadFeedResult = { format: "NewsML-G2", items: [], failures: [] };
  if (wire) result.wire = wire;
  items.forEach((newsItem, index) => {
    const contentMeta = childNamed(newsItem, "contentMeta");
    const headline = contentMeta ? childText(contentMeta, "headline") : undefined;
    const origin = describeOrigin(input, index, headline);
    const itemClass =
      attribute(childNamed(childNamed(newsItem, "itemMeta") ?? newsItem, "itemClass"), "qcode") ?? "ninat:text";
    if (!itemClass.endsWith(":text")) return; // picture items are read through the text item's links
    const pubStatus = attribute(childNamed(childNamed(newsItem, "itemMeta") ?? newsItem, "pubStatus"), "qcode");
    const read = readNewsItem(newsItem, origin);
    if (pubStatus && /:(?:canceled|cancelled)$/i.test(pubStatus)) read.status = { kind: "canceled", said: pubStatus };
    else if (pubStatus && /:withheld$/i.test(pubStatus)) read.status = { kind: "withheld", said: pubStatus };
    else if (pubStatus && !pubStatus.endsWith(":usable")) {
      result.failures.push({ origin, reason: `the wire marked it ${pubStatus} (not usable): not imported` });
      return;
    }
    result.items.push(read);
  });
  return result;
}

function readNewsItem(newsItem: Element, origin: string): WireItem {
  const itemMeta = childNamed(newsItem, "itemMeta");
  const contentMeta = childNamed(newsItem, "contentMeta");
  const keywords: WireKeyword[] = [];
  let issuer: string | undefined;
  for (const subject of contentMeta ? childrenNamed(contentMeta, "subject") : []) {
    const name = childText(subject, "name") ?? attribute(subject, "literal");
    if (!name) continue;
    const type = attribute(subject, "type") ?? "";
    if (type.endsWith("organisation") || type.endsWith("organization")) {
      issuer ??= name;
      keywords.push({ kind: "organisation", value: name });
      continue;
    }
    // ANSA's category codes and a subcategory repeating the headline are routing, not topics.
    if (/cptype:(?:cat|subcat)$/.test(type)) continue;
    const kind = /industry/i.test(attribute(subject, "qcode") ?? "") ? "industry" : "subject";
    for (const level of name.split("\\").map((part) => part.trim())) {
      if (level && !keywords.some((keyword) => keyword.kind === kind && keyword.value === level))
        keywords.push({ kind, value: level });
    }
  }
  for (const keyword of contentMeta ? childrenNamed(contentMeta, "keyword") : []) {
    const value = textOf(keyword);
    if (value && !/ticker|symbol|isin/i.test(attribute(keyword, "role") ?? ""))
      keywords.push({ kind: "keyword", value });
  }

  const located = contentMeta ? childNamed(contentMeta, "located") : undefined;
  const country = located
    ? childrenNamed(located, "broader").find((broader) => /country/i.test(attribute(broader, "type") ?? ""))
    : undefined;
  // `located literal="Ottawa, ON, Canada"`: the city first, the country last.
  const placeParts = (attribute(located, "literal") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const abstract = contentMeta
    ? childrenNamed(contentMeta, "description").find((description) =>
        /abstract|summary/i.test(attribute(description, "role") ?? "drol:summary"),
      )
    : undefined;
  const body = descendantsNamed(newsItem, "inlineXML")[0];
  const htmlBody = body ? (descendantsNamed(body, "body")[0] ?? body) : undefined;
  const plainBody = body ? undefined : descendantsNamed(newsItem, "inlineData")[0];
  const link = itemMeta
    ? childrenNamed(itemMeta, "link")
        .map((node) => attribute(node, "href"))
        .find((href) => href !== undefined && /^https?:/i.test(href))
    : undefined;
  const photos: WirePhoto[] = [];
  for (const remote of descendantsNamed(newsItem, "remoteContent")) {
    const href = attribute(remote, "href");
    if (href && (attribute(remote, "contenttype") ?? "").startsWith("image/")) photos.push({ url: href });
  }

  const item: WireItem = { origin, keywords, photos };
  const company = companyOf(newsItem, contentMeta, issuer);
  if (company) item.company = company;
  const rights = childNamed(newsItem, "rightsInfo");
  const locatedFields: WireItem["located"] = {};
  assign(locatedFields, {
    city: (located ? childText(located, "name") : undefined) ?? placeParts[0],
    country:
      (country ? childText(country, "name") : undefined) ?? (placeParts.length > 1 ? placeParts.at(-1) : undefined),
  });
  const headlines = contentMeta ? childrenNamed(contentMeta, "headline") : [];
  const mainHeadline = headlines.find((headline) => !/sub/i.test(attribute(headline, "role") ?? "")) ?? headlines[0];
  const subHeadline = headlines.find((headline) => /sub/i.test(attribute(headline, "role") ?? ""));
  return assign(item, {
    guid: attribute(newsItem, "guid"),
    revision: attribute(newsItem, "version"),
    language: attribute(childNamed(contentMeta ?? newsItem, "language"), "tag") ?? attribute(newsItem, "lang"),
    title: textOf(mainHeadline),
    copyright: rights
      ? (textOf(childNamed(rights, "copyrightNotice")) ??
        attribute(childNamed(rights, "copyrightHolder"), "literal") ??
        childText(childNamed(rights, "copyrightHolder") ?? rights, "name"))
      : undefined,
    summary: textOf(abstract) ?? textOf(subHeadline),
    link,
    published: itemMeta ? (childText(itemMeta, "firstCreated") ?? childText(itemMeta, "versionCreated")) : undefined,
    updated: itemMeta ? childText(itemMeta, "versionCreated") : undefined,
    bodyHtml: htmlBody ? innerMarkup(htmlBody) : plainBody ? plainTextBody(rawText(plainBody) ?? "") : undefined,
    located: Object.keys(locatedFields).length ? locatedFields : undefined,
    issuer: issuer ?? (rights ? childText(childNamed(rights, "copyrightHolder") ?? rights, "name") : undefined),
    wire: itemMeta ? attribute(childNamed(itemMeta, "provider"), "literal") : undefined,
  });
}

/**
 * What the item says about its issuer: ticker keywords (`TSX VENTURE:AXL`), and the `assert`
 * about the issuer with its ISIN (`related qcode="ISIN:…"`) and logo (`remoteInfo`, an image).
 */
function companyOf(
  newsItem: Element,
  contentMeta: Element | undefined,
  issuer: string | undefined,
): WireCompany | undefined {
  const listings: WireCompany["listings"] = [];
  for (const keyword of contentMeta ? childrenNamed(contentMeta, "keyword") : []) {
    if (!/ticker|symbol/i.test(attribute(keyword, "role") ?? "")) continue;
    const ticker = /^\s*([^:]+?)\s*:\s*(\S+)\s*$/.exec(textOf(keyword) ?? "");
    if (ticker && !listings.some((listing) => listing.symbol === ticker[2] && listing.exchange === ticker[1]))
      listings.push({ exchange: ticker[1]!, symbol: ticker[2]! });
  }
  const assertion = childrenNamed(newsItem, "assert").find(
    (candidate) => issuer !== undefined && (attribute(candidate, "literal") ?? childText(candidate, "name")) === issuer,
  );
  const company: WireCompany = { listings, social: [] };
  if (assertion) {
    const isin = descendantsNamed(assertion, "related")
      .map((related) => /^ISIN:([A-Z0-9]{12})$/i.exec(attribute(related, "qcode") ?? "")?.[1])
      .find(Boolean);
    if (isin) company.isin = isin.toUpperCase();
    const logo = descendantsNamed(assertion, "remoteInfo").find((remote) =>
      (attribute(remote, "contenttype") ?? "").startsWith("image/"),
    );
    // Checked where it is fetched, like a photo: an http(s) URL, or a file beside the feed.
    const href = attribute(logo, "href");
    if (href) company.logo = href;
  }
  return company.listings.length > 0 || company.isin || company.logo ? company : undefined;
}

/**
 * `inlineData` as text: plain text (ANSA sends it wrapped in one literal `<p>`) whose
 * paragraphs start on a new, indented line or after a blank line; lines within one are joined.
 */
export function plainTextBody(text: string): string {
  const unwrapped = text
    .trim()
    .replace(/^<p>\s*/i, "")
    .replace(/\s*<\/p>$/i, "");
  return unwrapped
    .split(/\n(?:[ \t]*\n|[ \t]{2,}(?=\S))/)
    .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join("\n");
}
