import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { logger } from "../logger";
import { detectType, refusal, type ImageFormat } from "./detect";
import { decodeHeif, type DecodedPixels } from "./heif";
import { MediaRejected } from "./rejection";

export { MediaRejected } from "./rejection";

/** A4's width at 300 dpi: the most a recipe page ever shows. */
export const RECIPE_MAX_LONG_EDGE = 2480;
/**
 * A JPEG is decoded at 1/2, 1/4 or 1/8 of its size whenever that still leaves this long edge: 2000 px prints at
 * 190-235 ppi where the PDF places a photo on an A4 page. libjpeg then reduces while decoding, from each block's
 * frequencies (an area average, 48-49 dB PSNR from an exact 2×2 box one), so a 12 MP phone photo (4032×3024,
 * stored as 2016×1512) takes 0.055 s of CPU instead of 0.145 s for a full decode and a lanczos3 resize to 2480 px
 * (measured: docs/media-bench.md, `npm run bench:normalize`).
 */
export const RECIPE_MIN_DECODED_LONG_EDGE = 2000;
/** Well above a 48 MP phone photo; a decompression bomb is refused from its header, before any decoding. */
export const MAX_INPUT_PIXELS = 100_000_000;
const THUMBNAIL_SIZE = { width: 1280, height: 720 } as const;
const AVATAR_SIZE = { width: 256, height: 256 } as const;

/**
 * q85 with libjpeg-turbo's standard Huffman tables. Measured on 12 MP photos decoded at 1/2: optimized tables
 * (`optimiseCoding`, sharp's default) save 4.4% of the bytes, pixels unchanged, for a second pass over the image
 * (+20-25% CPU); mozjpeg takes ~4× the CPU for ~7% fewer bytes.
 */
const JPEG = { quality: 85, optimiseCoding: false, mozjpeg: false } as const;
/**
 * "error" refuses truncated files and broken pixel data but not the harmless warnings real cameras produce
 * ("N extraneous bytes before marker"), which sharp's default ("warning") would refuse (measured).
 */
const FAIL_ON = "error" as const;

// libvips' operation cache (by default up to 50 MB and 100 operations) would keep the last images' pixels around
// for a repeat that never comes: every upload is a new buffer, decoded once. Without it, normalizing 50 photos
// two at a time peaked 30-70 MB lower, at the same speed (measured by bench/pdf.ts).
sharp.cache(false);

interface Normalized {
  jpeg: Buffer;
  width: number;
  height: number;
}

/**
 * A recipe photo as the PDF wants it: upright, 8-bit sRGB, no alpha, no metadata at all (EXIF, GPS, XMP, IPTC
 * and ICC are dropped: sharp keeps none unless asked), long edge at most {@link RECIPE_MAX_LONG_EDGE} (a large JPEG
 * between {@link RECIPE_MIN_DECODED_LONG_EDGE} and that), JPEG q85.
 * Throws {@link MediaRejected} for anything that is not a readable JPEG, PNG or WebP of a sane size.
 */
export async function normalizeRecipeImage(input: Buffer): Promise<Normalized> {
  const edge = RECIPE_MAX_LONG_EDGE;
  const fit = { width: edge, height: edge, fit: "inside", withoutEnlargement: true } as const;
  const format = imageFormat(input);
  if (format === "heif") return encode(input, format, decode(await decodeHeif(input, MAX_INPUT_PIXELS)).resize(fit));
  const { width, height } = await inspect(input, format);
  const shrink = format === "jpeg" ? jpegDecodeShrink(Math.max(width, height)) : 1;
  return withDecoderSource(input, shrink, (source) => encode(input, format, decode(source).resize(fit)));
}

/** A course thumbnail: exactly 1280×720, cropped around the most interesting region (sharp's attention strategy). */
export async function normalizeThumbnail(input: Buffer): Promise<{ jpeg: Buffer; width: 1280; height: 720 }> {
  const { jpeg } = await normalizeCropped(input, THUMBNAIL_SIZE);
  return { jpeg, ...THUMBNAIL_SIZE };
}

