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
  type ReadFeedResult,
  type WireItem,
  type WireKeyword,
  type WirePhoto,
} from "../wire-item.ts";

/**
 * NewsML-G2 news items as GlobeNewswire delivers them: a `newsMessage` holding `newsItem`s
 * (or one `newsItem` alone) with `itemMeta`, `contentMeta` and an XHTML body in `inlineXML`.
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
    if (pubStatus && !pubStatus.endsWith(":usable")) {
      result.failures.push({ origin, reason: `the wire marked it ${pubStatus} (not usable): not imported` });
      return;
    }
    result.items.push(readNewsItem(newsItem, origin));
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
    } else if (/industry/i.test(attribute(subject, "qcode") ?? "")) {
      keywords.push({ kind: "industry", value: name });
    } else {
      keywords.push({ kind: "subject", value: name });
    }
  }
  for (const keyword of contentMeta ? childrenNamed(contentMeta, "keyword") : []) {
    const value = textOf(keyword);
    if (value) keywords.push({ kind: "keyword", value });
  }

  const located = contentMeta ? childNamed(contentMeta, "located") : undefined;
  const country = located
    ? childrenNamed(located, "broader").find((broader) => /country/i.test(attribute(broader, "type") ?? ""))
    : undefined;
  const abstract = contentMeta
    ? childrenNamed(contentMeta, "description").find((description) =>
        /abstract|summary/i.test(attribute(description, "role") ?? "drol:summary"),
      )
    : undefined;
  const body = descendantsNamed(newsItem, "inlineXML")[0];
  const htmlBody = body ? (descendantsNamed(body, "body")[0] ?? body) : undefined;
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
  const rights = childNamed(newsItem, "rightsInfo");
  const locatedFields: WireItem["located"] = {};
  assign(locatedFields, {
    city: located ? childText(located, "name") : undefined,
    country: country ? childText(country, "name") : undefined,
  });
  return assign(item, {
    guid: attribute(newsItem, "guid"),
    revision: attribute(newsItem, "version"),
    title: contentMeta ? childText(contentMeta, "headline") : undefined,
    summary: textOf(abstract),
    link,
    published: itemMeta ? (childText(itemMeta, "firstCreated") ?? childText(itemMeta, "versionCreated")) : undefined,
    updated: itemMeta ? childText(itemMeta, "versionCreated") : undefined,
    bodyHtml: htmlBody ? innerMarkup(htmlBody) : undefined,
    located: Object.keys(locatedFields).length ? locatedFields : undefined,
    issuer: issuer ?? (rights ? childText(childNamed(rights, "copyrightHolder") ?? rights, "name") : undefined),
    wire: itemMeta ? attribute(childNamed(itemMeta, "provider"), "literal") : undefined,
  });
}
