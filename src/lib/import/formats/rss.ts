import {
  attribute,
  childNamed,
  childrenNamed,
  childText,
  descendantsNamed,
  rawText,
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
import { htmlToText } from "../text.ts";

/** RSS 2.0 with the extensions wires use: content, Dublin Core, Media RSS, enclosures. */
export function readRss(document: Document, input: string): ReadFeedResult {
  const channel = descendantsNamed(document, "channel")[0];
  const wire = channel ? childText(channel, "title") : undefined;
  const items = channel ? childrenNamed(channel, "item") : [];
  const language = channel ? childText(channel, "language") : undefined;
  return {
    format: "RSS 2.0",
    ...(wire ? { wire } : {}),
    items: items.map((item, index) => {
      const read = readRssItem(item, describeOrigin(input, index, childText(item, "title")));
      return language ? { ...read, language } : read;
    }),
    failures: [],
  };
}

function readRssItem(item: Element, origin: string): WireItem {
  const description = rawText(childNamed(item, "description"));
  const encoded = rawText(childNamed(item, "encoded", "content"));
  const keywords: WireKeyword[] = [
    ...childrenNamed(item, "category").flatMap((category): WireKeyword[] => {
      const value = textOf(category);
      return value ? [{ kind: "category", value }] : [];
    }),
    ...childrenNamed(item, "keyword", "dc").flatMap((keyword): WireKeyword[] => splitKeywords(textOf(keyword))),
    ...childrenNamed(item, "subject", "dc").flatMap((subject): WireKeyword[] => splitKeywords(textOf(subject))),
  ];
  const guid = childText(item, "guid") ?? childText(item, "identifier", "dc");
  const issuer = childText(item, "contributor", "dc");
  const wire = childText(item, "publisher", "dc") ?? childText(item, "creator", "dc");
  const summary = encoded && description ? htmlToText(description) : undefined;
  const fields: WireItem = {
    origin,
    keywords,
    photos: mediaPhotos(item),
  };
  assign(fields, {
    guid,
    title: childText(item, "title"),
    summary,
    // FeedBurner's `link` is its own redirect; `origLink` is the publisher's address.
    link: childText(item, "origLink") ?? childText(item, "link"),
    published: childText(item, "pubDate") ?? childText(item, "date", "dc"),
    updated: childText(item, "modified", "dc"),
    bodyHtml: encoded ?? description,
    issuer,
    wire,
  });
  return fields;
}

/** `media:content`, `media:group`, `enclosure` and (when nothing else) `media:thumbnail` photos. */
export function mediaPhotos(item: Element): WirePhoto[] {
  const photos: WirePhoto[] = [];
  const contents = [
    ...childrenNamed(item, "content", "media"),
    ...childrenNamed(item, "group", "media").flatMap((group) => childrenNamed(group, "content", "media")),
  ];
  for (const content of contents) {
    const url = attribute(content, "url");
    const medium = attribute(content, "medium") ?? "";
    const type = attribute(content, "type") ?? "";
    if (!url || (medium && medium !== "image") || (type && !type.startsWith("image/"))) continue;
    photos.push(photo(url, content, item));
  }
  for (const enclosure of childrenNamed(item, "enclosure")) {
    const url = attribute(enclosure, "url");
    const type = attribute(enclosure, "type") ?? "";
    if (url && type.startsWith("image/")) photos.push(photo(url, enclosure, item));
  }
  if (photos.length === 0) {
    const thumbnail = childNamed(item, "thumbnail", "media");
    const url = attribute(thumbnail, "url");
    if (url && thumbnail) photos.push(photo(url, thumbnail, item));
  }
  return photos;
}

function photo(url: string, node: Element, item: Element): WirePhoto {
  const result: WirePhoto = { url };
  const width = Number(attribute(node, "width"));
  const height = Number(attribute(node, "height"));
  if (width > 0) result.width = width;
  if (height > 0) result.height = height;
  // Media RSS lets the description and credit sit on the content or on the item.
  assign(result, {
    caption:
      childText(node, "description", "media") ??
      childText(node, "title", "media") ??
      (childrenNamed(item, "content", "media").length <= 1 ? childText(item, "description", "media") : undefined),
    credit: childText(node, "credit", "media") ?? childText(item, "credit", "media"),
  });
  return result;
}

function splitKeywords(text: string | undefined): WireKeyword[] {
  return (text ?? "")
    .split(/[,;]/)
    .map((value) => value.trim())
    .filter(Boolean)
    .map((value) => ({ kind: "keyword" as const, value }));
}