/** A user's avatar: 256×256, cropped like a thumbnail. */
export async function normalizeAvatar(input: Buffer): Promise<{ jpeg: Buffer; width: 256; height: 256 }> {
  const { jpeg } = await normalizeCropped(input, AVATAR_SIZE);
  return { jpeg, ...AVATAR_SIZE };
}

async function normalizeCropped(input: Buffer, size: { width: number; height: number }): Promise<Normalized> {
  const crop = { ...size, fit: "cover", position: sharp.strategy.attention } as const;
  const format = imageFormat(input);
  if (format === "heif") return encode(input, format, decode(await decodeHeif(input, MAX_INPUT_PIXELS)).resize(crop));
  await inspect(input, format);
  // From about 3840 px on (a 12 MP photo), the 1280×720 crop is a reduction of 3× or more, and sharp decodes the JPEG
  // at a fraction of its size by itself.
  return encode(input, format, decode(input).resize(crop));
}

/** The real type, from the magic bytes: anything but an image we read is refused with its reason. */
function imageFormat(input: Buffer): ImageFormat {
  const detected = detectType(input);
  if (detected.kind !== "image") throw new MediaRejected(refusal(detected, "image"));
  return detected.format;
}

/** Checks the pixel count from the header, before anything is decoded (a HEIF's is checked by core/media/heif.ts). */
async function inspect(input: Buffer, format: ImageFormat): Promise<{ width: number; height: number }> {

  let size: { width?: number; height?: number };
  try {
    // Header only, nothing decoded: sharp's own limit would throw here without telling the size we report.
    size = await sharp(input, { failOn: FAIL_ON, limitInputPixels: false }).metadata();
  } catch (error) {
    throw unreadable(error, input, format);
  }
  const { width = 0, height = 0 } = size;
  if (width * height > MAX_INPUT_PIXELS) throw new MediaRejected(`image too large: ${width}×${height} pixels`);
  return { width, height };
}

/**
 * The decode shared by every output: upright, flattened on white, 8-bit sRGB. A TIFF gives its first page (sharp's
 * default); a HEIF arrives as the pixels libheif decoded, already upright and without metadata.
 */
function decode(source: Buffer | string | DecodedPixels): sharp.Sharp {
  const image =
    typeof source === "string" || Buffer.isBuffer(source)
      ? sharp(source, { failOn: FAIL_ON, limitInputPixels: MAX_INPUT_PIXELS }) // second line of defence
      : sharp(source.pixels, { raw: { width: source.width, height: source.height, channels: source.channels } });
  return image
    .autoOrient()
    .flatten({ background: "#ffffff" })
    .toColourspace("srgb"); // CMYK (through its ICC profile, else a generic one), grey and 16-bit become 8-bit sRGB
}

/**
 * The largest of 1, 2, 4 and 8 that still leaves the long edge at least {@link RECIPE_MIN_DECODED_LONG_EDGE}
 * (libvips rounds the scaled size down). What is left to the resize is then under 4000 / 2480 = 1.6× (at 1/2 and
 * 1/4) or under 3× (at 1/8), so sharp never adds a shrink-on-load of its own: it does from 3× on, and would reload
 * the file by its literal name, options included, which fails. A JPEG so long that 1/8 still leaves 3× (a
 * panorama of 59,520 px or more) is left to that shrink-on-load of sharp's, from the buffer.
 */
export function jpegDecodeShrink(longEdge: number): 1 | 2 | 4 | 8 {
  let shrink: 1 | 2 | 4 | 8 = 1;
  while (shrink < 8 && Math.floor(longEdge / (shrink * 2)) >= RECIPE_MIN_DECODED_LONG_EDGE) shrink = (shrink * 2) as 2 | 4 | 8;
  return Math.floor(longEdge / shrink) >= 3 * RECIPE_MAX_LONG_EDGE ? 1 : shrink;
}

