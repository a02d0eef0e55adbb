import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../core/problems.ts";

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
}

export const FEED_LIMITS: FetchLimits = { maxBytes: 20 * 1024 * 1024, timeoutMs: 30_000 };
export const PHOTO_FETCH_LIMITS: FetchLimits = { maxBytes: 25 * 1024 * 1024, timeoutMs: 30_000 };

/** Where an input came from, so that relative photo paths and links resolve. */
export interface InputText {
  name: string;
  text: string;
  /** The URL of a fetched input. */
  baseUrl?: string;
  /** The folder of a local input file: relative photo paths must stay inside it. */
  baseDir?: string;
}

/** An http(s) resource, refused above the size cap or after the timeout. */
export async function fetchBytes(url: string, limits: FetchLimits): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(limits.timeoutMs),
      redirect: "follow",
      headers: { "user-agent": "Dateline importer" },
    });
  } catch (error) {
    const reason =
      (error as Error).name === "TimeoutError"
        ? `no answer within ${limits.timeoutMs / 1000} s`
        : ((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
    throw new UserError(`${url}: could not fetch it (${reason})`);
  }
  if (!response.ok) throw new UserError(`${url}: the server answered HTTP ${response.status}`);
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > limits.maxBytes) {
    await response.body?.cancel();
    throw new UserError(`${url}: expected at most ${formatBytes(limits.maxBytes)}, found ${formatBytes(declared)}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  try {
    for (;;) {
      if (!reader) break;
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limits.maxBytes) {
        await reader.cancel();
        throw new UserError(`${url}: expected at most ${formatBytes(limits.maxBytes)}, found more`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    const reason =
      (error as Error).name === "TimeoutError"
        ? `no complete answer within ${limits.timeoutMs / 1000} s`
        : (error as Error).message;
    throw new UserError(`${url}: could not fetch it (${reason})`);
  }
  return Buffer.concat(chunks);
}

/** A local file, refused above the size cap. */
export async function readLocalBytes(file: string, maxBytes: number, shownAs = file): Promise<Buffer> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new UserError(`${shownAs}: expected a file, found a folder or device`);
    size = info.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `${shownAs}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  if (size > maxBytes)
    throw new UserError(`${shownAs}: expected at most ${formatBytes(maxBytes)}, found ${formatBytes(size)}`);
  return readFile(file);
}

/** Reads `-` (standard input), an http(s) URL or a file path. */
export async function readInput(
  source: string,
  options: { stdin?: NodeJS.ReadableStream; limits?: FetchLimits } = {},
): Promise<InputText> {
  const limits = options.limits ?? FEED_LIMITS;
  if (source === "-") {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of options.stdin ?? process.stdin) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += buffer.byteLength;
      if (size > limits.maxBytes)
        throw new UserError(`standard input: expected at most ${formatBytes(limits.maxBytes)}, found more`);
      chunks.push(buffer);
    }
    return { name: "standard input", text: decodeText(Buffer.concat(chunks)) };
  }
  if (/^https?:\/\//i.test(source)) {
    return { name: source, text: decodeText(await fetchBytes(source, limits)), baseUrl: source };
  }
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(source)) {
    throw new UserError(`${source}: expected a file path, "-" for standard input, or an http(s) URL`);
  }
  const absolute = path.resolve(source);
  return {
    name: source,
    text: decodeText(await readLocalBytes(absolute, limits.maxBytes, source)),
    baseDir: path.dirname(absolute),
  };
}

/** UTF-8 unless an XML declaration or an HTML meta tag names another encoding. */
export function decodeText(bytes: Buffer): string {
  const head = bytes.subarray(0, 1024).toString("latin1");
  const declared =
    /<\?xml[^>]*encoding=["']([\w.-]+)["']/i.exec(head)?.[1] ?? /<meta[^>]+charset=["']?([\w.-]+)/i.exec(head)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // An encoding Node does not know: read it as UTF-8, which the common cases are.
    }
  }
  return new TextDecoder("utf-8").decode(bytes);
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
