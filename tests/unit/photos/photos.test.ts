import { mkdir, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { PhotoError, processPhoto, type PhotoSettings } from "../../../src/lib/photos/photos.ts";
import { smallPhoto, tempDir } from "../../helpers/fixture-site.ts";

let dir: string;
let settings: PhotoSettings;

beforeAll(async () => {
  dir = await tempDir("photos");
  settings = { cacheDir: path.join(dir, "cache"), urlPath: "/photos/", widths: [160, 320], avifEffort: 4 };
});

/** A PNG whose header claims `width`×`height`: enough for a pixel-limit check without the pixels. */
function pngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([length, Buffer.from(type), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(10))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("processPhoto", () => {
  it("renders AVIF, WebP and JPEG at each width and names the files it wrote", async () => {
    const file = path.join(dir, "ok.jpg");
    await writeFile(file, await smallPhoto(400, 200, "#884422"));
    const { metadata, files } = await processPhoto(file, settings);
    expect(Object.keys(metadata)).toEqual(["avif", "webp", "jpeg"]);
    expect(metadata.jpeg?.map((r) => [r.width, r.height])).toEqual([
      [160, 80],
      [320, 160],
    ]);
    expect(files).toHaveLength(6);
    expect(metadata.avif?.[0]?.url).toMatch(/^\/photos\/[\w-]+-160\.avif$/);
  });

  it("keeps a PNG fallback for photos that may be transparent", async () => {
    const file = path.join(dir, "logo.png");
    await sharp({ create: { width: 200, height: 100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toFile(file);
    expect(Object.keys((await processPhoto(file, settings)).metadata)).toEqual(["avif", "webp", "png"]);
  });

  it("stores EXIF-rotated photos upright, with width and height to match", async () => {
    const file = path.join(dir, "rotated.jpg");
    // 300×100 pixels stored with orientation 6: shown rotated to 100×300.
    await sharp({ create: { width: 300, height: 100, channels: 3, background: "#123456" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toFile(file);
    const { metadata } = await processPhoto(file, { ...settings, widths: [100] });
    expect(metadata.jpeg?.[0]).toMatchObject({ width: 100, height: 300 });
  });

  it("refuses a photo over the byte cap before reading it", async () => {
    const file = path.join(dir, "huge.jpg");
    await writeFile(file, await smallPhoto(10, 10));
    await truncate(file, 41 * 1024 * 1024); // sparse: costs no disk
    await expect(processPhoto(file, settings)).rejects.toThrow(/^expected a photo of at most 40 MB, found 41\.0 MB$/);
  });

  it("refuses a folder where a photo should be", async () => {
    await mkdir(path.join(dir, "folder.jpg"), { recursive: true });
    await expect(processPhoto(path.join(dir, "folder.jpg"), settings)).rejects.toThrow(
      /^expected a photo file, found a folder$/,
    );
  });

  it("converts a CMYK JPEG to sRGB, colours intact", async () => {
    const file = path.join(dir, "cmyk.jpg");
    await sharp({ create: { width: 120, height: 80, channels: 3, background: "#ff0000" } })
      .toColourspace("cmyk")
      .jpeg()
      .toFile(file);
    expect((await sharp(file).metadata()).space).toBe("cmyk");
    const { metadata } = await processPhoto(file, { ...settings, widths: [60] });
    for (const format of ["jpeg", "webp", "avif"]) {
      const output = path.join(settings.cacheDir, path.basename(metadata[format]![0]!.url));
      const info = await sharp(output).metadata();
      expect([format, info.space, info.channels]).toEqual([format, "srgb", 3]);
      const { data } = await sharp(output).raw().toBuffer({ resolveWithObject: true });
      expect(data[0]).toBeGreaterThan(200); // still red
      expect(data[1]).toBeLessThan(40);
    }
  });

  it("turns an animated GIF into a still of its first frame, deliberately (news pages do not autoplay)", async () => {
    // Two 1×1 frames, red then green, looping: a hand-written GIF89a.
    const gif = Buffer.from(
      "47494638396101000100800000" +
        "ff000000ff00" +
        "21ff0b4e45545343415045322e300301000000" +
        "21f90400" +
        "0a000000" +
        "2c000000000100010000" +
        "0202440100" +
        "21f90400" +
        "0a000000" +
        "2c000000000100010000" +
        "02024c0100" +
        "3b",
      "hex",
    );
    const file = path.join(dir, "animated.gif");
    await writeFile(file, gif);
    expect((await sharp(file, { animated: true }).metadata()).pages).toBe(2);
    const { metadata } = await processPhoto(file, settings);
    expect(Object.keys(metadata)).toEqual(["avif", "webp", "png"]);
    const still = path.join(settings.cacheDir, path.basename(metadata.png![0]!.url));
    const info = await sharp(still, { animated: true }).metadata();
    expect([info.width, info.height, info.pages ?? 1]).toEqual([1, 1, 1]);
    const { data } = await sharp(still).raw().toBuffer({ resolveWithObject: true });
    expect([data[0], data[1], data[2]]).toEqual([255, 0, 0]); // the first frame
  });

  it("blames the machine, not the photo, when the rendition cache cannot be written", async () => {
    const file = path.join(dir, "fine.jpg");
    await writeFile(file, await smallPhoto(300, 200, "#123123"));
    const blocked = path.join(dir, "not-a-folder");
    await writeFile(blocked, "a file where the cache folder should be");
    const error = await processPhoto(file, { ...settings, cacheDir: path.join(blocked, "cache") }).catch(
      (e: Error) => e,
    );
    expect(error).not.toBeInstanceOf(PhotoError);
    expect((error as Error).message).toMatch(/^Cannot write photo renditions to .*not-a-folder\/cache: /);
  });

  it.each<[string, () => Promise<Buffer | null>, RegExp]>([
    [
      "a missing file",
      async () => null,
      /^expected an existing photo file beside the article, found no file at that path$/,
    ],
    [
      "HTML saved as .jpg",
      async () => Buffer.from("<!doctype html><html><body>Not found</body></html>"),
      /^expected a JPEG, PNG, WebP, AVIF, GIF or TIFF photo, found a file that is not a readable image/,
    ],
    [
      "a truncated JPEG",
      async () => (await smallPhoto(400, 300, "#aa0000")).subarray(0, 300),
      /found a damaged or truncated file/,
    ],
    [
      "a photo over the pixel limit",
      async () => pngHeader(20_000, 20_000),
      /^expected a photo of at most 100 megapixels, found 20000×20000$/,
    ],
    [
      "an SVG with a script",
      async () =>
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
      /found svg content/,
    ],
  ])("refuses %s with a clear reason", async (name, content, expected) => {
    const file = path.join(dir, `${name.replace(/\W+/g, "-")}.jpg`);
    const bytes = await content();
    if (bytes) await writeFile(file, bytes);
    await expect(processPhoto(file, settings)).rejects.toThrow(expected);
  });
});