/**
 * Runs `use` on what sharp should decode: the buffer itself, or, to decode a JPEG at 1/`shrink` of its size, a
 * temporary copy of it on disk named with libvips' `[shrink=N]` load option. sharp has no option for it: it passes
 * libvips the options in a file name, not those of a buffer. The folder goes once `use` has finished reading it.
 * When the copy cannot be written (the function's /tmp full or missing), the photo is decoded whole: slower, the
 * same upright result at up to 2480 px, and the upload is not failed for a fault of the machine's.
 */
async function withDecoderSource<T>(input: Buffer, shrink: number, use: (source: Buffer | string) => Promise<T>): Promise<T> {
  if (shrink === 1) return use(input);
  const copy = await temporaryCopy(input);
  if (!copy) return use(input);
  try {
    return await use(`${copy.file}[shrink=${shrink}]`);
  } finally {
    await copy.remove();
  }
}

/** The photo written into a new folder of its own under `os.tmpdir()`; undefined, with a warning, when that fails. */
async function temporaryCopy(input: Buffer): Promise<{ file: string; remove: () => Promise<void> } | undefined> {
  let folder: string | undefined;
  // A copy left behind is only space (its folder's name says what it was): never a reason to fail the photo.
  const remove = async () => {
    if (folder) await rm(folder, { recursive: true, force: true }).catch((error: unknown) => logger.warn("a temporary copy of a photo was not removed", { folder, error }));
  };
  try {
    folder = await mkdtemp(path.join(tmpdir(), "recipe-photo-"));
    const file = path.join(folder, "upload.jpg");
    await writeFile(file, input);
    return { file, remove };
  } catch (error) {
    logger.warn("no temporary copy of the photo could be made: decoding it whole", { error });
    await remove();
    return undefined;
  }
}

async function encode(input: Buffer, format: ImageFormat, pipeline: sharp.Sharp): Promise<Normalized> {
  try {
    const { data, info } = await pipeline.jpeg(JPEG).toBuffer({ resolveWithObject: true });
    return { jpeg: data, width: info.width, height: info.height };
  } catch (error) {
    throw unreadable(error, input, format);
  }
}

/**
 * libjpeg says "premature end of JPEG file" both for a file cut short (at any cut point: measured) and for a
 * complete file whose entropy-coded data is corrupt (it runs out of valid data before the end-of-image marker):
 * the marker at the end of the file tells the two apart. libspng says "end of stream" for most cuts but the same
 * "read error" as for a bad checksum for others, and libwebp reports every cut as a "corrupt header". The
 * containers' own lengths settle PNG and WebP.
 */
function unreadable(error: unknown, input: Buffer, format: ImageFormat): MediaRejected {
  const message = error instanceof Error ? error.message : String(error);
  if (format === "jpeg") {
    if (!endsWithJpegEoi(input)) return new MediaRejected("file is truncated");
    if (/premature end|corrupt|huffman|bogus|invalid/i.test(message)) return new MediaRejected("the image data is damaged");
  }
  if (/end of stream/i.test(message) || isCutShort(input, format)) return new MediaRejected("file is truncated");
  return new MediaRejected("the image could not be read");
}

function isCutShort(input: Buffer, format: ImageFormat): boolean {
  if (format === "webp") return input.length < 12 || input.readUInt32LE(4) + 8 > input.length;
  if (format === "png") return !hasCompletePngChunks(input);
  return false;
}

/** A complete JPEG ends with its EOI marker (FF D9); some writers pad after it, so a few trailing bytes are allowed. */
function endsWithJpegEoi(jpeg: Buffer): boolean {
  const tail = jpeg.subarray(Math.max(0, jpeg.length - 64));
  const eoi = tail.lastIndexOf(Buffer.from([0xff, 0xd9]));
  return eoi >= 0 && tail.subarray(eoi + 2).every((byte) => byte === 0 || byte === 0xff);
}

/** Walks the PNG chunks (length, type, data, CRC) up to IEND; false when one runs past the end of the file. */
function hasCompletePngChunks(png: Buffer): boolean {
  let offset = 8;
  while (offset + 8 <= png.length) {
    const end = offset + 12 + png.readUInt32BE(offset);
    if (end > png.length) return false;
    if (png.toString("latin1", offset + 4, offset + 8) === "IEND") return true;
    offset = end;
  }
  return false;
}
