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
  type WireItem,
  type WireKeyword,
  type WirePhoto,
} from "../wire-item.ts";

const KEYWORD_KINDS: Record<string, KeywordKind> = {
  industry: "industry",
  subject: "subject",
  country: "country",
  region: "region",
  category: "category",
  keyword: "keyword",
};

/**
 * NewsML 1.2 as Business Wire delivers it: `NewsItem`s whose `NewsComponent` holds
 * `NewsLines` (HeadLine, DateLine), BWKeywords metadata, and role-named sub-components for
 * the body (XHTML), the abstract and photos.
 */
export function readNewsMl1(document: Document, input: string): ReadFeedResult {
  const newsItems = descendantsNamed(document, "NewsItem");
  return {
    format: "NewsML 1.2",
    items: newsItems.map((newsItem, index) => {
      const headline = textOf(descendantsNamed(newsItem, "HeadLine")[0]);
      return readNewsItem(newsItem, describeOrigin(input, index, headline));
    }),
    failures: [],
  };
}

function readNewsItem(newsItem: Element, origin: string): WireItem {
  const identifier = descendantsNamed(newsItem, "NewsIdentifier")[0];
  const management = childNamed(newsItem, "NewsManagement");
  const newsLines = descendantsNamed(newsItem, "NewsLines")[0];
  const keywords: WireKeyword[] = [];
  for (const metadata of descendantsNamed(newsItem, "Metadata")) {
    for (const property of childrenNamed(metadata, "Property")) {
      const kind = KEYWORD_KINDS[(attribute(property, "FormalName") ?? "").toLowerCase()];
      const value = attribute(property, "Value");
      if (kind && value) keywords.push({ kind, value });
    }
  }
  for (const subject of descendantsNamed(newsItem, "Subject")) {
    const value = attribute(subject, "FormalName");
    if (value) keywords.push({ kind: "subject", value });
  }

  let bodyHtml: string | undefined;
  let summary: string | undefined;
  const photos: WirePhoto[] = [];
  for (const component of descendantsNamed(newsItem, "NewsComponent")) {
    const role = attribute(childNamed(component, "Role"), "FormalName")?.toLowerCase();
    const content = childNamed(component, "ContentItem");
    if (!role || !content) continue;
    if (role === "body" && bodyHtml === undefined) {
      const body = descendantsNamed(content, "body")[0] ?? childNamed(content, "DataContent");
      if (body) bodyHtml = innerMarkup(body);
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
  return assign(item, {
    guid:
      childText(identifier ?? newsItem, "PublicIdentifier")?.replace(/:\d+$/, "") ??
      childText(identifier ?? newsItem, "NewsItemId"),
    revision: identifier ? childText(identifier, "RevisionId") : undefined,
    title: newsLines ? childText(newsLines, "HeadLine") : undefined,
    summary: summary ?? (newsLines ? childText(newsLines, "SubHeadLine") : undefined),
    link: descendantsNamed(newsItem, "NewsComponent")
      .map((component) =>
        attribute(component, "Duid") === "source" ? attribute(childNamed(component, "ContentItem"), "Href") : undefined,
      )
      .find(Boolean),
    published: management ? childText(management, "FirstCreated") : undefined,
    updated: management ? childText(management, "ThisRevisionCreated") : undefined,
    bodyHtml,
    dateline: newsLines ? childText(newsLines, "DateLine") : undefined,
    issuer: partyName("Source") ?? partyName("Creator"),
    wire: partyName("Provider"),
  });
}
