import { escapeHtml } from "../core/html.ts";

/** One rendition of a photo, as eleventy-img describes it. */
export interface PhotoRendition {
  url: string;
  width: number;
  height: number;
  sourceType: string;
  srcset: string;
}

/** eleventy-img metadata: renditions by format, each list ordered from narrow to wide. */
export type PhotoMetadata = Record<string, PhotoRendition[]>;

export interface FigureOptions {
  alt: string;
  caption?: string;
  credit?: string;
  /** The lead photo loads eagerly with high priority; the others lazily. */
  lead: boolean;
  sizes: string;
}

export interface PictureOptions {
  alt: string;
  sizes: string;
  /** `eager` also asks for high fetch priority: use it for the page's lead photo only. */
  loading: "eager" | "lazy";
}

/**
 * A `<picture>`: modern formats first as `<source>`s, the last format as the `<img>`
 * fallback, with intrinsic `width`/`height` against layout shift. Every text is escaped.
 */
export function renderPicture(metadata: PhotoMetadata, options: PictureOptions): string {
  const formats = Object.values(metadata).filter((renditions) => renditions.length > 0);
  const fallback = formats.at(-1);
  if (!fallback) throw new Error("renderPicture: the photo has no renditions");
  const largest = fallback.at(-1) as PhotoRendition;
  const sizes = escapeHtml(options.sizes);
  const sources = formats
    .slice(0, -1)
    .map(
      (renditions) =>
        `<source type="${renditions[0]?.sourceType}" srcset="${escapeHtml(srcset(renditions))}" sizes="${sizes}">`,
    );
  const loading = options.loading === "eager" ? 'loading="eager" fetchpriority="high"' : 'loading="lazy"';
  const img =
    `<img src="${escapeHtml(largest.url)}" srcset="${escapeHtml(srcset(fallback))}" sizes="${sizes}" ` +
    `alt="${escapeHtml(options.alt)}" width="${largest.width}" height="${largest.height}" ${loading} decoding="async">`;
  return `<picture>${sources.join("")}${img}</picture>`;
}

/** A photo as `<figure>` with its `<picture>` and a `<figcaption>` holding caption and credit. */
export function renderFigure(metadata: PhotoMetadata, options: FigureOptions): string {
  const picture = renderPicture(metadata, {
    alt: options.alt,
    sizes: options.sizes,
    loading: options.lead ? "eager" : "lazy",
  });
  const captionParts = [
    options.caption ? `<span class="caption">${escapeHtml(options.caption)}</span>` : "",
    options.credit ? `<span class="credit">${escapeHtml(options.credit)}</span>` : "",
  ].filter(Boolean);
  const figcaption = captionParts.length ? `<figcaption>${captionParts.join(" ")}</figcaption>` : "";
  return `<figure class="photo${options.lead ? " photo--lead" : ""}">${picture}${figcaption}</figure>`;
}

function srcset(renditions: PhotoRendition[]): string {
  return renditions.map((rendition) => `${rendition.url} ${rendition.width}w`).join(", ");
}
