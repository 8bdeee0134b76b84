/**
 * What a file really is, from its first bytes. The name and the Content-Type come from the browser and prove
 * nothing; a phone's "photo.png" may be HEIC, and a renamed HTML page is still an HTML page.
 */
export type Detected =
  | { kind: "image"; format: "jpeg" | "png" | "webp" }
  | { kind: "video"; format: "mp4" | "webm" | "quicktime" }
  /** `reason` is a sentence shown to the admin as is. */
  | { kind: "unsupported"; reason: string };

/** How far into the head text signatures are looked for (an SVG's `<svg` may follow an XML prolog and comments). */
const TEXT_WINDOW = 1024;

const NOT_SUPPORTED = (name: string) => `${name} is not supported; use JPEG, PNG or WebP`;

/** ISO-BMFF brands (the `ftyp` box), by what we do with them. */
const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1", "heif"]);
const AVIF_BRANDS = new Set(["avif", "avis"]);
const MP4_BRANDS = new Set(["isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "dash", "M4V "]);
const QUICKTIME_BRANDS = new Set(["qt  "]);
/** A QuickTime file from before `ftyp` existed starts directly with one of these atoms. */
const QUICKTIME_FIRST_ATOMS = new Set(["moov", "mdat", "wide"]);

/** Looks at the first bytes only: give it at least 64 when the file has them (the whole file is fine too). */
export function detectType(head: Uint8Array): Detected {
  if (head.length === 0) return unsupported("the file is empty");
  const bytes = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, TEXT_WINDOW));
  const ascii = (start: number, end: number) => bytes.toString("latin1", start, end);
  const startsWith = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);

  if (startsWith(0xff, 0xd8, 0xff)) return { kind: "image", format: "jpeg" };
  if (startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { kind: "image", format: "png" };
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return { kind: "image", format: "webp" };
  if (ascii(0, 6) === "GIF87a" || ascii(0, 6) === "GIF89a") return unsupported(NOT_SUPPORTED("GIF"));
  if (ascii(0, 4) === "II*\0" || ascii(0, 4) === "MM\0*") return unsupported(NOT_SUPPORTED("TIFF"));
  if (isBmp(bytes)) return unsupported(NOT_SUPPORTED("BMP"));
  if (ascii(0, 5) === "%PDF-") return unsupported("not an image (it is a PDF)");
  if (bytes.length >= 4 && ascii(0, 2) === "PK" && [0x0304, 0x0506, 0x0708].includes(bytes.readUInt16BE(2))) {
    return unsupported("not an image (it is a ZIP archive)");
  }
  if (ascii(4, 8) === "ftyp") return detectIsoMedia(bytes);
  if (QUICKTIME_FIRST_ATOMS.has(ascii(4, 8))) return { kind: "video", format: "quicktime" };
  if (startsWith(0x1a, 0x45, 0xdf, 0xa3)) {
    // EBML is shared by WebM and Matroska; browsers only promise to play WebM.
    return ascii(0, bytes.length).includes("matroska") ? unsupported("MKV video is not supported; use MP4 or WebM") : { kind: "video", format: "webm" };
  }
  return detectText(ascii(0, bytes.length));
}

function unsupported(reason: string): Detected {
  return { kind: "unsupported", reason };
}

/** "BM" alone is too common a start for text; the DIB header size that follows it is one of a few known values. */
function isBmp(bytes: Buffer): boolean {
  if (bytes.length < 18 || bytes.toString("latin1", 0, 2) !== "BM") return false;
  return [12, 40, 52, 56, 64, 108, 124].includes(bytes.readUInt32LE(14));
}

/** `....ftyp<major brand><minor version><compatible brands...>`: the major brand decides, else the first known compatible one. */
function detectIsoMedia(bytes: Buffer): Detected {
  const boxEnd = Math.min(bytes.readUInt32BE(0), bytes.length);
  const brands = [bytes.toString("latin1", 8, 12)];
  for (let offset = 16; offset + 4 <= boxEnd; offset += 4) brands.push(bytes.toString("latin1", offset, offset + 4));
  for (const brand of brands) {
    if (HEIF_BRANDS.has(brand)) return unsupported("HEIC is not supported, export as JPEG");
    if (AVIF_BRANDS.has(brand)) return unsupported(NOT_SUPPORTED("AVIF"));
    if (MP4_BRANDS.has(brand)) return { kind: "video", format: "mp4" };
    if (QUICKTIME_BRANDS.has(brand)) return { kind: "video", format: "quicktime" };
  }
  return unsupported("not a JPEG, PNG or WebP image");
}

/** Text files: what matters is whether it is a web page or an SVG (which can carry scripts). */
function detectText(text: string): Detected {
  const start = text.replace(/^(\xef\xbb\xbf)?\s*/, "").toLowerCase();
  if (start.startsWith("<!doctype html") || start.startsWith("<html")) return unsupported("not an image (it is an HTML page)");
  const prologThenSvg = (start.startsWith("<?xml") || start.startsWith("<!--")) && start.includes("<svg");
  if (start.startsWith("<svg") || start.startsWith("<!doctype svg") || prologThenSvg) {
    return unsupported("SVG is not accepted (it can carry scripts); export as PNG or JPEG");
  }
  return unsupported("not a JPEG, PNG or WebP image");
}
