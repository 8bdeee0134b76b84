import sharp from "sharp";
import { detectType, type Detected } from "./detect";

/** A4 at 300 dpi: the recipe PDF prints sharp, and nothing bigger is ever needed. */
export const RECIPE_MAX_LONG_EDGE = 2480;
/** Well above a 48 MP phone photo; a decompression bomb is refused from its header, before any decoding. */
export const MAX_INPUT_PIXELS = 100_000_000;
const THUMBNAIL_SIZE = { width: 1280, height: 720 } as const;

const JPEG = { quality: 85, mozjpeg: false } as const; // mozjpeg: ~4× slower for ~7% fewer bytes (measured)
/**
 * "error" refuses truncated files and broken pixel data but not the harmless warnings real cameras produce
 * ("N extraneous bytes before marker"), which sharp's default ("warning") would refuse (measured).
 */
const FAIL_ON = "error" as const;

// libvips' operation cache (by default up to 50 MB and 100 operations) would keep the last images' pixels around
// for a repeat that never comes: every upload is a new buffer, decoded once. Without it, normalizing 50 photos
// two at a time peaked 30-70 MB lower, at the same speed (measured by bench/pdf.ts).
sharp.cache(false);

/** Why an upload was refused; `reason` is shown to the admin as is. */
export class MediaRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "MediaRejected";
  }
}

type ImageFormat = Extract<Detected, { kind: "image" }>["format"];
interface Normalized {
  jpeg: Buffer;
  width: number;
  height: number;
}

/**
 * A recipe photo as the PDF wants it: upright, 8-bit sRGB, no alpha, no metadata at all (EXIF, GPS, XMP, IPTC
 * and ICC are dropped: sharp keeps none unless asked), long edge at most {@link RECIPE_MAX_LONG_EDGE}, JPEG q85.
 * Throws {@link MediaRejected} for anything that is not a readable JPEG, PNG or WebP of a sane size.
 */
export async function normalizeRecipeImage(input: Buffer): Promise<Normalized> {
  const { format, pipeline } = await openImage(input);
  const edge = RECIPE_MAX_LONG_EDGE;
  return encode(input, format, pipeline.resize({ width: edge, height: edge, fit: "inside", withoutEnlargement: true }));
}

/** A course thumbnail: exactly 1280×720, cropped around the most interesting region (sharp's attention strategy). */
export async function normalizeThumbnail(input: Buffer): Promise<{ jpeg: Buffer; width: 1280; height: 720 }> {
  const { format, pipeline } = await openImage(input);
  const { jpeg } = await encode(input, format, pipeline.resize({ ...THUMBNAIL_SIZE, fit: "cover", position: sharp.strategy.attention }));
  return { jpeg, ...THUMBNAIL_SIZE };
}

/** Checks the real type and the pixel count from the header, then sets up the decode shared by both outputs. */
async function openImage(input: Buffer): Promise<{ format: ImageFormat; pipeline: sharp.Sharp }> {
  const detected = detectType(input);
  if (detected.kind === "unsupported") throw new MediaRejected(detected.reason);
  if (detected.kind === "video") throw new MediaRejected("not an image (it is a video)");
  const { format } = detected;

  let size: { width?: number; height?: number };
  try {
    // Header only, nothing decoded: sharp's own limit would throw here without telling the size we report.
    size = await sharp(input, { failOn: FAIL_ON, limitInputPixels: false }).metadata();
  } catch (error) {
    throw unreadable(error, input, format);
  }
  const { width = 0, height = 0 } = size;
  if (width * height > MAX_INPUT_PIXELS) throw new MediaRejected(`image too large: ${width}×${height} pixels`);

  const pipeline = sharp(input, { failOn: FAIL_ON, limitInputPixels: MAX_INPUT_PIXELS }) // second line of defence
    .autoOrient()
    .flatten({ background: "#ffffff" })
    .toColourspace("srgb"); // CMYK (through its ICC profile, else a generic one), grey and 16-bit become 8-bit sRGB
  return { format, pipeline };
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
 * libjpeg names truncation ("premature end of JPEG image", at any cut point: measured); libspng says "end of
 * stream" for most cuts but the same "read error" as for a bad checksum for others, and libwebp reports every
 * cut as a "corrupt header". The containers' own lengths settle PNG and WebP.
 */
function unreadable(error: unknown, input: Buffer, format: ImageFormat): MediaRejected {
  const message = error instanceof Error ? error.message : String(error);
  if (/premature end|end of stream/i.test(message) || isCutShort(input, format)) return new MediaRejected("file is truncated");
  return new MediaRejected("the image could not be read");
}

function isCutShort(input: Buffer, format: ImageFormat): boolean {
  if (format === "webp") return input.length < 12 || input.readUInt32LE(4) + 8 > input.length;
  if (format === "png") return !hasCompletePngChunks(input);
  return false;
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
