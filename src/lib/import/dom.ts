import render from "dom-serializer";
import { parseDocument } from "htmlparser2";
import { Element, isTag, isText, isCDATA, type AnyNode, type Document } from "domhandler";
import { textContent } from "domutils";
import { UserError } from "../core/problems.ts";

/**
 * XML and HTML as a DOM (htmlparser2). Wire feeds are untrusted: before anything is parsed,
 * a document type with entity declarations or an external identifier is refused (the
 * "billion laughs" expansion and external-entity file reads both need one). htmlparser2
 * itself never expands custom entities or fetches anything.
 */
export class HostileXmlError extends UserError {}

const DOCTYPE = /<!DOCTYPE\b([^>[]*)(\[[\s\S]*?\])?\s*>/i;

export function assertNoEntityDeclarations(text: string, origin: string): void {
  if (/<!ENTITY\b/i.test(text)) {
    throw new HostileXmlError(
      `${origin}: expected XML without entity declarations, found <!ENTITY …> (entity expansion and external entities are refused)`,
    );
  }
  const doctype = DOCTYPE.exec(text);
  if (doctype && (doctype[2] !== undefined || /\b(?:SYSTEM|PUBLIC)\b/.test(doctype[1] ?? ""))) {
    throw new HostileXmlError(
      `${origin}: expected XML without a document type definition, found ${JSON.stringify(doctype[0].slice(0, 80))} (external and internal DTDs are refused)`,
    );
  }
}

export function parseXml(text: string, origin: string): Document {
  assertNoEntityDeclarations(text, origin);
  return parseDocument(text, { xmlMode: true, recognizeCDATA: true, decodeEntities: true });
}

export function parseHtml(text: string): Document {
  return parseDocument(text, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
}

/** `media:content` → `content`; element names in feeds are matched without their prefix. */
export function localName(node: Element): string {
  const name = node.name;
  const colon = name.indexOf(":");
  return (colon === -1 ? name : name.slice(colon + 1)).toLowerCase();
}

export function prefixOf(node: Element): string {
  const colon = node.name.indexOf(":");
  return colon === -1 ? "" : node.name.slice(0, colon).toLowerCase();
}

export function elementChildren(node: AnyNode | Document): Element[] {
  return "children" in node ? node.children.filter(isTag) : [];
}

/** Child elements by local name, optionally by prefix (`dc`, `media`); `*` matches any prefix. */
export function childrenNamed(node: AnyNode | Document, name: string, prefix = "*"): Element[] {
  const wanted = name.toLowerCase();
  return elementChildren(node).filter(
    (child) => localName(child) === wanted && (prefix === "*" || prefixOf(child) === prefix),
  );
}

export function childNamed(node: AnyNode | Document, name: string, prefix = "*"): Element | undefined {
  return childrenNamed(node, name, prefix)[0];
}

/** Every descendant element with that local name (`*`: any), in document order. */
export function descendantsNamed(node: AnyNode | Document, name: string): Element[] {
  const found: Element[] = [];
  const wanted = name.toLowerCase();
  const visit = (parent: AnyNode | Document): void => {
    for (const child of elementChildren(parent)) {
      if (wanted === "*" || localName(child) === wanted) found.push(child);
      visit(child);
    }
  };
  visit(node);
  return found;
}

/** The element's text (CDATA included), whitespace collapsed; undefined when empty. */
export function textOf(node: AnyNode | undefined): string | undefined {
  if (!node) return undefined;
  const text = collapse(textContent(node));
  return text === "" ? undefined : text;
}

export function childText(node: AnyNode | Document, name: string, prefix = "*"): string | undefined {
  return textOf(childNamed(node, name, prefix));
}

export function attribute(node: Element | undefined, name: string): string | undefined {
  if (!node) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(node.attribs)) {
    const local = key.includes(":") ? key.slice(key.indexOf(":") + 1) : key;
    if (local.toLowerCase() === wanted && value.trim() !== "") return value.trim();
  }
  return undefined;
}

/** The markup inside an element (an XHTML body in a feed), as HTML text. */
export function innerMarkup(node: Element): string {
  return render(node.children, { xmlMode: false, decodeEntities: true });
}

/**
 * The raw text content of an element whose text *is* HTML (RSS `description`, Atom
 * `content type="html"`): CDATA and escaped markup both come back as markup.
 */
export function rawText(node: Element | undefined): string | undefined {
  if (!node) return undefined;
  const parts: string[] = [];
  const visit = (child: AnyNode): void => {
    if (isText(child)) parts.push(child.data);
    else if (isCDATA(child)) child.children.forEach(visit);
    else if (isTag(child)) parts.push(render(child, { xmlMode: false, decodeEntities: true }));
  };
  node.children.forEach(visit);
  const text = parts.join("").trim();
  return text === "" ? undefined : text;
}

export function collapse(text: string): string {
  return text.replace(/[\s\u00a0]+/g, " ").trim();
}

export { Element, isTag, isText };
export type { AnyNode, Document };
