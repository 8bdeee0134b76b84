/**
 * Recipes that arrive as PDF files. The upload consumer checks a PDF and keeps a clean copy of its pages; the
 * rebuild copies those pages into the course's PDF in the recipe's place.
 *
 * "Clean" means nothing active survives: only pages are copied (so the document's OpenAction, its JavaScript name
 * tree, embedded files, AcroForm, outlines and metadata stay behind), each page loses its additional actions (`AA`)
 * and every annotation except links to http(s) addresses, which are rebuilt from their rectangle and URI alone
 * (no `Next` chain of further actions, no form fields, no file attachments, no sounds, no JavaScript). The page
 * is cleaned in the source before it is copied: pdf-lib copies every object a page reaches, so an annotation
 * removed afterwards would still leave its objects in the file.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString, PDFNumber, EncryptedPDFError } from "pdf-lib";
import { detectType, refusal } from "./detect";
import { MediaRejected } from "./rejection";

export const MAX_RECIPE_PDF_PAGES = 20;
/** Points (1/72 in): from a 2 cm label to a 1.2 m poster (A0 is 841×1189 mm); anything else is not a recipe page. */
const MIN_PAGE_SIDE = 57;
const MAX_PAGE_SIDE = 3402;
const MM_PER_POINT = 25.4 / 72;

/** The checked PDF: a new file with only the pages, cleaned. */
export async function checkRecipePdf(input: Uint8Array): Promise<{ pdf: Uint8Array; pageCount: number }> {
  const detected = detectType(input);
  if (detected.kind !== "pdf") throw new MediaRejected(refusal(detected, "pdf"));
  // A PDF ends with its trailer and %%EOF (a few bytes of padding may follow): a cut file lacks them, and pdf-lib
  // would read the pages it finds without a word.
  if (!Buffer.from(input.subarray(Math.max(0, input.length - 1024))).includes("%%EOF")) throw new MediaRejected("the PDF is truncated");

  // An encrypted file's trailer names its /Encrypt dictionary in clear text (also in an xref stream's dictionary).
  // pdf-lib would fail on the encrypted objects before it says why, and then only "could not be read".
  if (/\/Encrypt(?![A-Za-z0-9])/.test(Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString("latin1"))) throw passwordProtected();

  let source: PDFDocument;
  try {
    source = await PDFDocument.load(input, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (error) {
    if (error instanceof EncryptedPDFError) throw passwordProtected();
    throw new MediaRejected("the PDF could not be read");
  }
  // pdf-lib refuses encrypted files only when they declare it in the trailer it read: a permissions-only one
  // (no open password) as well, and so do we, as its streams cannot be copied without decrypting them.
  if (source.isEncrypted) throw passwordProtected();

  const pageCount = source.getPageCount();
  if (pageCount === 0) throw new MediaRejected("the PDF has no pages");
  if (pageCount > MAX_RECIPE_PDF_PAGES) throw new MediaRejected(`the PDF has ${pageCount} pages; at most ${MAX_RECIPE_PDF_PAGES}`);
  source.getPages().forEach((page, index) => {
    const { width, height } = page.getSize();
    const sides = [width, height].map(Math.abs);
    if (sides.some((side) => !(side >= MIN_PAGE_SIDE && side <= MAX_PAGE_SIDE))) {
      const mm = sides.map((side) => Math.round(side * MM_PER_POINT)).join(" × ");
      throw new MediaRejected(`page ${index + 1} of the PDF is ${mm} mm; pages must be between 2 cm and 1.2 m on each side`);
    }
  });

  const clean = await PDFDocument.create({ updateMetadata: false });
  await appendCleanPages(clean, source);
  return { pdf: await clean.save({ useObjectStreams: false }), pageCount };
}

const passwordProtected = () => new MediaRejected("the PDF is password-protected; save it without a password and upload it again");

/** Copies every page of `source` to the end of `target`, cleaned as described above. */
export async function appendCleanPages(target: PDFDocument, source: PDFDocument): Promise<number> {
  for (const page of source.getPages()) cleanPage(source, page.node);
  const pages = await target.copyPages(source, source.getPageIndices());
  for (const page of pages) target.addPage(page);
  return pages.length;
}

function cleanPage(doc: PDFDocument, page: PDFDict): void {
  page.delete(PDFName.of("AA"));
  // Article beads and page-piece data point back into the source document's structure.
  page.delete(PDFName.of("B"));
  page.delete(PDFName.of("PieceInfo"));
  const annotations = page.lookupMaybe(PDFName.of("Annots"), PDFArray);
  page.delete(PDFName.of("Annots"));
  if (!annotations) return;
  const links = annotations
    .asArray()
    .map((entry) => httpLink(doc, doc.context.lookup(entry)))
    .filter((link): link is PDFDict => link !== undefined);
  if (links.length > 0) page.set(PDFName.of("Annots"), doc.context.obj(links.map((link) => doc.context.register(link))));
}

/** A fresh link annotation with the same rectangle and http(s) URI, or undefined for anything else. */
function httpLink(doc: PDFDocument, annotation: unknown): PDFDict | undefined {
  if (!(annotation instanceof PDFDict) || annotation.get(PDFName.of("Subtype")) !== PDFName.of("Link")) return undefined;
  const action = annotation.lookupMaybe(PDFName.of("A"), PDFDict);
  if (!action || action.get(PDFName.of("S")) !== PDFName.of("URI")) return undefined;
  const uri = action.lookup(PDFName.of("URI"));
  const address = uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : undefined;
  if (!address || !/^https?:\/\/[^\s]+$/i.test(address)) return undefined;
  const rect = annotation.lookupMaybe(PDFName.of("Rect"), PDFArray);
  const corners = rect?.asArray().map((value) => (value instanceof PDFNumber ? value.asNumber() : Number.NaN));
  if (!corners || corners.length !== 4 || corners.some((value) => !Number.isFinite(value))) return undefined;
  return doc.context.obj({ Type: "Annot", Subtype: "Link", Rect: corners, Border: [0, 0, 0], A: { S: "URI", URI: PDFHexString.fromText(address) } });
}
