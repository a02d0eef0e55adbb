import { Element, Text, isTag, isText, type AnyNode } from "domhandler";
import { removeElement, textContent } from "domutils";
import { IMPORT_CONTAINERS, importPolicy, sanitizeWithPolicy } from "../content/html-policy.ts";
import type { Partner } from "../config/partners.ts";
import { collapse, descendantsNamed, parseHtml } from "./dom.ts";
import { matchDateline, type Dateline } from "./dateline.ts";
import { blockToMarkdown, isBlock } from "./markdown-writer.ts";
import { comparable } from "./text.ts";
import type { WirePhoto } from "./wire-item.ts";

/**
 * The body of an imported release: untrusted HTML in, clean Markdown out, with the parts
 * the page draws from front matter taken out (dateline, photos, source line, original link,
 * disclaimer) and page chrome dropped. Every removal is listed in `notes`.
 */
export interface CleanBody {
  markdown: string;
  dateline?: Dateline;
  /** Sub-headlines printed before the dateline: a summary when the feed has none. */
  lead?: string;
  /** The text of the body's first paragraphs, to tell a summary that only repeats them. */
  openingTexts: string[];
  photos: WirePhoto[];
  source?: { name: string; title?: string; url?: string };
  originalUrl?: string;
  /** From PR Newswire's closing `SOURCE Company` line. */
  issuer?: string;
  /** Correction notices printed above the dateline ("corrects and replaces…"): the release's corrections. */
  correctionNotices: string[];
  /** The wire's tracking pixels found in the body (dropped; a partner may keep the first). */
  trackingPixels: string[];
  notes: string[];
}

export interface BodyContext {
  /** Resolves relative links (the item's link, or the feed's URL). */
  baseUrl?: string;
  /** Resolves relative photo paths of a fetched feed; a local feed's stay relative to its folder. */
  photoBaseUrl?: string;
  partners: readonly Partner[];
  /** Captions already known from the feed: a paragraph repeating one is dropped. */
  captions: readonly string[];
  /** The headline: printed again above the dateline, it is dropped. */
  title?: string;
  /** The language the feed names: decides between languages sharing a month's name. */
  language?: string;
}

/** How far into the body a dateline is looked for: notices and sub-headlines may come first. */
const DATELINE_WITHIN_BLOCKS = 12;

const CONTAINERS = new Set(IMPORT_CONTAINERS);
const IMPORT_POLICY = importPolicy();

const ORIGINAL_LINK_LABELS = [
  "original link",
  "original release",
  "original article",
  "view original content to download multimedia",
  "view original content",
  "view source version on businesswire.com",
  "view source version",
  "read the original",
];

const SOCIAL =
  "share|share this|share this article|share this story|share this release|share this page|tweet|print|email|e-mail|facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|weibo|wechat|copy link|copy|send|save";
const CHROME: RegExp[] = [
  new RegExp(`^(?:(?:${SOCIAL})[\\s|,/·•:]*)+$`),
  /^(?:sign in|log in|login|sign up|register|subscribe|create (?:a free |an )?account)(?:\s*(?:or|\/|\||,|and)\s*(?:sign in|log in|sign up|register|subscribe|create (?:a free |an )?account))*(?: (?:to|for) .{0,80})?[.!]?$/,
  /^(?:forgot (?:your )?password|reset (?:your )?password|password reset|remember me|not a member\??.{0,60}|already have an account\??.{0,60})\??$/,
  /^(?:advertisement|sponsored|related (?:news|articles|stories|releases)|read more|back to top|more news|latest news|follow us.{0,60}|subscribe to .{0,80})$/,
];

