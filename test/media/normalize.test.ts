import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { jpegDecodeShrink, MAX_INPUT_PIXELS, MediaRejected, normalizeAvatar, normalizeRecipeImage, normalizeThumbnail, RECIPE_MAX_LONG_EDGE } from "../../core/media/normalize";
import {
  accepted,
  displayP3Jpeg,
  GPS_MARKER,
  hasGpsIfd,
  isBlue,
  isRed,
  isWhite,
  jpegWithGps,
  jpegWithHarmlessWarning,
  near,
  orientedJpeg,
  photoLikeJpeg,
  pngBomb,
  refused,
  rgbAt,
  storedRgb,
  UPRIGHT,
} from "./fixtures";

/** One 12 MP phone photo for the tests that need the real size (made once: it takes a second). */
let twelveMegapixels: Promise<Buffer> | undefined;
const phonePhoto = () => (twelveMegapixels ??= photoLikeJpeg({ width: 4032, height: 3024, seed: 1 }));

async function rejectionOf(input: Buffer, normalize = normalizeRecipeImage): Promise<string> {
  const error = await normalize(input).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, "the image should have been refused").toBeInstanceOf(MediaRejected);
  return (error as MediaRejected).reason;
}

/** What the admin's photo looks like after normalization: decoded as any viewer would, with no metadata to help. */
async function expectPlainSrgbJpeg(jpeg: Buffer) {
  const info = await sharp(jpeg).metadata();
  expect(info).toMatchObject({ format: "jpeg", space: "srgb", channels: 3, depth: "uchar", hasAlpha: false });
  expect([info.exif, info.xmp, info.iptc, info.icc, info.orientation]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  return info;
}

describe("a recipe photo comes out upright whatever its EXIF orientation", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("orientation %i", async (orientation) => {
    const input = await orientedJpeg(orientation);
    expect((await sharp(input).metadata()).orientation).toBe(orientation);

    const { jpeg, width, height } = await normalizeRecipeImage(input);

    expect({ width, height }).toEqual(UPRIGHT);
    await expectPlainSrgbJpeg(jpeg);
    const right = UPRIGHT.width - 1;
    const bottom = UPRIGHT.height - 1;
    expect(isRed(await rgbAt(jpeg, 0, 0)), "top-left is red").toBe(true);
    expect(isBlue(await rgbAt(jpeg, right, 0)), "top-right is blue").toBe(true);
    expect(isBlue(await rgbAt(jpeg, 0, bottom)), "bottom-left is blue").toBe(true);
    expect(isBlue(await rgbAt(jpeg, right, bottom)), "bottom-right is blue").toBe(true);
  });
});

