import { describe, expect, it } from "vitest";
import { renderFigure, type PhotoMetadata } from "../../../src/lib/photos/figure.ts";

const rendition = (format: string, width: number) => ({
  url: `/photos/abc-${width}.${format}`,
  width,
  height: width / 2,
  sourceType: `image/${format}`,
  srcset: `/photos/abc-${width}.${format} ${width}w`,
});
const metadata: PhotoMetadata = {
  avif: [rendition("avif", 480), rendition("avif", 800)],
  webp: [rendition("webp", 480), rendition("webp", 800)],
  jpeg: [rendition("jpeg", 480), rendition("jpeg", 800)],
};

describe("renderFigure", () => {
  it("builds a picture with modern formats as sources and the last format as the img", () => {
    const html = renderFigure(metadata, { alt: "A crane", lead: true, sizes: "100vw" });
    expect(html).toBe(
      '<figure class="photo photo--lead"><picture>' +
        '<source type="image/avif" srcset="/photos/abc-480.avif 480w, /photos/abc-800.avif 800w" sizes="100vw">' +
        '<source type="image/webp" srcset="/photos/abc-480.webp 480w, /photos/abc-800.webp 800w" sizes="100vw">' +
        '<img src="/photos/abc-800.jpeg" srcset="/photos/abc-480.jpeg 480w, /photos/abc-800.jpeg 800w" sizes="100vw" ' +
        'alt="A crane" width="800" height="400" loading="eager" fetchpriority="high" decoding="async">' +
        "</picture></figure>",
    );
  });

  it("loads photos after the lead lazily", () => {
    const html = renderFigure(metadata, { alt: "A", lead: false, sizes: "100vw" });
    expect(html).toContain('loading="lazy"');
    expect(html).not.toContain("fetchpriority");
    expect(html).toContain('<figure class="photo">');
  });

  it("puts caption and credit in the figcaption, escaped", () => {
    const html = renderFigure(metadata, {
      alt: 'Say "hi" <b>',
      caption: "<script>alert(1)</script>",
      credit: "A & B",
      lead: false,
      sizes: "100vw",
    });
    expect(html).toContain('alt="Say &quot;hi&quot; &lt;b&gt;"');
    expect(html).toContain(
      '<figcaption><span class="caption">&lt;script&gt;alert(1)&lt;/script&gt;</span> <span class="credit">A &amp; B</span></figcaption>',
    );
  });

  it("refuses metadata without renditions", () => {
    expect(() => renderFigure({}, { alt: "A", lead: true, sizes: "100vw" })).toThrow(/no renditions/);
  });
});