export function cleanReleaseBody(html: string, context: BodyContext): CleanBody {
  const notes: string[] = [];
  const document = parseHtml(sanitizeWithPolicy(html, IMPORT_POLICY));
  resolveLinks(document.children, context.baseUrl);
  const trackingPixels: string[] = [];
  const photos = extractPhotos(document, context.photoBaseUrl, notes, trackingPixels);
  const result: CleanBody = { markdown: "", photos, notes, openingTexts: [], trackingPixels, correctionNotices: [] };
  const captions = new Set(
    [...context.captions, ...photos.flatMap((photo) => [photo.caption, photo.alt])]
      .filter((text): text is string => !!text)
      .map(comparable),
  );
  const { disclaimers, labels } = partnerPatterns(context.partners);

  const blocks = flattenBlocks(document.children);
  const kept: Element[] = [];
  let datelineIndex = -1;
  blocks.forEach((block) => {
    let text = collapse(textContent(block));
    if (text === "") return;
    const lower = comparable(text);

    if (!result.dateline && kept.length < DATELINE_WITHIN_BLOCKS && block.name !== "table") {
      const dateline = matchDateline(textContent(block), context.language);
      if (dateline) {
        result.dateline = dateline;
        datelineIndex = kept.length;
        removeLeadingText(block, dateline.length);
        text = collapse(textContent(block));
        if (text === "") return;
      }
    }
    if (lower.length < 200 && CHROME.some((pattern) => pattern.test(lower))) {
      notes.push(`dropped page chrome ${JSON.stringify(text.slice(0, 60))}`);
      return;
    }
    if (
      /\bcookies?\b/.test(lower) &&
      /\b(?:accept|consent|polic(?:y|ies)|settings|use)\b/.test(lower) &&
      lower.length < 400
    ) {
      notes.push("dropped a cookie notice");
      return;
    }
    for (const pattern of disclaimers) {
      const match = pattern.exec(text);
      if (!match) continue;
      const rest = collapse(text.replace(match[0], ""));
      if (rest.replace(/[^\p{L}\p{N}]/gu, "").length < 20) {
        notes.push("dropped a partner disclaimer already in the text (the page adds the right one)");
        return;
      }
      replaceWithText(block, rest);
      text = rest;
      notes.push("removed a partner disclaimer from a paragraph");
    }
    const label = labels.find((candidate) => lower.startsWith(candidate));
    if (label && lower.length < label.length + 300) {
      const url = linkIn(block) ?? /https?:\/\/\S+/.exec(text)?.[0];
      // "View source version on businesswire.com:" names the wire's site before the URL.
      const rest = comparable(
        text
          .slice(label.length)
          .replace(/^\s*on\s+[\w-]+(?:\.[\w-]+)+/i, "")
          .replace(/^[\s:：-]+/, ""),
      );
      if (rest === "" || (url && comparable(url).startsWith(rest.replace(/\s/g, "")))) {
        if (url) result.originalUrl ??= url;
        else notes.push(`dropped the label ${JSON.stringify(text)}: it has no URL after it`);
        return;
      }
    }
    const source = /^source\s*[:：]\s*(.+)$/is.exec(text);
    if (source && text.length < 400) {
      const [name, ...title] = (source[1] ?? "").split(/\s*[:：]\s+/);
      const url = linkIn(block);
      if (name && name.trim()) {
        result.source = {
          name: name.trim(),
          ...(title.length ? { title: title.join(": ").trim() } : {}),
          ...(url ? { url } : {}),
        };
      }
      return;
    }
    const prnSource = /^SOURCE\s+(\S.{1,120})$/.exec(text);
    if (prnSource) {
      result.issuer ??= (prnSource[1] ?? "").trim();
      return;
    }
    const mediaLine = /^(photo|image|logo|video|multimedia)s?\s*[-–—:]\s*(.*)$/i.exec(text);
    if (mediaLine) {
      const kind = (mediaLine[1] ?? "").toLowerCase();
      const rest = (mediaLine[2] ?? "").trim();
      const url = linkIn(block) ?? (/^https?:\/\/\S+$/.test(rest) ? rest : undefined);
      if (url && (kind === "photo" || kind === "image")) {
        if (!photos.some((photo) => photo.url === url)) photos.push({ url });
        return;
      }
      if (url || kind === "logo" || kind === "video" || kind === "multimedia") {
        notes.push(`dropped the ${kind} line ${JSON.stringify(text.slice(0, 60))}`);
        return;
      }
      if (captions.has(comparable(rest))) {
        notes.push("dropped a photo caption printed twice");
        return;
      }
      const uncaptioned = photos.find((photo) => !photo.caption);
      if (uncaptioned && rest) {
        uncaptioned.caption = rest;
        captions.add(comparable(rest));
        return;
      }
      replaceWithText(block, rest);
    }
    if (captions.has(lower)) {
      notes.push("dropped a photo caption printed twice");
      return;
    }
    kept.push(block);
  });

  if (datelineIndex > 0) {
    const before = kept.splice(0, datelineIndex);
    const { subheadlines, notices } = sortBeforeDateline(before, context.title, notes);
    if (subheadlines.length > 0) result.lead = subheadlines.join(" — ");
    // A correction notice ("corrects and replaces …") becomes the release's correction, shown at
    // the top of its body; another legend or notice ("All amounts in US dollars") stays in the
    // release, at the top of the body.
    const corrections = notices.filter((block) => CORRECTION_NOTICE.test(collapse(textContent(block))));
    for (const block of corrections) {
      const text = collapse(textContent(block));
      result.correctionNotices.push(text);
      const keptNote = notes.findIndex((note) => note.startsWith(`kept ${JSON.stringify(text.slice(0, 60))}`));
      if (keptNote >= 0) notes.splice(keptNote, 1);
      notes.push(
        `took the correction notice printed above the dateline as the release's correction (${JSON.stringify(text.slice(0, 60))})`,
      );
    }
    kept.unshift(...notices.filter((block) => !corrections.includes(block)));
  }
  result.openingTexts = kept.slice(0, 3).map((block) => collapse(textContent(block)));
  result.markdown = kept
    .map((block) => blockToMarkdown(block))
    .filter((text) => text.trim() !== "")
    .join("\n\n");
  return result;
}