describe("accepted images become 8-bit sRGB JPEGs", () => {
  it("a grayscale JPEG", async () => {
    const input = await accepted.grayscaleJpeg();
    expect((await sharp(input).metadata()).channels).toBe(1);
    const { jpeg } = await normalizeRecipeImage(input);
    await expectPlainSrgbJpeg(jpeg);
    expect(near(await rgbAt(jpeg, 10, 10), [128, 128, 128], 3)).toBe(true);
  });

  it.each([
    ["without a profile", accepted.cmykJpeg],
    ["with its ICC profile", accepted.cmykJpegWithIcc],
  ])("a CMYK JPEG %s", async (_name, make) => {
    const input = await make();
    expect((await sharp(input).metadata()).space).toBe("cmyk");
    const { jpeg } = await normalizeRecipeImage(input);
    await expectPlainSrgbJpeg(jpeg);
    const [r, g, b] = await rgbAt(jpeg, 10, 10);
    expect(r, "still red, not inverted").toBeGreaterThan(190);
    expect(Math.max(g, b)).toBeLessThan(70);
  });

  it("a 16-bit PNG", async () => {
    const input = await accepted.sixteenBitPng();
    expect((await sharp(input).metadata()).depth).toBe("ushort");
    const { jpeg } = await normalizeRecipeImage(input);
    await expectPlainSrgbJpeg(jpeg);
    expect(near(await rgbAt(jpeg, 10, 10), [200, 100, 50], 4)).toBe(true);
  });

  it("a palette PNG", async () => {
    const input = await accepted.palettePng();
    expect((await sharp(input).metadata()).isPalette).toBe(true);
    const { jpeg } = await normalizeRecipeImage(input);
    await expectPlainSrgbJpeg(jpeg);
    expect(near(await rgbAt(jpeg, 10, 10), [200, 100, 50], 6)).toBe(true);
  });

  it("an RGBA PNG: transparent becomes white, not black", async () => {
    const input = await accepted.transparentPng();
    expect((await sharp(input).metadata()).hasAlpha).toBe(true);
    const { jpeg } = await normalizeRecipeImage(input);
    await expectPlainSrgbJpeg(jpeg);
    expect(isWhite(await rgbAt(jpeg, 10, 10))).toBe(true);
  });

  it("a progressive JPEG", async () => {
    const input = await accepted.progressiveJpeg();
    expect((await sharp(input).metadata()).isProgressive).toBe(true);
    const { jpeg } = await normalizeRecipeImage(input);
    await expectPlainSrgbJpeg(jpeg);
  });

  it("a WebP", async () => {
    const { jpeg, width, height } = await normalizeRecipeImage(await accepted.webp());
    await expectPlainSrgbJpeg(jpeg);
    expect({ width, height }).toEqual({ width: 90, height: 60 });
  });

  it("a Display P3 photo (iPhone) keeps its colours: converted through its profile, not relabelled", async () => {
    const input = await displayP3Jpeg();
    expect(near(await storedRgb(input, 10, 10), [200, 100, 50], 8), "the stored P3 values differ from the sRGB ones").toBe(false);
    const { jpeg } = await normalizeRecipeImage(input);
    await expectPlainSrgbJpeg(jpeg);
    expect(near(await rgbAt(jpeg, 10, 10), [200, 100, 50], 4)).toBe(true);
  });

  it("a JPEG with a harmless decoder warning (junk before a marker, as some cameras write)", async () => {
    const { jpeg } = await normalizeRecipeImage(await jpegWithHarmlessWarning());
    await expectPlainSrgbJpeg(jpeg);
  });

  it("a 12 MP phone photo is decoded at half its size (2016×1512), keeping its proportions", async () => {
    const input = await phonePhoto();
    const { jpeg, width, height } = await normalizeRecipeImage(input);
    expect({ width, height }).toEqual({ width: 2016, height: 1512 });
    const info = await expectPlainSrgbJpeg(jpeg);
    expect({ width: info.width, height: info.height }).toEqual({ width, height });
    expect(jpeg.length).toBeLessThan(input.length);
  });

  it("a portrait photo too small to halve (stored landscape, orientation 6) ends up portrait with a long edge of 2480 px", async () => {
    const { width, height } = await normalizeRecipeImage(await photoLikeJpeg({ width: 2800, height: 2100, seed: 2, orientation: 6 }));
    expect({ width, height }).toEqual({ width: 1860, height: RECIPE_MAX_LONG_EDGE });
  });

  it("a tiny 64×48 image is not enlarged", async () => {
    const { jpeg, width, height } = await normalizeRecipeImage(await accepted.tinyJpeg());
    expect({ width, height }).toEqual({ width: 64, height: 48 });
    await expectPlainSrgbJpeg(jpeg);
  });
});

