import fontkit from "@pdf-lib/fontkit";
import { deflateSync } from "node:zlib";
import {
  beginText,
  endText,
  PageSizes,
  PDFCrossRefSection,
  PDFDocument,
  PDFFlateStream,
  PDFName,
  PDFNumber,
  PDFHeader,
  PDFStream,
  PDFTrailer,
  PDFTrailerDict,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  TextRenderingMode,
  typedArrayFor,
  type PDFFont,
  type PDFPage,
  type RGB,
} from "pdf-lib";
import { loadPdfFont } from "./font";
import type { OcrWords } from "./ocr";
import { appendCleanPages } from "./recipe-pdf";

export interface RecipePage {
  title?: string;
  description?: string;
  /** A normalized JPEG (`normalizeRecipeImage`): embedded byte for byte, never re-encoded. */
  jpeg: Uint8Array;
  /**
   * The size recorded when the image was normalized. The layout reads the JPEG's own header, which always
   * agrees with this unless the record is stale; then the image still lands undistorted.
   */
  width: number;
  height: number;
  /** The words OCR read on the photo (core/media/ocr.ts): drawn as invisible text over where they are on the photo. */
  words?: OcrWords;
}

/** A recipe that came as a PDF: its pages, already checked and cleaned (core/media/recipe-pdf.ts), go in as they are. */
export interface RecipePdfPages {
  pdf: Uint8Array;
}

const [A4_WIDTH, A4_HEIGHT] = PageSizes.A4;
const MARGIN = 42; // about 15 mm: inside what any printer can reach
const INK = rgb(0.12, 0.1, 0.1);
const MUTED = rgb(0.35, 0.33, 0.33);

interface TextStyle {
  size: number;
  lineHeight: number;
  maxLines: number;
}
const COVER_TITLE: TextStyle = { size: 28, lineHeight: 34, maxLines: 8 };
const PAGE_TITLE: TextStyle = { size: 16, lineHeight: 20, maxLines: 2 };
const PAGE_DESCRIPTION: TextStyle = { size: 10.5, lineHeight: 14, maxLines: 5 };
/**
 * pdf-lib measures and draws text from the glyphs fontkit's shaping picks and their advance widths, never from the
 * positions shaping computes: the GPOS features (kerning, mark and cursive attachment) are work thrown away, and
 * the slowest part of shaping (measured: 12% of a cold build of 50 pages). Glyph choice (GSUB: ligatures,
 * composition) stays as it was; the output is byte for byte the same.
 */
const POSITIONING_OFF = { kern: false, mark: false, mkmk: false, curs: false };
/** Beyond this, a description is longer than anything the page shows: cut before measuring to keep wrapping cheap. */
const MAX_TEXT_CHARS = 1_000;
const GAP_BELOW_TEXT = 14;

/**
 * The consolidated recipe PDF: an A4 cover with the course title, then one page per recipe in the given order,
 * A4 turned to the image's orientation, the title and description on top and the image centred below.
 *
 * Metadata says only what the reader already sees: title = course title, a neutral Producer/Creator, and no
 * dates, ids or software versions (the S3 object has its own dates). Without dates the output is a function of
 * the input (pdf-lib's resource names come from a seeded generator): an unchanged rebuild gives the same bytes.
 */
