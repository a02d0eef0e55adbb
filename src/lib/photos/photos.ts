import { stat } from "node:fs/promises";
import path from "node:path";
import Image from "@11ty/eleventy-img";
import sharp from "sharp";
import type { PhotoMetadata } from "./figure.ts";

export interface PhotoSettings {
  /** Where renditions are written and kept between builds (outside the output folder). */
  cacheDir: string;
  /** Site path the renditions are served from, e.g. `/photos/`. */
  urlPath: string;
  widths: number[];
  /** AVIF encoder effort (0–9); lower is faster, larger files. */
  avifEffort: number;
}

export const DEFAULT_PHOTO_WIDTHS = [480, 800, 1200];
/**
 * AVIF encoder effort: 2 is several times faster than sharp's default 4, for files a few percent
 * larger and no visible difference (bench/results/design-measurements.md).
 */
export const DEFAULT_AVIF_EFFORT = 2;
/** Larger than any news photo; keeps a decompression bomb from exhausting memory. */
export const PHOTO_PIXEL_LIMIT = 100_000_000;
export const PHOTO_BYTE_LIMIT = 40 * 1024 * 1024;

/** File-system failures while writing renditions (sharp reports its own as "unable to open for write"). */
const MACHINE_ERRORS = ["ENOSPC", "EACCES", "EPERM", "EROFS", "EDQUOT", "ENOTDIR", "EISDIR", "EMFILE"];

const RASTER_FORMATS = new Set(["jpeg", "png", "webp", "avif", "gif", "tiff", "heif"]);

/** What is wrong with a photo, in the expected/found shape of a {@link Problem}. */
export class PhotoError extends Error {
  constructor(
    readonly expected: string,
    readonly found: string,
  ) {
    super(`expected ${expected}, found ${found}`);
  }
}

export const READABLE_PHOTO = "a JPEG, PNG, WebP, AVIF, GIF or TIFF photo";

export interface PhotoInfo {
  format: string;
  width: number;
  height: number;
  hasAlpha: boolean;
}

/**
 * What a photo is by its content: a raster format sharp reads, within the pixel limit.
 * Shared by the build (files beside articles) and the importer (downloaded bytes).
 */
export async function inspectPhoto(input: string | Buffer): Promise<PhotoInfo> {
  let info: sharp.Metadata;
  try {
    info = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new PhotoError(READABLE_PHOTO, `a file that is not a readable image (${firstLine(error)})`);
  }
  const width = info.width ?? 0;
  const height = info.height ?? 0;
  if (width * height > PHOTO_PIXEL_LIMIT) {
    throw new PhotoError(`a photo of at most ${PHOTO_PIXEL_LIMIT / 1_000_000} megapixels`, `${width}×${height}`);
  }
  if (!info.format || !RASTER_FORMATS.has(info.format)) {
    throw new PhotoError(READABLE_PHOTO, `${info.format ?? "unknown"} content`);
  }
  return { format: info.format, width, height, hasAlpha: info.hasAlpha ?? false };
}

/** Site path the renditions are served from. */
export const PHOTO_URL_PATH = "/photos/";

/**
 * eleventy-img's options for a photo: the renditions, and sharp's settings, which (with the
 * file's bytes) name them.
 */
function imageOptions(settings: PhotoSettings, { format, hasAlpha }: Pick<PhotoInfo, "format" | "hasAlpha">) {
  const fallback = hasAlpha || format === "png" || format === "gif" ? "png" : "jpeg";
  return {
    widths: settings.widths,
    formats: ["avif", "webp", fallback],
    outputDir: settings.cacheDir,
    urlPath: settings.urlPath,
    fixOrientation: true,
    // eleventy-img turns sharp's checks off (failOnError: false), which would publish a
    // truncated upload as a half-grey photo. Fail on truncation, not on benign warnings.
    sharpOptions: { limitInputPixels: PHOTO_PIXEL_LIMIT, failOnError: undefined, failOn: "truncated" },
    sharpAvifOptions: { effort: settings.avifEffort },
    // Photos never transparent-filter away the fallback: PNG keeps the alpha channel.
    formatFiltering: ["animated"],
  };
}

/**
 * Checks a photo by its content (not its extension) and renders it at several widths as
 * AVIF, WebP and a fallback (JPEG, or PNG when the source may be transparent).
 * Throws a {@link PhotoError} whose message says what is wrong with the file.
 */
export async function processPhoto(
  file: string,
  settings: PhotoSettings,
  /** What the photo belongs to, for the message when it is missing. */
  owner: "article" | "profile" = "article",
): Promise<{ metadata: PhotoMetadata; files: string[] }> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new PhotoError("a photo file", "a folder");
    size = info.size;
  } catch (error) {
    if (error instanceof PhotoError) throw error;
    throw new PhotoError(`an existing photo file beside the ${owner}`, "no file at that path");
  }
  if (size > PHOTO_BYTE_LIMIT) {
    throw new PhotoError(
      `a photo of at most ${PHOTO_BYTE_LIMIT / 1024 / 1024} MB`,
      `${(size / 1024 / 1024).toFixed(1)} MB`,
    );
  }
  const { format, hasAlpha } = await inspectPhoto(file);

  try {
    const metadata = (await Image(file, imageOptions(settings, { format, hasAlpha }))) as unknown as PhotoMetadata;
    const files = Object.values(metadata).flatMap((renditions) =>
      renditions.map((rendition) => path.basename(rendition.url)),
    );
    return { metadata, files };
  } catch (error) {
    // A full disk or an unwritable cache is the machine's problem, not the editor's photo.
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (MACHINE_ERRORS.includes(code) || /unable to open for write/.test(firstLine(error))) {
      throw new Error(`Cannot write photo renditions to ${settings.cacheDir}: ${firstLine(error)}`, { cause: error });
    }
    throw new PhotoError("a photo that can be decoded completely", `a damaged or truncated file (${firstLine(error)})`);
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
