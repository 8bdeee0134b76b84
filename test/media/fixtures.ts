/**
 * Images made at test time with sharp (no binary file in the repository), and helpers to look inside the
 * results: pixels of a JPEG, images and fonts of a PDF.
 */
import fontkit, { type Font } from "@pdf-lib/fontkit";
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { seededRandom } from "../../dev/queue";
import sharp from "sharp";
import { deflateSync } from "node:zlib";

export type Rgb = [number, number, number];

// ---------------------------------------------------------------------------------------------------------------
// Orientation

/** The upright picture every orientation fixture shows: wider than tall, red top-left quadrant, blue elsewhere. */
export const UPRIGHT = { width: 120, height: 80 } as const;

/**
 * Where the pixel stored at (x, y) appears once a viewer applies EXIF orientation N (TIFF 6.0 / EXIF 2.32,
 * tag 0x0112: "the 0th row is the visual top / right / bottom / left side..."). Independent of sharp on purpose.
 */
function displayedAt(orientation: number, x: number, y: number, storedWidth: number, storedHeight: number): [number, number] {
  switch (orientation) {
    case 1: return [x, y];
    case 2: return [storedWidth - 1 - x, y];
    case 3: return [storedWidth - 1 - x, storedHeight - 1 - y];
    case 4: return [x, storedHeight - 1 - y];
    case 5: return [y, x];
    case 6: return [storedHeight - 1 - y, x];
    case 7: return [storedHeight - 1 - y, storedWidth - 1 - x];
    case 8: return [y, storedWidth - 1 - x];
    default: throw new Error(`no EXIF orientation ${orientation}`);
  }
}

/**
 * A JPEG whose stored pixels are an image of `upright` size (red top-left quarter, blue elsewhere) transformed by
 * the inverse of `orientation`, tagged `orientation`.
 */
export async function orientedJpeg(orientation: number, upright: { width: number; height: number } = UPRIGHT): Promise<Buffer> {
  const turned = orientation >= 5;
  const width = turned ? upright.height : upright.width;
  const height = turned ? upright.width : upright.height;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [dx, dy] = displayedAt(orientation, x, y, width, height);
      const red = dx < upright.width / 2 && dy < upright.height / 2;
      const offset = (y * width + x) * 3;
      if (red) raw[offset] = 255;
      else raw[offset + 2] = 255;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).withMetadata({ orientation }).jpeg({ quality: 95 }).toBuffer();
}

// ---------------------------------------------------------------------------------------------------------------
// Accepted inputs

const solid = (width: number, height: number, background: sharp.Color, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background } });

export const accepted = {
  grayscaleJpeg: () => solid(90, 60, "#808080").toColourspace("b-w").jpeg().toBuffer(),
  cmykJpeg: () => solid(90, 60, "#ff0000").toColourspace("cmyk").jpeg().toBuffer(),
  cmykJpegWithIcc: () => solid(90, 60, "#ff0000").toColourspace("cmyk").withIccProfile("cmyk").jpeg().toBuffer(),
  sixteenBitPng: () => solid(90, 60, "#c86432").toColourspace("rgb16").png().toBuffer(),
  palettePng: () => solid(90, 60, "#c86432").png({ palette: true, colours: 16 }).toBuffer(),
  transparentPng: () => solid(90, 60, { r: 0, g: 0, b: 0, alpha: 0 }, 4).png().toBuffer(),
  progressiveJpeg: () => solid(90, 60, "#c86432").jpeg({ progressive: true }).toBuffer(),
  webp: () => solid(90, 60, "#c86432").webp().toBuffer(),
  tinyJpeg: () => solid(64, 48, "#c86432").jpeg().toBuffer(),
};

/**
 * The colour (200, 100, 50) in sRGB, stored as Display P3 values with the P3 profile attached (what an iPhone
 * writes). Read without colour management, its pixels are visibly different: see `storedRgb`.
 */
export const displayP3Jpeg = () => solid(90, 60, { r: 200, g: 100, b: 50 }).withIccProfile("p3").jpeg({ quality: 95 }).toBuffer();