export async function buildRecipePdf(input: { courseTitle: string; pages: Array<RecipePage | RecipePdfPages> }): Promise<{ pdf: Uint8Array; pageCount: number; startPages: number[] }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const courseTitle = cleanText(input.courseTitle);
  doc.setTitle(courseTitle);
  doc.setProducer("DulceVicio");
  doc.setCreator("DulceVicio");

  doc.registerFontkit(fontkit);
  // pdf-lib deflates the font subset and its ToUnicode map with pako, pure JavaScript that is slow until the JIT
  // warms up; node's zlib does the same in native code (measured: 26 ms less of a 50-page build in a fresh process).
  const { context } = doc;
  context.flateStream = (contents, dict = {}) => context.stream(deflateSync(typedArrayFor(contents)), { ...dict, Filter: "FlateDecode" });
  // Subset: only the glyphs used (a few KB instead of 740 KB). The name follows PDF 32000 9.6.4 (six capitals
  // and "+" mark a subset) instead of pdf-lib's "DejaVuSans-<number>".
  const font = await doc.embedFont(await loadPdfFont(), { subset: true, customName: "DVSANS+DejaVuSans", features: POSITIONING_OFF });

  drawCover(doc.addPage(PageSizes.A4), font, courseTitle);
  const measureTitle = measurer(font, PAGE_TITLE.size);
  const measureDescription = measurer(font, PAGE_DESCRIPTION.size);
  // The 1-based page each entry of `input.pages` starts on (the cover is page 1).
  const startPages: number[] = [];
  for (const page of input.pages) {
    startPages.push(doc.getPageCount() + 1);
    if ("pdf" in page) {
      // Cleaned again as they are copied: a stored PDF is trusted no more than the upload it came from.
      await appendCleanPages(doc, await PDFDocument.load(page.pdf, { updateMetadata: false }));
      continue;
    }
    // pdf-lib reads the JPEG header through `new DataView(bytes.buffer)`, ignoring byteOffset: a view into a larger
    // buffer (Node's pooled Buffers) must be copied out first.
    const jpeg = page.jpeg.byteOffset === 0 && page.jpeg.byteLength === page.jpeg.buffer.byteLength ? page.jpeg : new Uint8Array(page.jpeg);
    const image = await doc.embedJpg(jpeg);
    const landscape = image.width > image.height;
    const pdfPage = doc.addPage(landscape ? [A4_HEIGHT, A4_WIDTH] : [A4_WIDTH, A4_HEIGHT]);
    const { width, height } = pdfPage.getSize();

    const textWidth = width - 2 * MARGIN;
    let top = height - MARGIN;
    top = drawLines(pdfPage, font, wrap(cleanText(page.title), measureTitle, PAGE_TITLE.maxLines, textWidth), PAGE_TITLE, top, INK);
    top = drawLines(pdfPage, font, wrap(cleanText(page.description), measureDescription, PAGE_DESCRIPTION.maxLines, textWidth), PAGE_DESCRIPTION, top, MUTED);
    if (top < height - MARGIN) top -= GAP_BELOW_TEXT;

    const box = { width: width - 2 * MARGIN, height: top - MARGIN };
    const scale = Math.min(box.width / image.width, box.height / image.height);
    const drawn = { width: image.width * scale, height: image.height * scale };
    const placed = { x: (width - drawn.width) / 2, y: MARGIN + (box.height - drawn.height) / 2, ...drawn };
    // Under the photo, as OCRmyPDF does: invisible anyway (render mode 3), and a viewer's selection shows over it.
    if (page.words) drawInvisibleWords(pdfPage, font, page.words, placed);
    pdfPage.drawImage(image, placed);
  }

  const pdf = await save(doc);
  return { pdf, pageCount: doc.getPageCount(), startPages };
}

/**
 * The photo's words as a text layer nobody sees (text render mode 3: neither filled nor stroked) at the place each word
 * has on the drawn photo, so that find, copy, `pdftotext` and screen readers get them on their page. Each word is set
 * in the PDF's font at the height of its box and squeezed or stretched horizontally (Tz) to the box's width, so a
 * selection covers the word on the photo. Boxes are in the photo's pixels, origin top left; PDF space is points,
 * origin bottom left.
 */
function drawInvisibleWords(page: PDFPage, font: PDFFont, ocr: OcrWords, placed: { x: number; y: number; width: number; height: number }): void {
  const scaleX = placed.width / ocr.width;
  const scaleY = placed.height / ocr.height;
  const fontName = page.node.newFontDictionary(font.name, font.ref);
  // Inside q/Q: the rendering mode is graphics state and would outlive ET.
  const operators = [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const word of ocr.words) {
    const text = cleanText(word.text).replace(/\s+/g, " ");
    const boxWidth = (word.x1 - word.x0) * scaleX;
    const boxHeight = (word.y1 - word.y0) * scaleY;
    if (!text || boxWidth <= 0 || boxHeight <= 0) continue;
    const size = boxHeight;
    const natural = font.widthOfTextAtSize(text, size);
    if (natural <= 0) continue;
    // The baseline a little above the box's bottom: the box holds the descenders of "g", "p", "y".
    const baseline = placed.y + (ocr.height - word.y1) * scaleY + boxHeight * 0.2;
    operators.push(
      setFontAndSize(fontName, size),
      setCharacterSqueeze(Math.round((boxWidth / natural) * 10_000) / 100),
      setTextMatrix(1, 0, 0, 1, placed.x + word.x0 * scaleX, baseline),
      // A space after each word: text extraction then separates the words of a line even where their boxes touch.
      showText(font.encodeText(`${text} `)),
    );
  }
  operators.push(endText(), popGraphicsState());
  page.pushOperators(...operators);
}

/**
 * The file, laid out as pdf-lib's `PDFWriter` lays it out (header, numbered objects, cross-reference table,
 * trailer), but each stream's bytes go in with one bulk copy: pdf-lib's `save()` copies streams into its output
 * one byte at a time in JavaScript, which for 50 photos (33 MB) was half of a cold build (profiled: 133 of
 * 270 ms). Without the object streams `save()` makes by default: packing and deflating ~150 small dictionaries
 * would save a few KB of 33 MB.
 */
async function save(doc: PDFDocument): Promise<Uint8Array> {
  await doc.flush(); // embeds the font subset and the images, as save() does first
  const { context } = doc;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const add = (bytes: Uint8Array) => {
    chunks.push(bytes);
    size += bytes.length;
  };
  const text = (value: string) => add(Buffer.from(value, "latin1"));
  const serialized = (object: { sizeInBytes(): number; copyBytesInto(buffer: Uint8Array, offset: number): number }) => {
    const bytes = new Uint8Array(object.sizeInBytes());
    object.copyBytesInto(bytes, 0);
    add(bytes);
  };

  serialized(PDFHeader.forVersion(1, 7));
  text("\n\n");
  const xref = PDFCrossRefSection.create();
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    xref.addEntry(ref, size);
    text(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    if (object instanceof PDFStream) {
      const contents = streamContents(object);
      object.dict.set(PDFName.Length, PDFNumber.of(contents.length));
      serialized(object.dict);
      text("\nstream\n");
      add(contents);
      text("\nendstream");
    } else {
      serialized(object);
    }
    text("\nendobj\n\n");
  }
  const xrefOffset = size;
  serialized(xref);
  text("\n");
  const { Root, Info } = context.trailerInfo;
  serialized(PDFTrailerDict.of(context.obj({ Size: context.largestObjectNumber + 1, Root, Info })));
  text("\n\n");
  serialized(PDFTrailer.forLastCrossRefSectionOffset(xrefOffset));
  return Buffer.concat(chunks, size);
}

