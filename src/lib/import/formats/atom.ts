import {
  attribute,
  childNamed,
  childrenNamed,
  childText,
  innerMarkup,
  rawText,
  textOf,
  type Document,
  type Element,
} from "../dom.ts";
import { textContent } from "domutils";
import { htmlToText, textToHtml } from "../text.ts";
import {
  assign,
  describeOrigin,
  type ReadFeedResult,
  type WireItem,
  type WireKeyword,
  type WirePhoto,
} from "../wire-item.ts";
import { mediaPhotos } from "./rss.ts";

/** Atom 1.0 (RFC 4287), with Media RSS photos when a wire adds them. */
export function readAtom(document: Document, input: string): ReadFeedResult {
  const feed = childNamed(document, "feed") as Element;
  const wire = childText(feed, "title");
  const entries = childrenNamed(feed, "entry");
  return {
    format: "Atom 1.0",
    ...(wire ? { wire } : {}),
    items: entries.map((entry, index) => {
      const read = readEntry(entry, describeOrigin(input, index, childText(entry, "title")));
      const language = attribute(entry, "lang") ?? attribute(feed, "lang");
      return language ? { ...read, language } : read;
    }),
    failures: [],
  };
}

function readEntry(entry: Element, origin: string): WireItem {
  const links = childrenNamed(entry, "link");
  const alternate = links.find((link) => (attribute(link, "rel") ?? "alternate") === "alternate");
  const photos: WirePhoto[] = mediaPhotos(entry);
  for (const link of links) {
    const href = attribute(link, "href");
    if (attribute(link, "rel") === "enclosure" && href && (attribute(link, "type") ?? "").startsWith("image/")) {
      photos.push(assign<WirePhoto>({ url: href }, { caption: attribute(link, "title") }));
    }
  }
  const keywords = childrenNamed(entry, "category").flatMap((category): WireKeyword[] => {
    const value = attribute(category, "label") ?? attribute(category, "term");
    return value ? [{ kind: "category", value }] : [];
  });
  const content = childNamed(entry, "content");
  const summary = childNamed(entry, "summary");
  const body = content ? atomText(content) : summary ? atomText(summary) : undefined;
  const source = childNamed(entry, "source");
  const author = childNamed(entry, "author");
  const item: WireItem = { origin, keywords, photos };
  return assign(item, {
    guid: childText(entry, "id"),
    title: textOf(childNamed(entry, "title")),
    summary: content && summary ? htmlToText(atomText(summary) ?? "") : undefined,
    link: attribute(alternate, "href"),
    published: childText(entry, "published") ?? childText(entry, "updated"),
    updated: childText(entry, "published") ? childText(entry, "updated") : undefined,
    bodyHtml: body,
    issuer: author ? childText(author, "name") : undefined,
    wire: source ? childText(source, "title") : undefined,
  });
}

/** An Atom text construct as HTML: `xhtml` is markup, `html` is escaped markup, `text` is text. */
function atomText(node: Element): string | undefined {
  const type = attribute(node, "type") ?? "text";
  if (type === "xhtml") {
    const div = childNamed(node, "div");
    return div ? innerMarkup(div) : innerMarkup(node);
  }
  if (type === "html") return rawText(node);
  return textToHtml(textContent(node));
}
