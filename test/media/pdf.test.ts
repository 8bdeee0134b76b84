import fontkit from "@pdf-lib/fontkit";
import { PageSizes } from "pdf-lib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { loadPdfFont } from "../../core/media/font";
import { normalizeRecipeImage } from "../../core/media/normalize";
import { buildRecipePdf, type RecipePage } from "../../core/media/pdf";
import { embeddedFonts, imagePlacement, isBlue, isRed, jpegWithGps, orientedJpeg, pageContent, readPdf, rgbAt, toUnicodeMap, UPRIGHT } from "./fixtures";

const [A4_WIDTH, A4_HEIGHT] = PageSizes.A4;
const PORTRAIT = { width: A4_WIDTH, height: A4_HEIGHT };
const LANDSCAPE = { width: A4_HEIGHT, height: A4_WIDTH };

/** A normalized recipe photo of one colour, as the pipeline stores it. */
async function recipePhoto(width: number, height: number, colour: string, title?: string): Promise<RecipePage> {
  const normalized = await normalizeRecipeImage(await sharp({ create: { width, height, channels: 3, background: colour } }).jpeg().toBuffer());
  return { title, jpeg: normalized.jpeg, width: normalized.width, height: normalized.height };
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe("the consolidated recipe PDF", () => {
  it("has a cover, then one page per recipe in the given order, each page turned to its photo", async () => {
    const pages = [
      await recipePhoto(3000, 2000, "#c86432", "Tarta de piña"),
      await recipePhoto(1500, 2400, "#3264c8", "Flan"),
      await recipePhoto(1000, 1000, "#32c864", "Alfajores"),
      await recipePhoto(4000, 1000, "#c832c8"),
    ];

    const { pdf, pageCount } = await buildRecipePdf({ courseTitle: "Repostería básica", pages });

    expect(pageCount).toBe(5);
    const read = await readPdf(pdf);
    expect(read.doc.getPageCount()).toBe(5);
    expect(read.pages.map(({ width, height }) => ({ width, height }))).toEqual([PORTRAIT, LANDSCAPE, PORTRAIT, PORTRAIT, LANDSCAPE]);
    expect(read.pages[0]!.images).toEqual([]);
    read.pages.slice(1).forEach((page, index) => {
      expect(page.images).toHaveLength(1);
      expect(sameBytes(page.images[0]!, pages[index]!.jpeg), `page ${index + 2} embeds recipe ${index + 1}'s JPEG byte for byte`).toBe(true);
    });
  });

  it("centres each photo inside the margins without distorting it", async () => {
    const pages = [await recipePhoto(3000, 2000, "#c86432", "Con título"), await recipePhoto(1500, 2400, "#3264c8"), await recipePhoto(4000, 1000, "#c832c8")];
    const { pdf } = await buildRecipePdf({ courseTitle: "Curso", pages });
    const read = await readPdf(pdf);

    pages.forEach((recipe, index) => {
      const page = read.pages[index + 1]!;
      const placed = imagePlacement(pageContent(read.doc, index + 1));
      expect(placed).toBeDefined();
      const { x, y, width, height } = placed!;
      expect(x).toBeGreaterThanOrEqual(36);
      expect(y).toBeGreaterThanOrEqual(36);
      expect(x + width).toBeLessThanOrEqual(page.width - 36);
      expect(y + height).toBeLessThanOrEqual(page.height - 36);
      expect(x + width / 2, "centred horizontally").toBeCloseTo(page.width / 2, 3);
      expect(width / height, "undistorted").toBeCloseTo(recipe.width / recipe.height, 3);
      expect(Math.max(width / (page.width - 2 * 36), height / (page.height - 2 * 36)), "as big as the page allows").toBeGreaterThan(0.75);
    });
  });

  it("keeps the photo large when the description is very long (text is cut to a few lines)", async () => {
    const recipe = await recipePhoto(1500, 2400, "#3264c8", "Milhojas ".repeat(40));
    const description = "Hojaldre, crema pastelera y azúcar glas. ".repeat(120);
    const { pdf } = await buildRecipePdf({ courseTitle: "Curso", pages: [{ ...recipe, description }] });
    const read = await readPdf(pdf);
    const placed = imagePlacement(pageContent(read.doc, 1))!;
    expect(placed.height).toBeGreaterThan(A4_HEIGHT * 0.6);
  });

  it("an empty course still gives a valid one-page PDF (the cover)", async () => {
    const { pdf, pageCount } = await buildRecipePdf({ courseTitle: "Curso sin recetas", pages: [] });
    expect(pageCount).toBe(1);
    const read = await readPdf(pdf);
    expect(read.doc.getPageCount()).toBe(1);
    expect(read.doc.getTitle()).toBe("Curso sin recetas");
  });

  it.each([
    ["composed", "Tarta de pi\u00f1a, cr\u00e8me br\u00fbl\u00e9e y 抹茶"],
    ["decomposed (n + U+0303, e + U+0300...)", "Tarta de pin\u0303a, cre\u0300me bru\u0302le\u0301e y 抹茶"],
  ])("a Unicode title (%s) is set in the embedded font, NFC-normalized", async (_name, courseTitle) => {
    const recipe = await recipePhoto(300, 200, "#c86432", courseTitle);
    const { pdf } = await buildRecipePdf({ courseTitle, pages: [{ ...recipe, description: "Piña, azúcar, ¿listo? ¡Sí!" }] });

    const read = await readPdf(pdf);
    expect(read.doc.getTitle()).toBe("Tarta de piña, crème brûlée y 抹茶");
    expect(read.doc.getTitle()).toBe(courseTitle.normalize("NFC"));
  });

  it("maps every glyph back to its character (the ToUnicode map), so the title can be copied and searched", async () => {
    const courseTitle = "Tarta de piña, crème brûlée — ¿Dulce? ¡Sí! Ñandú €";
    const { pdf } = await buildRecipePdf({ courseTitle, pages: [] });
    const characters = [...toUnicodeMap((await readPdf(pdf)).doc).values()];
    expect(new Set(characters)).toEqual(new Set(courseTitle));
    expect(characters).toHaveLength(new Set(courseTitle).size);
  });

  it("embeds a subset whose glyphs are the font's real outlines (@pdf-lib/fontkit's subsetter can garble glyphs)", async () => {
    const courseTitle = "Tarta de piña, crème brûlée — ¿Dulce? ¡Sí! ÁÉÍÓÚÑÜ áéíóúñü çÇ œ € «»";
    const { pdf } = await buildRecipePdf({ courseTitle, pages: [] });

    const fonts = embeddedFonts((await readPdf(pdf)).doc);
    expect(fonts).toHaveLength(1);
    const subset = fonts[0]!;
    const original = fontkit.create(await loadPdfFont());
    expect(subset.numGlyphs).toBeLessThan(original.numGlyphs / 20);

    const outlines = new Set(Array.from({ length: subset.numGlyphs }, (_, id) => subset.getGlyph(id).path.toSVG()));
    for (const char of new Set(courseTitle.replaceAll(" ", ""))) {
      const glyph = original.glyphForCodePoint(char.codePointAt(0)!);
      expect(glyph.id, `DejaVu Sans has ${char}`).not.toBe(0);
      expect(outlines.has(glyph.path.toSVG()), `the outline of ${char} survives subsetting`).toBe(true);
    }
  });

  it("says nothing about who made it or when: neutral producer, no dates, no EXIF", async () => {
    const fromGpsPhoto = await normalizeRecipeImage(await jpegWithGps());
    const { pdf } = await buildRecipePdf({ courseTitle: "Curso", pages: [{ title: "Foto", ...fromGpsPhoto }] });

    const read = await readPdf(pdf);
    expect(read.doc.getProducer()).toBe("DulceVicio");
    expect(read.doc.getCreator()).toBe("DulceVicio");
    expect([read.doc.getAuthor(), read.doc.getSubject(), read.doc.getKeywords(), read.doc.getCreationDate(), read.doc.getModificationDate()]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const bytes = Buffer.from(pdf);
    expect(bytes.includes("Exif\0\0")).toBe(false);
    expect(bytes.includes("GPS")).toBe(false);
    expect(bytes.includes("pdf-lib")).toBe(false);
  });

  it("is reproducible: the same recipes give the same bytes", async () => {
    const pages = [await recipePhoto(300, 200, "#c86432", "Uno"), await recipePhoto(200, 300, "#3264c8", "Dos")];
    const first = await buildRecipePdf({ courseTitle: "Curso", pages });
    const second = await buildRecipePdf({ courseTitle: "Curso", pages });
    expect(sameBytes(first.pdf, second.pdf)).toBe(true);
  });
});

describe("a photo taken in any EXIF orientation is upright in the PDF", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("orientation %i", async (orientation) => {
    const normalized = await normalizeRecipeImage(await orientedJpeg(orientation));
    const { pdf } = await buildRecipePdf({ courseTitle: "Orientación", pages: [{ title: `Orientación ${orientation}`, ...normalized }] });

    const page = (await readPdf(pdf)).pages[1]!;
    expect({ width: page.width, height: page.height }).toEqual(LANDSCAPE);
    const embedded = page.images[0]!;
    expect(sameBytes(embedded, normalized.jpeg)).toBe(true);
    const info = await sharp(embedded).metadata();
    expect({ width: info.width, height: info.height, orientation: info.orientation }).toEqual({ ...UPRIGHT, orientation: undefined });
    expect(isRed(await rgbAt(embedded, 0, 0))).toBe(true);
    expect(isBlue(await rgbAt(embedded, UPRIGHT.width - 1, UPRIGHT.height - 1))).toBe(true);
  });
});