/**
 * What a release prints above its dateline: the headline again (dropped), sub-headlines (a
 * heading, or a line all in bold or italics: the summary's words) and notices (kept).
 */
function sortBeforeDateline(
  blocks: readonly Element[],
  title: string | undefined,
  notes: string[],
): { subheadlines: string[]; notices: Element[] } {
  const subheadlines: string[] = [];
  const notices: Element[] = [];
  const headline = title ? comparable(title) : undefined;
  for (const block of blocks) {
    const text = collapse(textContent(block));
    const words = comparable(text);
    if (headline && words.length > 0 && headline.includes(words)) {
      notes.push(`dropped the headline printed again above the dateline (${JSON.stringify(text.slice(0, 60))})`);
    } else if (!NOTICE.test(text) && (/^h[1-6]$/.test(block.name) || (text.length <= 300 && isAllEmphasis(block)))) {
      subheadlines.push(text);
    } else {
      notices.push(block);
      notes.push(`kept ${JSON.stringify(text.slice(0, 60))}, printed above the dateline, at the top of the body`);
    }
  }
  return { subheadlines, notices };
}

/**
 * Legends and notices wires print above a dateline, often in italics like a sub-headline:
 * they belong to the release's text, not to its summary.
 */
const NOTICE =
  /^(?:not for (?:distribution|dissemination|release|publication)|for immediate release|embargoed|(?:all )?(?:amounts|figures|dollar amounts|financial (?:figures|results)) (?:are )?(?:in|expressed)|unless otherwise|this (?:news )?release|the following|le communiqué suivant|ne pas diffuser|(?:this )?(?:press release )?corrects?(?: and replaces)?|correction\b|update\b|advisory\b)/i;

/** A wire's correction notice, in the languages of the datelines it reads. */
const CORRECTION_NOTICE =
  /\b(?:corrects? and replaces?|corrected version|replaces the (?:release|version)|corrige(?:nt)? et remplace|corrige y sustituye|corrige y reemplaza|berichtigt und ersetzt|corrige e substitui|corregge e sostituisce)\b/i;

/** Every word of the block is inside bold or italics. */
function isAllEmphasis(block: Element): boolean {
  const plain = (node: AnyNode): string => {
    if (isText(node)) return node.data;
    if (!isTag(node) || ["strong", "b", "em", "i"].includes(node.name)) return "";
    return node.children.map(plain).join("");
  };
  return plain(block).trim() === "";
}

