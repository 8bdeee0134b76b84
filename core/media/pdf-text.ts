/**
 * The text a recipe PDF already carries (issue 15): what a PDF exported from a word processor holds as text, read
 * with pdf.js (`pdfjs-dist`, Mozilla's PDF reader). It gives a PDF recipe the same `ocr_text` a photo gets from
 * Tesseract, so that its text is searchable and can fill `recipe_text`. Its pages go into the course PDF with their
 * text layer as they are: nothing is drawn here.
 *
 * Only text content is read: no page is rendered, no font compiled (`isEvalSupported: false`, the fix for
 * CVE-2024-4367), no system font looked up. The file read is the checked, cleaned copy (core/media/recipe-pdf.ts).
 * A scanned PDF (pictures of pages) has no text layer: its text is empty, and it is not read by OCR (that needs the
 * pages rendered to images, which needs a canvas this function does not carry).
 */

import type * as PdfJsModule from "pdfjs-dist/legacy/build/pdf.mjs";

/** A recipe is a page or a few: beyond this, the text is cut (the search index and the recipe field stay small). */
export const MAX_PDF_TEXT_CHARS = 20_000;

type PdfJs = typeof PdfJsModule;
let loading: Promise<PdfJs> | undefined;

/**
 * pdf.js runs its parser in a worker; in Node it uses a "fake" worker in the same thread, which it imports by file
 * name at run time. A bundled function has no such file: handing pdf.js the worker module up front (`pdfjsWorker`)
 * makes the bundler include it and the fake worker use it.
 */
async function pdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    const worker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import("pdfjs-dist/legacy/build/pdf.mjs");
  })();
  return loading;
}

/** The text of every page, pages apart by a blank line, lines as the PDF breaks them, spaces collapsed. */
export async function readPdfText(pdf: Uint8Array): Promise<string> {
  const { getDocument } = await pdfjs();
  // pdf.js takes ownership of (and detaches) the buffer it is handed: give it a copy.
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    let length = 0;
    for (let number = 1; number <= document.numPages && length < MAX_PDF_TEXT_CHARS; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        text += item.str + (item.hasEOL ? "\n" : " ");
      }
      const tidy = text
        .split("\n")
        .map((line) => line.replace(/\s+/g, " ").trim())
        .filter((line) => line.length > 0)
        .join("\n");
      if (tidy) pages.push(tidy);
      length += tidy.length;
      page.cleanup();
    }
    return pages.join("\n\n").slice(0, MAX_PDF_TEXT_CHARS);
  } finally {
    await document.destroy();
  }
}
