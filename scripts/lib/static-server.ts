// A small static host for local checks (tests, `npm run lighthouse`): 127.0.0.1 only.
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".jpeg": "image/jpeg",
  ".jpg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".txt": "text/plain",
  ".pagefind": "application/octet-stream",
  ".pf_meta": "application/octet-stream",
  ".wasm": "application/wasm",
};

/** `_headers` rules (Netlify / Cloudflare Pages syntax): a path pattern, then indented `Name: value` lines. */
export function parseHeadersFile(text: string): Array<{ pattern: string; headers: Record<string, string> }> {
  const rules: Array<{ pattern: string; headers: Record<string, string> }> = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: {} });
    else {
      const at = line.indexOf(":");
      rules.at(-1)!.headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  return rules;
}

/** A `_headers` path pattern as a regular expression: `*` matches anything, `:name` one path segment. */
function headersPatternRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped.replace(/\*/g, ".*").replace(/:\w+/g, "[^/]+")}$`);
}

export function headersFor(rules: ReturnType<typeof parseHeadersFile>, sitePath: string): Record<string, string> {
  const matching = rules.filter(({ pattern }) => headersPatternRegExp(pattern).test(sitePath));
  return Object.assign({}, ...matching.map((rule) => rule.headers));
}

/**
 * Serves a built site on 127.0.0.1 like a static host: `dir/` → `dir/index.html`, else
 * `/404.html`, with the response headers its `_headers` file asks for.
 */
export async function serveSite(
  root: string,
  { deployHeaders = true } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const rules = deployHeaders
    ? parseHeadersFile(await readFile(path.join(root, "_headers"), "utf8").catch(() => ""))
    : [];
  const server: Server = createServer(async (request, response) => {
    const sitePath = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    let file = path.join(root, sitePath.endsWith("/") ? `${sitePath}index.html` : sitePath);
    let status = 200;
    if (
      !file.startsWith(root) ||
      !(await stat(file).then(
        (s) => s.isFile(),
        () => false,
      ))
    ) {
      file = path.join(root, "404.html");
      status = 404;
    }
    response.writeHead(status, {
      ...headersFor(rules, sitePath),
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