/** Disclaimer patterns and original-link labels, built once per partner list, not per release. */
const patternsByPartners = new WeakMap<readonly Partner[], { disclaimers: RegExp[]; labels: string[] }>();
function partnerPatterns(partners: readonly Partner[]): { disclaimers: RegExp[]; labels: string[] } {
  const cached = patternsByPartners.get(partners);
  if (cached) return cached;
  const built = {
    disclaimers: partners.map((partner) => disclaimerPattern(partner.disclaimer)),
    labels: [
      ...new Set([...ORIGINAL_LINK_LABELS, ...partners.map((partner) => partner.originalLinkLabel.toLowerCase())]),
    ].sort((a, b) => b.length - a.length),
  };
  patternsByPartners.set(partners, built);
  return built;
}

/** A partner's disclaimer template as a pattern: placeholders match any name. */
export function disclaimerPattern(template: string): RegExp {
  const pieces = template.split(/\{[^{}]*\}/).map((piece) =>
    comparable(piece)
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace(/'/g, "['\u2018\u2019]")
      .replace(/"/g, '["\u201c\u201d]')
      .replace(/ /g, "\\s+"),
  );
  return new RegExp(pieces.join(".{1,120}?") + "\\.?", "i");
}

/** Containers are opened; loose inline content becomes a paragraph of its own. */
function flattenBlocks(nodes: readonly AnyNode[]): Element[] {
  const blocks: Element[] = [];
  let run: AnyNode[] = [];
  const flush = (): void => {
    if (run.some((node) => collapse(textContent(node)) !== "")) blocks.push(new Element("p", {}, run));
    run = [];
  };
  for (const node of nodes) {
    if (
      isTag(node) &&
      (CONTAINERS.has(node.name) || node.name === "figure") &&
      node.children.some((child) => isBlock(child) || (isTag(child) && CONTAINERS.has(child.name)))
    ) {
      flush();
      blocks.push(...flattenBlocks(node.children));
    } else if (isTag(node) && isBlock(node)) {
      flush();
      blocks.push(node);
    } else if (
      isTag(node) &&
      node.name === "br" &&
      run.length > 0 &&
      run.at(-1) &&
      isTag(run.at(-1) as AnyNode) &&
      (run.at(-1) as Element).name === "br"
    ) {
      // Two line breaks in a row end a paragraph in pasted HTML.
      run.pop();
      flush();
    } else {
      run.push(node);
    }
  }
  flush();
  return blocks;
}

function resolveLinks(nodes: readonly AnyNode[], baseUrl: string | undefined): void {
  for (const node of nodes) {
    if (!isTag(node)) continue;
    if (node.name === "a" && node.attribs.href !== undefined) {
      const href = absoluteHref(node.attribs.href, baseUrl);
      if (href) node.attribs.href = href;
      else delete node.attribs.href;
    }
    resolveLinks(node.children, baseUrl);
  }
}

