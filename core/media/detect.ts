/**
 * What a file really is, from its first bytes. The name and the Content-Type come from the browser and prove
 * nothing; a phone's "photo.png" may be HEIC, and a renamed HTML page is still an HTML page.
 */
export type ImageFormat = "jpeg" | "png" | "webp" | "heif" | "tiff";
export type VideoFormat = "mp4" | "webm" | "quicktime";

export type Detected =
  | { kind: "image"; format: ImageFormat }
  | { kind: "video"; format: VideoFormat }
  | { kind: "pdf" }
  /** Recognised, and accepted by no upload: `name` reads in a sentence ("GIF", "an HTML page"). */
  | { kind: "unsupported"; family: "image" | "video" | "other"; name: string }
  | { kind: "empty" }
  | { kind: "unknown" };

/** What an upload route expects, which decides how a refusal is worded. */
export type Expected = "image" | "video" | "pdf";

/** How far into the head text signatures are looked for (an SVG's `<svg` may follow an XML prolog and comments). */
const TEXT_WINDOW = 1024;

/** ISO-BMFF brands (the `ftyp` box), by what we do with them. */
const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1", "heif"]);
const AVIF_BRANDS = new Set(["avif", "avis"]);
const MP4_BRANDS = new Set(["isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "dash", "M4V "]);
const QUICKTIME_BRANDS = new Set(["qt  "]);
/** Audio-only MP4 (iTunes' M4A, AAC, audio books): the container of a video, never one. */
const AUDIO_BRANDS = new Set(["M4A ", "M4B ", "M4P "]);
/** A QuickTime file from before `ftyp` existed starts directly with one of these atoms. */
const QUICKTIME_FIRST_ATOMS = new Set(["moov", "mdat", "wide"]);

/** Looks at the first bytes only: give it at least 64 when the file has them (the whole file is fine too). */
export function detectType(head: Uint8Array): Detected {
  if (head.length === 0) return { kind: "empty" };
  const bytes = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, TEXT_WINDOW));
  const ascii = (start: number, end: number) => bytes.toString("latin1", start, end);
  const startsWith = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);

  if (startsWith(0xff, 0xd8, 0xff)) return { kind: "image", format: "jpeg" };
  if (startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { kind: "image", format: "png" };
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return { kind: "image", format: "webp" };
  if (ascii(0, 4) === "II*\0" || ascii(0, 4) === "MM\0*") return { kind: "image", format: "tiff" };
  if (ascii(0, 6) === "GIF87a" || ascii(0, 6) === "GIF89a") return unsupported("image", "GIF");
  if (isBmp(bytes)) return unsupported("image", "BMP");
  if (ascii(0, 5) === "%PDF-") return { kind: "pdf" };
  if (bytes.length >= 4 && ascii(0, 2) === "PK" && [0x0304, 0x0506, 0x0708].includes(bytes.readUInt16BE(2))) return unsupported("other", "a ZIP archive");
  if (ascii(4, 8) === "ftyp") return detectIsoMedia(bytes);
  if (QUICKTIME_FIRST_ATOMS.has(ascii(4, 8))) return { kind: "video", format: "quicktime" };
  if (startsWith(0x1a, 0x45, 0xdf, 0xa3)) {
    // EBML is shared by WebM and Matroska; browsers only promise to play WebM.
    return ascii(0, bytes.length).includes("matroska") ? unsupported("video", "MKV video") : { kind: "video", format: "webm" };
  }
  if (ascii(0, 3) === "ID3" || (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0)) return unsupported("other", "an audio file");
  return detectText(ascii(0, bytes.length));
}

const FORMAT_NAMES: Record<ImageFormat, string> = { jpeg: "JPEG", png: "PNG", webp: "WebP", heif: "HEIC", tiff: "TIFF" };
const ACCEPTED_IMAGES = "JPEG, PNG, WebP, HEIC or TIFF";

/**
 * The sentence an admin reads when a file is not what the upload expects ("not a video (it is a JPEG image)").
 * Call it only for a file the caller refuses: an accepted kind has no reason.
 */
export function refusal(detected: Detected, expected: Expected): string {
  const wanted = { image: "not an image", video: "not a video", pdf: "not a PDF" }[expected];
  switch (detected.kind) {
    case "empty":
      return "the file is empty";
    case "unknown":
      return { image: `not a ${ACCEPTED_IMAGES} image`, video: "not an MP4, MOV or WebM video", pdf: "not a PDF" }[expected];
    case "image":
      return `${wanted} (it is a ${FORMAT_NAMES[detected.format]} image)`;
    case "video":
      return `${wanted} (it is a video)`;
    case "pdf":
      return `${wanted} (it is a PDF)`;
    case "unsupported":
      if (detected.name === "SVG") return expected === "image" ? "SVG is not accepted (it can carry scripts); export as PNG or JPEG" : `${wanted} (it is an SVG image)`;
      if (detected.family === expected) return expected === "image" ? `${detected.name} is not supported; use ${ACCEPTED_IMAGES}` : `${detected.name} is not supported; use MP4 or WebM`;
      return `${wanted} (it is ${detected.family === "image" ? `a ${detected.name} image` : detected.name})`;
  }
}

function unsupported(family: "image" | "video" | "other", name: string): Detected {
  return { kind: "unsupported", family, name };
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
    if (HEIF_BRANDS.has(brand)) return { kind: "image", format: "heif" };
    if (AVIF_BRANDS.has(brand)) return unsupported("image", "AVIF");
    if (AUDIO_BRANDS.has(brand)) return unsupported("other", "an audio file");
    if (MP4_BRANDS.has(brand)) return { kind: "video", format: "mp4" };
    if (QUICKTIME_BRANDS.has(brand)) return { kind: "video", format: "quicktime" };
  }
  return { kind: "unknown" };
}

/** Text files: what matters is whether it is a web page or an SVG (which can carry scripts). */
function detectText(text: string): Detected {
  const start = text.replace(/^(\xef\xbb\xbf)?\s*/, "").toLowerCase();
  if (start.startsWith("<!doctype html") || start.startsWith("<html")) return unsupported("other", "an HTML page");
  const prologThenSvg = (start.startsWith("<?xml") || start.startsWith("<!--")) && start.includes("<svg");
  if (start.startsWith("<svg") || start.startsWith("<!doctype svg") || prologThenSvg) return unsupported("image", "SVG");
  return { kind: "unknown" };
}
