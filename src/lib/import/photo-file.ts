import { createHash } from "node:crypto";
import path from "node:path";
import sharp from "sharp";
import { inspectPhoto, PhotoError, PHOTO_PIXEL_LIMIT, READABLE_PHOTO } from "../photos/photos.ts";
import { fetchBytes, PHOTO_FETCH_LIMITS, readLocalBytes, type FetchLimits } from "./fetch.ts";
import { isInside, realPathOutside } from "../core/paths.ts";

/** A photo that cannot be imported; its article is imported without it. */
export class PhotoRejected extends Error {}

export interface VerifiedPhoto {
  bytes: Buffer;
  /** `<first 16 hex digits of sha256>.<ext>`: the same photo always gets the same name. */
  fileName: string;
  width: number;
  height: number;
}

const MIN_SIDE = 16;
const FORMATS: { ext: string; sharp: string; test: (bytes: Buffer) => boolean }[] = [
  { ext: "jpg", sharp: "jpeg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    ext: "png",
    sharp: "png",
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { ext: "gif", sharp: "gif", test: (b) => b.subarray(0, 4).toString("latin1") === "GIF8" },
  {
    ext: "webp",
    sharp: "webp",
    test: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
  },
  {
    ext: "avif",
    sharp: "heif",
    test: (b) =>
      b.subarray(4, 8).toString("latin1") === "ftyp" && /^avi[fs]$/.test(b.subarray(8, 12).toString("latin1")),
  },
  { ext: "tif", sharp: "tiff", test: (b) => ["II*\u0000", "MM\u0000*"].includes(b.subarray(0, 4).toString("latin1")) },
];

/**
 * Checks that bytes are a photo by what they are, not by what they are called: the magic
 * bytes, then sharp's reading of the whole image within the pixel limit. SVG is refused
 * (it can carry scripts and outside references), as are tiny images (tracking pixels, icons).
 */
export async function verifyPhoto(bytes: Buffer): Promise<VerifiedPhoto> {
  const format = FORMATS.find((candidate) => candidate.test(bytes));
  if (!format) {
    const start = bytes.subarray(0, 256).toString("utf8").trimStart().toLowerCase();
    if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg\b|<svg[\s>]/.test(start)) {
      throw new PhotoRejected("an SVG image (refused: SVG can carry scripts; ask the wire for a JPEG or PNG)");
    }
    const what = start.startsWith("<")
      ? "HTML or XML text"
      : bytes.length === 0
        ? "an empty file"
        : "data that is not an image";
    throw new PhotoRejected(`expected ${READABLE_PHOTO}, found ${what}`);
  }
  let width: number;
  let height: number;
  try {
    const info = await inspectPhoto(bytes);
    if (info.format !== format.sharp) throw new PhotoError(`${format.sharp} content`, `${info.format} content`);
    ({ width, height } = info);
    // Decoding every pixel finds truncated or corrupt files that the header alone does not.
    await sharp(bytes, { limitInputPixels: PHOTO_PIXEL_LIMIT, failOn: "truncated" }).stats();
  } catch (error) {
    if (error instanceof PhotoError) throw new PhotoRejected(error.message);
    throw new PhotoRejected(
      `a damaged or unreadable ${format.ext.toUpperCase()} (${(error as Error).message.split("\n")[0]})`,
    );
  }
  if (width < MIN_SIDE || height < MIN_SIDE)
    throw new PhotoRejected(`only ${width}×${height} pixels: a tracking pixel or an icon, not a photo`);
  const digest = createHash("sha256").update(bytes).digest("hex");
  return { bytes, fileName: `${digest.slice(0, 16)}.${format.ext}`, width, height };
}

export interface PhotoSource {
  baseUrl?: string;
  baseDir?: string;
  limits?: FetchLimits;
}

/** Downloads (or reads, for a local feed) and verifies one photo. */
export async function loadPhoto(address: string, source: PhotoSource): Promise<VerifiedPhoto> {
  const limits = source.limits ?? PHOTO_FETCH_LIMITS;
  let bytes: Buffer;
  try {
    if (/^https?:\/\//i.test(address)) {
      bytes = await fetchBytes(address, limits);
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(address)) {
      throw new PhotoRejected(
        `expected an http(s) URL or a path beside the feed, found ${JSON.stringify(address.slice(0, 40))}`,
      );
    } else if (source.baseUrl) {
      bytes = await fetchBytes(new URL(address, source.baseUrl).href, limits);
    } else if (source.baseDir) {
      const file = path.resolve(source.baseDir, decodeURI(address));
      if (!isInside(source.baseDir, file)) {
        throw new PhotoRejected(`expected a path inside the feed's folder, found ${JSON.stringify(address)}`);
      }
      const real = await realPathOutside(file, source.baseDir);
      if (real !== undefined) {
        throw new PhotoRejected(
          `expected a photo inside the feed's folder, found a symbolic link to ${real}, which is outside it`,
        );
      }
      bytes = await readLocalBytes(file, limits.maxBytes, address);
    } else {
      throw new PhotoRejected(`a relative address (${JSON.stringify(address)}) with nothing to resolve it against`);
    }
  } catch (error) {
    if (error instanceof PhotoRejected) throw error;
    // The report already names the photo: keep only what went wrong.
    const message = (error as Error).message;
    throw new PhotoRejected(message.slice(message.indexOf(": ") + 2));
  }
  return verifyPhoto(bytes);
}
