import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { buildRecipePdf } from "../../core/media/pdf";
import { checkRecipePdf } from "../../core/media/recipe-pdf";
import { MediaRejected } from "../../core/media/rejection";
import { normalizeRecipeImage } from "../../core/media/normalize";
import { orientedJpeg, pageContent } from "./fixtures";
import { activePdf, encryptedPdf, pagesPdf, pageWidths, pdfObjects, qpdfCheck } from "./pdfs";

async function refusalOf(input: Uint8Array): Promise<string> {
  try {
    await checkRecipePdf(input);
  } catch (error) {
    if (error instanceof MediaRejected) return error.reason;
    throw error;
  }
  throw new Error("the PDF was accepted");
}

/** What must not survive, as qpdf's JSON names it. */
const ACTIVE = ["/JavaScript", "/OpenAction", "/AA", "/EmbeddedFiles", "/EmbeddedFile", "/AcroForm", "/Widget", "/Launch", "/FileAttachment", "/Next", "app.alert", "javascript:", "calc.exe", "payload.exe"];

describe("a recipe that arrives as a PDF", () => {
  it("keeps its 3 pages, in order, as a file qpdf finds sound", async () => {
    const { pdf, pageCount } = await checkRecipePdf(await pagesPdf(3));
    expect(pageCount).toBe(3);
    await qpdfCheck(pdf);
    expect(await pageWidths(pdf)).toEqual([591, 592, 593]);
  });

  it("comes out without JavaScript, OpenAction, additional actions, embedded files, forms or non-http links", async () => {
    const input = await activePdf();
    const before = await pdfObjects(input);
    // The fixture really carries every one of them (else this test could not fail).
    for (const word of ACTIVE) expect(before, word).toContain(word);

    const { pdf } = await checkRecipePdf(input);
    await qpdfCheck(pdf);
    const after = await pdfObjects(pdf);
    for (const word of ACTIVE) expect(after, word).not.toContain(word);
    // The https link stays, rebuilt, and so does the page's text.
    expect(after).toContain("https://dulcevicio.example/receta");
    expect(pageContent(await PDFDocument.load(pdf), 0)).toMatch(/\bTj\b/);
  });

  it.each([
    ["a password-protected PDF", () => pagesPdf(2).then((pdf) => encryptedPdf(pdf, "secreto")), "the PDF is password-protected; save it without a password and upload it again"],
    ["a PDF with only an owner password (permissions)", () => pagesPdf(2).then((pdf) => encryptedPdf(pdf, "")), "the PDF is password-protected; save it without a password and upload it again"],
    ["a PDF with no pages", () => pagesPdf(0), "the PDF has no pages"],
    ["a PDF of 21 pages", () => pagesPdf(21), "the PDF has 21 pages; at most 20"],
    ["a PDF cut in half", () => pagesPdf(3).then((pdf) => pdf.subarray(0, pdf.length >> 1)), "the PDF is truncated"],
    ["an HTML page named .pdf", async () => Buffer.from("<!doctype html><html><body>receta</body></html>"), "not a PDF (it is an HTML page)"],
    ["a JPEG named .pdf", () => orientedJpeg(1), "not a PDF (it is a JPEG image)"],
    ["a poster of 2 × 2 m", () => pagesPdf(1, [5669, 5669]), "page 1 of the PDF is 2000 × 2000 mm; pages must be between 2 cm and 1.2 m on each side"],
  ])("%s is refused with its reason", async (_name, make, reason) => {
    expect(await refusalOf(await make())).toBe(reason);
  });

  it("20 pages are accepted", async () => {
    expect((await checkRecipePdf(await pagesPdf(20))).pageCount).toBe(20);
  });

  it("its pages go into the course PDF in the recipe's place, between photo recipes, and qpdf finds the result sound", async () => {
    const photo = await normalizeRecipeImage(await orientedJpeg(1));
    const { pdf: recipePdf } = await checkRecipePdf(await activePdf());
    const { pdf: threePages } = await checkRecipePdf(await pagesPdf(3));
    const { pdf, pageCount } = await buildRecipePdf({
      courseTitle: "Curso",
      pages: [{ title: "Primera", ...photo }, { pdf: threePages }, { title: "Tercera", ...photo }, { pdf: recipePdf }],
    });
    expect(pageCount).toBe(1 + 1 + 3 + 1 + 1);
    await qpdfCheck(pdf);
    const widths = await pageWidths(pdf);
    expect(widths).toHaveLength(pageCount);
    // cover (A4), Primera (landscape A4, turned to its photo), the 3 pages in order, Tercera, the cleaned page (595 wide)
    expect(widths).toEqual([595, 842, 591, 592, 593, 842, 595]);
    const objects = await pdfObjects(pdf);
    for (const word of ACTIVE) expect(objects, word).not.toContain(word);
  });
});