describe("a large JPEG is decoded at 1/2, 1/4 or 1/8 of its size while that keeps a long edge of 2000 px", () => {
  it.each([
    [1999, 1],
    [3999, 1], // half would be 1999: libvips rounds down
    [4000, 2],
    [4032, 2],
    [7999, 2], // a quarter would be 1999
    [8064, 4], // a 48 MP phone photo
    [16_000, 8],
    [40_000, 8], // never more than 1/8: the resize does the rest
    [59_519, 8], // 1/8 leaves 7439 px, just under 3× 2480
    [59_520, 1], // 1/8 would leave 3× 2480: sharp shrinks on load by itself, from the buffer
  ])("a long edge of %i px is decoded at 1/%i", (longEdge, shrink) => {
    expect(jpegDecodeShrink(longEdge)).toBe(shrink);
  });

  const plainJpeg = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: "#c86432" } }).jpeg().toBuffer();
  it.each([
    ["8064×6048 (a 48 MP phone photo), decoded at 1/4", 8064, 6048, { width: 2016, height: 1512 }],
    ["4001×3001, decoded at 1/2 (rounded down)", 4001, 3001, { width: 2000, height: 1500 }],
    ["5200×3900, decoded at 1/2 and still over 2480 px, then resized", 5200, 3900, { width: RECIPE_MAX_LONG_EDGE, height: 1860 }],
    ["3999×2999, not halved (1999 px is too small), resized", 3999, 2999, { width: RECIPE_MAX_LONG_EDGE, height: 1860 }],
    ["a 60000×200 panorama, which sharp decodes at 1/8 by itself", 60_000, 200, { width: RECIPE_MAX_LONG_EDGE, height: 8 }],
  ])("%s", async (_name, width, height, expected) => {
    const normalized = await normalizeRecipeImage(await plainJpeg(width, height));
    expect({ width: normalized.width, height: normalized.height }).toEqual(expected);
    expect(near(await rgbAt(normalized.jpeg, 0, 0), [200, 100, 50], 4)).toBe(true);
  });

  it("only JPEGs: a 4032×3024 PNG is resized to 2480 px", async () => {
    const png = await sharp({ create: { width: 4032, height: 3024, channels: 3, background: "#3264c8" } }).png().toBuffer();
    const { width, height } = await normalizeRecipeImage(png);
    expect({ width, height }).toEqual({ width: RECIPE_MAX_LONG_EDGE, height: 1860 });
  });

  // The orientation is applied after the scaled decode: every corner still lands where the viewer saw it.
  const LARGE_UPRIGHT = { width: 4800, height: 3200 } as const;
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("orientation %i at 4800×3200 comes out upright at 2400×1600", async (orientation) => {
    const { jpeg, width, height } = await normalizeRecipeImage(await orientedJpeg(orientation, LARGE_UPRIGHT));
    expect({ width, height }).toEqual({ width: 2400, height: 1600 });
    await expectPlainSrgbJpeg(jpeg);
    expect(isRed(await rgbAt(jpeg, 10, 10)), "top-left is red").toBe(true);
    expect(isBlue(await rgbAt(jpeg, width - 10, 10)), "top-right is blue").toBe(true);
    expect(isBlue(await rgbAt(jpeg, 10, height - 10)), "bottom-left is blue").toBe(true);
    expect(isBlue(await rgbAt(jpeg, width - 10, height - 10)), "bottom-right is blue").toBe(true);
  });

  /** Runs `task` with `os.tmpdir()` pointing at `folder` (it reads TMPDIR on every call). */
  async function withTmpdir<T>(folder: string, task: () => Promise<T>): Promise<T> {
    const before = process.env.TMPDIR;
    process.env.TMPDIR = folder;
    try {
      return await task();
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  }

  it("a 12 MP JPEG cut in half is refused as truncated, and no copy of it stays in the temporary folder", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "normalize-test-"));
    try {
      const photo = await phonePhoto();
      await withTmpdir(folder, async () => {
        expect(await rejectionOf(photo.subarray(0, photo.length >> 1))).toBe("file is truncated");
        expect(await normalizeRecipeImage(photo)).toMatchObject({ width: 2016, height: 1512 });
      });
      expect(await readdir(folder)).toEqual([]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("without a temporary folder to write to, the photo is decoded whole: 2480 px, nothing refused", async () => {
    const missing = path.join(tmpdir(), "normalize-test-missing", "nowhere");
    const { jpeg, width, height } = await withTmpdir(missing, async () => normalizeRecipeImage(await phonePhoto()));
    expect({ width, height }).toEqual({ width: RECIPE_MAX_LONG_EDGE, height: 1860 });
    await expectPlainSrgbJpeg(jpeg);
  });
});

describe("no metadata survives (the GPS position of an admin's kitchen least of all)", () => {
  it("EXIF with GPS and XMP are stripped", async () => {
    const input = await jpegWithGps();
    const before = await sharp(input).metadata();
    expect(before.exif && hasGpsIfd(before.exif), "the input really has a GPS IFD").toBe(true);
    expect(before.exif?.includes(GPS_MARKER)).toBe(true);
    expect(before.xmp?.includes("GPSLatitude")).toBe(true);

    const { jpeg } = await normalizeRecipeImage(input);

    await expectPlainSrgbJpeg(jpeg);
    expect(jpeg.includes("Exif\0\0")).toBe(false);
    expect(jpeg.includes(GPS_MARKER)).toBe(false);
    expect(jpeg.includes("GPS")).toBe(false);
    expect(jpeg.includes("http://ns.adobe.com/xap/1.0/")).toBe(false);
  });

  it("thumbnails are stripped too", async () => {
    const { jpeg } = await normalizeThumbnail(await jpegWithGps());
    await expectPlainSrgbJpeg(jpeg);
    expect(jpeg.includes(GPS_MARKER)).toBe(false);
  });
});