/** An absolute http(s), mailto or tel URL, or undefined when the link cannot resolve. */
export function absoluteHref(href: string, baseUrl: string | undefined): string | undefined {
  const trimmed = href.trim();
  if (trimmed === "" || trimmed.startsWith("#")) return undefined;
  try {
    const url = baseUrl ? new URL(trimmed, baseUrl) : new URL(trimmed);
    return ["http:", "https:", "mailto:", "tel:"].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Images that count a reader (known wire and feed trackers), never photos, not even fetched. */
const TRACKING_IMAGE =
  /(?:feeds\.feedburner\.com\/~r\/[^?#]*\/~4\/|\/ct\/CT\?id=bwnews|\/newsroom\/ti\?nf=|\/tracking\/)/i;
/** Share and subscribe buttons: FeedBurner's flares and the networks' share links. */
const SHARE_IMAGE =
  /(?:\/~ff\/|feedflare|addthis\.com|sharethis\.com|\/sharer(?:\.php)?[/?]|twitter\.com\/(?:intent|share)|x\.com\/intent|linkedin\.com\/(?:share|shareArticle)|pinterest\.com\/pin\/create|reddit\.com\/submit|whatsapp\.com\/send|mailto:\?)/i;

const TRACKING_PIXEL = "dropped a tracking pixel";

/**
 * Why an image is not a photo of the release, judged before any download: a tracking pixel
 * (1×1, or a known tracker's address) or a share button (by its address or its link's).
 */
export function notAPhoto(url: string, width = 0, height = 0, link = ""): string | undefined {
  if ((width > 0 && width <= 3) || (height > 0 && height <= 3) || TRACKING_IMAGE.test(url)) return TRACKING_PIXEL;
  if (SHARE_IMAGE.test(url) || SHARE_IMAGE.test(link)) return "dropped a share button";
  return undefined;
}

function extractPhotos(
  root: ReturnType<typeof parseHtml>,
  baseUrl: string | undefined,
  notes: string[],
  trackingPixels: string[],
): WirePhoto[] {
  const photos: WirePhoto[] = [];
  for (const img of descendantsNamed(root, "img")) {
    const figure = ancestor(img, "figure");
    const caption = figure
      ? collapse(
          descendantsNamed(figure, "figcaption")
            .map((node) => textContent(node))
            .join(" "),
        )
      : "";
    const width = Number(img.attribs.width ?? "0");
    const height = Number(img.attribs.height ?? "0");
    const src = img.attribs.src ? resolvePhotoPath(img.attribs.src, baseUrl) : undefined;
    const link = ancestor(img, "a")?.attribs.href ?? "";
    if (figure) removeElement(figure);
    else removeElement(img);
    const notPhoto = notAPhoto(src ?? "", width, height, link);
    if (notPhoto) {
      if (src && notPhoto === TRACKING_PIXEL) trackingPixels.push(src);
      notes.push(notPhoto);
      continue;
    }
    if (!src) {
      notes.push(
        `left out a photo whose address is not usable (${JSON.stringify((img.attribs.src ?? "").slice(0, 60))})`,
      );
      continue;
    }
    if (photos.some((photo) => photo.url === src)) continue;
    const photo: WirePhoto = { url: src };
    if (caption) photo.caption = caption.replace(/^photo\s*[-–—:]\s*/i, "");
    const alt = collapse(img.attribs.alt ?? "");
    if (alt) photo.alt = alt;
    photos.push(photo);
  }
  return photos;
}

/** A photo address: absolute http(s), or a relative path kept for the importer to resolve. */
function resolvePhotoPath(src: string, baseUrl: string | undefined): string | undefined {
  const trimmed = src.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return /^https?:/i.test(trimmed) ? trimmed : undefined;
  if (baseUrl && /^https?:/i.test(baseUrl)) return absoluteHref(trimmed, baseUrl);
  return trimmed;
}

function ancestor(node: AnyNode, name: string): Element | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (isTag(parent as AnyNode) && (parent as Element).name === name) return parent as Element;
  }
  return undefined;
}

function linkIn(block: Element): string | undefined {
  const link = descendantsNamed(block, "a")
    .map((a) => a.attribs.href)
    .find((href) => href !== undefined && /^https?:/i.test(href));
  return link;
}

/** Removes the first `count` characters of the block's text, dropping emptied inline elements. */
function removeLeadingText(block: Element, count: number): void {
  let remaining = count;
  const visit = (node: AnyNode): void => {
    if (remaining <= 0) return;
    if (isText(node)) {
      const take = Math.min(remaining, node.data.length);
      node.data = node.data.slice(take);
      remaining -= take;
      if (node.data === "") removeElement(node);
      return;
    }
    if (isTag(node)) {
      for (const child of [...node.children]) visit(child);
      if (node !== block && node.children.length === 0 && node.name !== "br") removeElement(node);
    }
  };
  visit(block);
}

function replaceWithText(block: Element, text: string): void {
  for (const child of [...block.children]) removeElement(child);
  const node = new Text(text);
  node.parent = block;
  block.children.push(node);
}