/** A JPEG with 4 junk bytes before its frame header: libjpeg warns ("extraneous bytes before marker") but decodes. */
export async function jpegWithHarmlessWarning(): Promise<Buffer> {
  const jpeg = await solid(90, 60, "#c86432").jpeg().toBuffer();
  const frame = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  return Buffer.concat([jpeg.subarray(0, frame), Buffer.from([1, 2, 3, 4]), jpeg.subarray(frame)]);
}


/**
 * Something that compresses like a 12 MP phone photo (about 3.5 MB at 4032×3024): soft colour light over the
 * frame, fine texture everywhere (crumb, cloth, wood), a few sharp-edged shapes, sensor grain; JPEG q92 with
 * 4:2:0 chroma, as phones write. Texture and grain are in brightness only: a phone's processing removes colour
 * noise, and real colour detail is coarse (which is why 4:2:0 works). Seeded: the same bytes on every run.
 */
export async function photoLikeJpeg(options: { width: number; height: number; seed: number; orientation?: number }): Promise<Buffer> {
  const { width, height } = options;
  const next = seededRandom(options.seed);
  const field = (fieldWidth: number, fieldHeight: number, channels: 1 | 3) => {
    const values = Uint8Array.from({ length: fieldWidth * fieldHeight * channels }, () => next() * 256);
    return sharp(values, { raw: { width: fieldWidth, height: fieldHeight, channels } }).resize(width, height, { kernel: "cubic", fit: "fill" }).raw().toBuffer();
  };
  const light = await field(8, 6, 3);
  const texture = await field(Math.ceil(width / 4), Math.ceil(height / 4), 1);

  const pixels = new Uint8ClampedArray(light.length);
  for (let pixel = 0; pixel < texture.length; pixel++) {
    const brightness = (texture[pixel]! - 128) * 0.35 + Math.floor(next() * 7) - 3;
    for (let channel = 0; channel < 3; channel++) pixels[pixel * 3 + channel] = light[pixel * 3 + channel]! + brightness;
  }

  const shapes = Array.from({ length: 12 }, () => {
    const [x, y, size] = [next() * width, next() * height, (0.03 + next() * 0.12) * width];
    const colour = `rgb(${Math.floor(next() * 256)},${Math.floor(next() * 256)},${Math.floor(next() * 256)})`;
    return next() < 0.5
      ? `<circle cx="${x}" cy="${y}" r="${size}" fill="${colour}" fill-opacity="0.8"/>`
      : `<rect x="${x}" y="${y}" width="${size * 1.6}" height="${size}" fill="${colour}" fill-opacity="0.8" transform="rotate(${next() * 90} ${x} ${y})"/>`;
  });
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes.join("")}</svg>`);
  const image = sharp(pixels, { raw: { width, height, channels: 3 } }).composite([{ input: svg }]).removeAlpha();
  return (options.orientation ? image.withMetadata({ orientation: options.orientation }) : image).jpeg({ quality: 92 }).toBuffer();
}

// ---------------------------------------------------------------------------------------------------------------
// Metadata

/** Text planted in the GPS IFD and in the XMP packet, so its absence can be checked byte for byte. */
export const GPS_MARKER = "DULCE-GPS-MARKER";

/** A JPEG carrying camera EXIF, a GPS IFD (latitude and a map datum = {@link GPS_MARKER}) and XMP with a GPS position. */
export function jpegWithGps(): Promise<Buffer> {
  const xmp =
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    `<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="40,25.2N" exif:GPSMapDatum="${GPS_MARKER}"/>` +
    "</rdf:RDF></x:xmpmeta>";
  return solid(300, 200, "#c86432")
    .withExif({
      IFD0: { Make: "PhoneCo", Model: "Pastry 12" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "40/1 25/1 1234/100", GPSLongitudeRef: "W", GPSLongitude: "3/1 42/1 0/1", GPSMapDatum: GPS_MARKER },
    })
    .withXmp(xmp)
    .jpeg()
    .toBuffer();
}

/** Whether a TIFF/EXIF block's first IFD points to a GPS IFD (tag 0x8825). */
export function hasGpsIfd(exif: Buffer): boolean {
  const tiff = exif.indexOf("Exif\0\0") === 0 ? exif.subarray(6) : exif;
  const littleEndian = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (offset: number) => (littleEndian ? tiff.readUInt16LE(offset) : tiff.readUInt16BE(offset));
  const u32 = (offset: number) => (littleEndian ? tiff.readUInt32LE(offset) : tiff.readUInt32BE(offset));
  const ifd0 = u32(4);
  return Array.from({ length: u16(ifd0) }, (_, entry) => u16(ifd0 + 2 + entry * 12)).includes(0x8825);
}

// ---------------------------------------------------------------------------------------------------------------
// Refused inputs

export const refused = {
  htmlNamedPng: () => Buffer.from("\uFEFF  <!DOCTYPE html>\n<html><head><title>photo.png</title></head><body>404</body></html>"),
  pdf: () => Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"),
  svgWithScript: () =>
    Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
  /** An ISO-BMFF header as iPhones write it (`ftyp heic`, compatible `mif1 heic`), then junk. */
  heicHeaderThenJunk: () => Buffer.concat([isoBmffHeader("heic", ["mif1", "heic"]), Buffer.alloc(200, 0x01)]),
  truncatedJpeg: async () => cutInHalf(await photoLikeJpeg({ width: 400, height: 300, seed: 7 })),
  truncatedPng: async () => cutInHalf(await sharp(await photoLikeJpeg({ width: 400, height: 300, seed: 8 })).png().toBuffer()),
  truncatedWebp: async () => cutInHalf(await sharp(await photoLikeJpeg({ width: 400, height: 300, seed: 9 })).webp().toBuffer()),
};

const cutInHalf = (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2));

/** `[size]ftyp[major][minor version][compatible...]`. */
export function isoBmffHeader(major: string, compatible: string[]): Buffer {
  const box = Buffer.alloc(16 + 4 * compatible.length);
  box.writeUInt32BE(box.length, 0);
  box.write(`ftyp${major}`, 4, "latin1");
  compatible.forEach((brand, index) => box.write(brand, 16 + 4 * index, "latin1"));
  return box;
}

/**
 * A valid-looking PNG whose header says `width`×`height` (RGB, 8-bit) followed by a tiny IDAT: decoding it
 * would need width×height×3 bytes (4.8 GB for 40000×40000). Must be refused from the header.
 */
export function pngBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(Buffer.alloc(1024))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const framed = Buffer.alloc(12 + data.length);
  framed.writeUInt32BE(data.length, 0);
  typed.copy(framed, 4);
  framed.writeUInt32BE(crc32(typed), 8 + data.length);
  return framed;
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Looking inside outputs

/** The colour of one pixel, as decoded without any colour management or orientation. */
export async function rgbAt(image: Uint8Array, x: number, y: number): Promise<Rgb> {
  const pixel = await sharp(image).extract({ left: x, top: y, width: 1, height: 1 }).removeAlpha().toColourspace("srgb").raw().toBuffer();
  return [pixel[0]!, pixel[1]!, pixel[2]!];
}

/** The stored values of one pixel, ignoring any ICC profile. */
export async function storedRgb(image: Uint8Array, x: number, y: number): Promise<Rgb> {
  const pixel = await sharp(image).keepIccProfile().extract({ left: x, top: y, width: 1, height: 1 }).raw().toBuffer();
  return [pixel[0]!, pixel[1]!, pixel[2]!];
}

export const isRed = ([r, g, b]: Rgb) => r > 200 && g < 60 && b < 60;
export const isBlue = ([r, g, b]: Rgb) => r < 60 && g < 60 && b > 200;
export const isWhite = ([r, g, b]: Rgb) => r > 245 && g > 245 && b > 245;
export const near = (actual: Rgb, expected: Rgb, tolerance: number) => actual.every((value, i) => Math.abs(value - expected[i]!) <= tolerance);

/** Each page's size and the bytes of the images it draws, as a PDF reader sees them. */
export async function readPdf(pdf: Uint8Array): Promise<{ doc: PDFDocument; pages: Array<{ width: number; height: number; images: Uint8Array[] }> }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pages = doc.getPages().map((page) => {
    const xObjects = page.node.Resources()?.lookupMaybe(PDFName.of("XObject"), PDFDict);
    const images = (xObjects?.values() ?? [])
      .map((ref) => doc.context.lookup(ref))
      .filter((object): object is PDFRawStream => object instanceof PDFRawStream && object.dict.get(PDFName.of("Subtype")) === PDFName.of("Image"))
      .map((stream) => stream.contents);
    return { ...page.getSize(), images };
  });
  return { doc, pages };
}

/** The drawing operators of a page, decoded. */
export function pageContent(doc: PDFDocument, pageIndex: number): string {
  const contents = doc.getPage(pageIndex).node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
  return streams
    .filter((stream): stream is PDFRawStream => stream instanceof PDFRawStream)
    .map((stream) => Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1"))
    .join("\n");
}

/**
 * Where a page draws its one image: the image fills the unit square of the transformation in force at its `Do`,
 * the product of the `cm` operators of its `q ... Q` block.
 */
export function imagePlacement(content: string): { x: number; y: number; width: number; height: number } | undefined {
  const block = /q\s((?:(?!\bQ\b)[\s\S])*?)\/\S+ Do/.exec(content)?.[1];
  if (block === undefined) return undefined;
  let [a, b, c, d, e, f] = [1, 0, 0, 1, 0, 0];
  for (const match of block.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) cm/g)) {
    const [a2, b2, c2, d2, e2, f2] = match.slice(1).map(Number) as [number, number, number, number, number, number];
    [a, b, c, d, e, f] = [a2 * a + b2 * c, a2 * b + b2 * d, c2 * a + d2 * c, c2 * b + d2 * d, e2 * a + f2 * c + e, e2 * b + f2 * d + f];
  }
  if (b !== 0 || c !== 0) throw new Error("the image is rotated or skewed");
  return { x: e, y: f, width: a, height: d };
}

/** The TrueType font programs embedded in a PDF (FontFile2 streams), parsed with fontkit. */
/**
 * What each glyph of the embedded font stands for, from its ToUnicode map: what a reader copies and searches. pdf-lib
 * writes one `<glyph id> <UTF-16BE>` line per glyph between `beginbfchar` and `endbfchar`.
 */
export function toUnicodeMap(doc: PDFDocument): Map<number, string> {
  const fonts = doc.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter((object): object is PDFDict => object instanceof PDFDict && object.get(PDFName.of("Subtype")) === PDFName.of("Type0"));
  if (fonts.length !== 1) throw new Error(`expected one Type0 font, found ${fonts.length}`);
  const stream = doc.context.lookup(fonts[0]!.get(PDFName.of("ToUnicode")));
  if (!(stream instanceof PDFRawStream)) throw new Error("the font has no ToUnicode stream");
  const cmap = Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
  const entries = /beginbfchar\n([\s\S]*?)\nendbfchar/.exec(cmap)?.[1];
  if (!entries) throw new Error(`no bfchar section in ${cmap}`);
  const utf16 = (hex: string) => String.fromCharCode(...hex.match(/.{4}/g)!.map((unit) => parseInt(unit, 16)));
  return new Map(
    entries.split("\n").map((line) => {
      const [, glyph, text] = /^<([0-9a-f]+)> <([0-9a-f]+)>$/i.exec(line) ?? [];
      if (!glyph || !text) throw new Error(`unexpected ToUnicode line: ${line}`);
      return [parseInt(glyph, 16), utf16(text)] as const;
    }),
  );
}

export function embeddedFonts(doc: PDFDocument): Font[] {
  return doc.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter((object): object is PDFDict => object instanceof PDFDict && object.get(PDFName.of("Type")) === PDFName.of("FontDescriptor"))
    .map((descriptor) => doc.context.lookup(descriptor.get(PDFName.of("FontFile2"))))
    .filter((stream): stream is PDFRawStream => stream instanceof PDFRawStream)
    .map((stream) => fontkit.create(decodePDFRawStream(stream).decode()));
}