describe("refused uploads say why, whatever their name or Content-Type claimed", () => {
  it.each([
    ["an empty file", async () => Buffer.alloc(0), "the file is empty"],
    ["an HTML page named photo.png", refused.htmlNamedPng, "not an image (it is an HTML page)"],
    ["a PDF", refused.pdf, "not an image (it is a PDF)"],
    ["an SVG with a script", refused.svgWithScript, "SVG is not accepted (it can carry scripts); export as PNG or JPEG"],
    ["a HEIC header followed by junk", refused.heicHeaderThenJunk, expect.stringMatching(/^the HEIC photo could not be decoded \(.+\); export it as JPEG and upload that$/)],
    ["a GIF", async () => Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), "GIF is not supported; use JPEG, PNG, WebP, HEIC or TIFF"],
    ["plain text", async () => Buffer.from("Tarta de queso: 200 g de azúcar"), "not a JPEG, PNG, WebP, HEIC or TIFF image"],
    ["a JPEG cut in half", refused.truncatedJpeg, "file is truncated"],
    ["a PNG cut in half", refused.truncatedPng, "file is truncated"],
    ["a WebP cut in half", refused.truncatedWebp, "file is truncated"],
  ])("%s", async (_name, make, reason) => {
    const input = await make();
    expect(await rejectionOf(input)).toEqual(reason);
    expect(await rejectionOf(input, normalizeThumbnail)).toEqual(reason);
  });

  it("a PNG whose pixel data is corrupt (bad checksum) cannot be read", async () => {
    const png = await sharp(await photoLikeJpeg({ width: 400, height: 300, seed: 3 })).png().toBuffer();
    const idat = png.indexOf("IDAT");
    png[idat + 100] = png[idat + 100]! ^ 0xff;
    expect(await rejectionOf(png)).toBe("the image could not be read");
  });

  it("a complete JPEG whose image data is damaged says so, not that it is truncated", async () => {
    const jpeg = await photoLikeJpeg({ width: 400, height: 300, seed: 4 });
    const damaged = Buffer.from(jpeg);
    // The first Huffman table claims more codes than a table holds (what a flipped bit does to a camera file).
    const huffmanTable = damaged.indexOf(Buffer.from([0xff, 0xc4]));
    damaged.set([0xff, 0xff], huffmanTable + 5);
    expect(damaged.subarray(-2).equals(Buffer.from([0xff, 0xd9])), "the file still ends with its EOI marker").toBe(true);
    expect(await rejectionOf(damaged)).toBe("the image data is damaged");
  });

  it("a video sent as a photo", async () => {
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom\0\0\0\0isomavc1"), Buffer.alloc(100)]);
    expect(await rejectionOf(mp4)).toBe("not an image (it is a video)");
  });

  it("a 40000×40000 PNG bomb is refused from its header, without decoding", async () => {
    const bomb = pngBomb(40_000, 40_000);
    expect(bomb.length).toBeLessThan(2_000);
    expect(40_000 * 40_000).toBeGreaterThan(MAX_INPUT_PIXELS);
    const before = process.memoryUsage().rss;

    expect(await rejectionOf(bomb)).toBe("image too large: 40000×40000 pixels");
    expect(await rejectionOf(bomb, normalizeThumbnail)).toBe("image too large: 40000×40000 pixels");

    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it("just over the pixel limit is refused; a 48 MP photo is not", async () => {
    expect(await rejectionOf(pngBomb(10_001, 10_000))).toBe("image too large: 10001×10000 pixels");
    expect(8000 * 6000).toBeLessThan(MAX_INPUT_PIXELS);
  });
});

describe("thumbnails", () => {
  it.each([
    ["a 4032×3024 photo", phonePhoto],
    ["a portrait photo (orientation 6)", () => photoLikeJpeg({ width: 1600, height: 1200, seed: 5, orientation: 6 })],
    ["a tiny image (enlarged to fill)", accepted.tinyJpeg],
  ])("%s becomes exactly 1280×720", async (_name, make) => {
    const result = await normalizeThumbnail(await make());
    expect({ width: result.width, height: result.height }).toEqual({ width: 1280, height: 720 });
    const info = await expectPlainSrgbJpeg(result.jpeg);
    expect({ width: info.width, height: info.height }).toEqual({ width: 1280, height: 720 });
  });
});

describe("HEIC/HEIF photos (libheif in WebAssembly)", () => {
  const file = (name: string) => readFile(path.join(import.meta.dirname, "files", name));
  /** Mean absolute difference per channel between two images scaled to the same 60×80 (0 = identical). */
  async function difference(a: Buffer, b: Buffer): Promise<number> {
    const raw = (image: Buffer) => sharp(image).resize(60, 80, { fit: "fill" }).removeAlpha().raw().toBuffer();
    const [x, y] = await Promise.all([raw(a), raw(b)]);
    return x.reduce((sum, value, index) => sum + Math.abs(value - y[index]!), 0) / x.length;
  }

  it("a real iPhone photo (irot 270° and EXIF orientation 6) comes out upright, once, without GPS, EXIF or XMP", async () => {
    const input = await file("iphone-xr-portrait.heic");
    expect(input.includes("Exif\0\0"), "the input carries EXIF").toBe(true);
    expect(input.includes("http://ns.adobe.com/xap/1.0/"), "and XMP").toBe(true);

    const { jpeg, width, height } = await normalizeRecipeImage(input);

    expect({ width, height }).toEqual({ width: 1860, height: RECIPE_MAX_LONG_EDGE });
    await expectPlainSrgbJpeg(jpeg);
    expect(jpeg.includes("Exif")).toBe(false);
    expect(jpeg.includes("GPS")).toBe(false);
    expect(jpeg.includes("apple")).toBe(false);
    // Upright as libheif's own tool shows it, and not turned a second time by the EXIF tag (that would be landscape,
    // or upside down if the two turns added up to 180°).
    const reference = await file("iphone-xr-portrait.reference.png");
    const upright = await difference(jpeg, reference);
    const upsideDown = await difference(await sharp(jpeg).rotate(180).toBuffer(), reference);
    expect(upright).toBeLessThan(8);
    expect(upsideDown).toBeGreaterThan(3 * upright);
  });

  it("a thumbnail and an avatar from it are upright crops", async () => {
    const input = await file("iphone-xr-portrait.heic");
    const thumbnail = await normalizeThumbnail(input);
    expect(await expectPlainSrgbJpeg(thumbnail.jpeg)).toMatchObject({ width: 1280, height: 720 });
    const avatar = await normalizeAvatar(input);
    expect(await expectPlainSrgbJpeg(avatar.jpeg)).toMatchObject({ width: 256, height: 256 });
  });

  it("a multi-image HEIF gives its primary image, even when it is not the first", async () => {
    const { jpeg, width, height } = await normalizeRecipeImage(await file("two-images-primary-second.heif"));
    expect({ width, height }).toEqual(UPRIGHT);
    await expectPlainSrgbJpeg(jpeg);
    expect(isRed(await rgbAt(jpeg, 5, 5)), "top-left is red").toBe(true);
    expect(isBlue(await rgbAt(jpeg, UPRIGHT.width - 5, UPRIGHT.height - 5)), "bottom-right is blue").toBe(true);
  });

  it("a HEIF bomb (its header says 20000×20000) is refused from the header, before decoding, with little memory", async () => {
    const bomb = Buffer.from(await file("two-images-primary-second.heif"));
    for (let at = bomb.indexOf("ispe"); at >= 0; at = bomb.indexOf("ispe", at + 4)) {
      bomb.writeUInt32BE(20_000, at + 8);
      bomb.writeUInt32BE(20_000, at + 12);
    }
    const before = process.memoryUsage().rss;
    expect(await rejectionOf(bomb)).toBe("image too large: 20000×20000 pixels");
    expect(await rejectionOf(bomb, normalizeThumbnail)).toBe("image too large: 20000×20000 pixels");
    // Decoding would need 20000 × 20000 × 3 bytes = 1.2 GB.
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it.each([0.5, 0.9, 0.02])("the iPhone photo cut at %s of its length is refused as truncated", async (fraction) => {
    const input = await file("iphone-xr-portrait.heic");
    expect(await rejectionOf(input.subarray(0, Math.floor(input.length * fraction)))).toBe("file is truncated");
  });
});

describe("TIFF (scanners, some cameras)", () => {
  it("is accepted; a multi-page TIFF gives its first page", async () => {
    const page = (colour: string) => sharp({ create: { width: 90, height: 60, channels: 3, background: colour } }).png().toBuffer();
    const tiff = await sharp([await page("#ff0000"), await page("#0000ff")], { join: { animated: true } }).tiff().toBuffer();
    expect((await sharp(tiff).metadata()).pages).toBe(2);
    const { jpeg, width, height } = await normalizeRecipeImage(tiff);
    expect({ width, height }).toEqual({ width: 90, height: 60 });
    await expectPlainSrgbJpeg(jpeg);
    expect(isRed(await rgbAt(jpeg, 45, 30))).toBe(true);
  });
});