/**
 * A stream's bytes as the file holds them. pdf-lib deflates each page's content stream with pako, pure JavaScript
 * that is slow until the JIT warms up; node's zlib does the same in native code (measured: 11% less time and 10 MB
 * less memory for a cold build of 50 pages). Everything else is already encoded: the images as they came, the font
 * when it was embedded.
 */
function streamContents(stream: PDFStream): Uint8Array {
  if (stream instanceof PDFFlateStream && stream.dict.get(PDFName.of("Filter")) === PDFName.FlateDecode) return deflateSync(stream.getUnencodedContents());
  return stream.getContents();
}

function drawCover(page: PDFPage, font: PDFFont, title: string): void {
  const { width, height } = page.getSize();
  const measure = measurer(font, COVER_TITLE.size);
  const lines = wrap(title, measure, COVER_TITLE.maxLines, width - 4 * MARGIN);
  // Centred slightly above the middle, where a title page's eye goes.
  let baseline = height * 0.6 + ((lines.length - 1) * COVER_TITLE.lineHeight) / 2;
  for (const line of lines) {
    page.drawText(line, { x: (width - measure(line)) / 2, y: baseline, size: COVER_TITLE.size, font, color: INK });
    baseline -= COVER_TITLE.lineHeight;
  }
}

/** Draws lines downwards from `top`, left-aligned; returns where the next block starts. */
function drawLines(page: PDFPage, font: PDFFont, lines: string[], style: TextStyle, top: number, color: RGB): number {
  for (const line of lines) {
    page.drawText(line, { x: MARGIN, y: top - style.size, size: style.size, font, color });
    top -= style.lineHeight;
  }
  return top;
}

/**
 * NFC (a decomposed "n" + U+0303 becomes "ñ": one glyph, one searchable character); tabs and odd spaces
 * become one space, blank lines one line break; invisible characters (controls, zero-width, private use) go,
 * as the font has nothing to draw for them; cut to {@link MAX_TEXT_CHARS}.
 */
function cleanText(text: string | undefined): string {
  return (text ?? "")
    .normalize("NFC")
    .slice(0, MAX_TEXT_CHARS)
    .replace(/[^\S\n]+/g, " ")
    .replace(/[^\P{C}\n]/gu, "")
    .replace(/ *\n[\n ]*/g, "\n")
    .trim();
}

/**
 * Measures text in one font and size, remembering each piece. pdf-lib measures a line as the sum of its glyphs'
 * advances (no kerning), so a line is exactly its words plus its spaces: each word is laid out once per build
 * instead of once per candidate line (fontkit's layout was the slowest part of assembling after the copying).
 */
function measurer(font: PDFFont, size: number): (text: string) => number {
  const widths = new Map<string, number>();
  return (text) => {
    let width = widths.get(text);
    if (width === undefined) {
      width = font.widthOfTextAtSize(text, size);
      widths.set(text, width);
    }
    return width;
  };
}

/**
 * Greedy word wrap that keeps the author's line breaks, splits words wider than the line, and ends with "…"
 * when the text needs more than `maxLines`.
 */
function wrap(text: string, measure: (text: string) => number, maxLines: number, maxWidth: number): string[] {
  const space = measure(" ");
  const lines: string[] = [];
  for (const paragraph of text ? text.split("\n") : []) {
    let line = "";
    let lineWidth = 0;
    for (const word of paragraph.split(" ").flatMap((word) => splitToFit(word, measure, maxWidth))) {
      const wordWidth = measure(word);
      if (line && lineWidth + space + wordWidth > maxWidth) {
        lines.push(line);
        line = "";
        lineWidth = 0;
      }
      lineWidth += (line ? space : 0) + wordWidth;
      line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
    if (lines.length > maxLines) break;
  }
  if (lines.length <= maxLines) return lines;

  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last && measure(`${last}…`) > maxWidth) last = [...last].slice(0, -1).join("");
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

/** A word wider than the line (a URL, a very long compound) is cut into pieces that fit. */
function splitToFit(word: string, measure: (text: string) => number, maxWidth: number): string[] {
  if (measure(word) <= maxWidth) return [word];
  const pieces: string[] = [];
  let piece = "";
  for (const char of word) {
    if (piece && measure(piece + char) > maxWidth) {
      pieces.push(piece);
      piece = "";
    }
    piece += char;
  }
  return piece ? [...pieces, piece] : pieces;
}
