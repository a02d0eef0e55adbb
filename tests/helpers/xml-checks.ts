import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { SaxesParser } from "saxes";

/**
 * Strict XML checks for built output. saxes rejects what expat and feed readers reject
 * (control characters, undeclared entities, bad nesting); fast-xml-parser's validator does not.
 */

/** The first well-formedness error of an XML text, or undefined. */
export function xmlError(text: string): string | undefined {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let error: string | undefined;
  parser.on("error", (failure) => {
    error ??= failure.message;
  });
  parser.write(text).close();
  return error;
}

/** Every `.xml` file under a built site, as site paths. */
export async function xmlFiles(siteDir: string): Promise<string[]> {
  return (await readdir(siteDir, { recursive: true }))
    .map(String)
    .filter((file) => file.endsWith(".xml") && !file.startsWith(`pagefind${path.sep}`))
    .map((file) => `/${file.split(path.sep).join("/")}`)
    .sort();
}

/** "file: error" for every XML file of a built site that is not well-formed. */
export async function malformedXml(siteDir: string): Promise<string[]> {
  const problems: string[] = [];
  for (const file of await xmlFiles(siteDir)) {
    const error = xmlError(await readFile(path.join(siteDir, file), "utf8"));
    if (error) problems.push(`${file}: ${error}`);
  }
  return problems;
}

/**
 * The HTML of every item of a feed (Atom `content`, RSS `description`, JSON Feed
 * `content_html`), decoded as a feed reader would before showing it.
 */
export function feedItemsHtml(sitePath: string, text: string): string[] {
  if (sitePath.endsWith(".json"))
    return (JSON.parse(text) as { items: Array<{ content_html?: string }> }).items.map(
      (item) => item.content_html ?? "",
    );
  const items: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  let inside = false;
  let current = "";
  parser.on("opentag", (tag) => {
    if (tag.local === "content" || tag.local === "description") [inside, current] = [true, ""];
  });
  parser.on("text", (chunk) => {
    if (inside) current += chunk;
  });
  parser.on("cdata", (chunk) => {
    if (inside) current += chunk;
  });
  parser.on("closetag", (tag) => {
    if (inside && (tag.local === "content" || tag.local === "description")) {
      inside = false;
      items.push(current);
    }
  });
  parser.write(text).close();
  return items;
}
