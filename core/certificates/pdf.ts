import fontkit from "@pdf-lib/fontkit";
import { PageSizes, PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { encode } from "uqr";
import { loadPdfFont } from "../media/font";

export interface CertificateContent {
  certificateId: string;
  fullName: string;
  courseTitle: string;
  /** `YYYY-MM-DD` (UTC). */
  completedOn: string;
  durationMinutes: number;
  verificationUrl: string;
}

const [A4_LONG, A4_SHORT] = [PageSizes.A4[1], PageSizes.A4[0]];
const INK = rgb(0.16, 0.1, 0.08);
const ACCENT = rgb(0.62, 0.32, 0.18);
const MUTED = rgb(0.4, 0.37, 0.35);
const MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

/**
 * The certificate: one A4 landscape page in DejaVu Sans, embedded as a subset with its ToUnicode map (the text is
 * extractable and searchable, accents included), and a QR code of the verification URL drawn as vector squares.
 * Metadata carries only what the page shows; no dates, so one certificate always gives the same bytes.
 */
export async function buildCertificatePdf(content: CertificateContent): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await loadPdfFont(), { subset: true, customName: "DVSANS+DejaVuSans" });
  const title = `Certificado: ${clean(content.courseTitle)}`;
  doc.setTitle(title);
  doc.setProducer("DulceVicio");
  doc.setCreator("DulceVicio");

  const page = doc.addPage([A4_LONG, A4_SHORT]);
  const { width, height } = page.getSize();
  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: ACCENT, borderWidth: 2 });
  page.drawRectangle({ x: 32, y: 32, width: width - 64, height: height - 64, borderColor: ACCENT, borderWidth: 0.5 });

  const centred = (text: string, y: number, size: number, color = INK) => {
    const fitted = fit(font, text, size, width - 160);
    page.drawText(fitted.text, { x: (width - font.widthOfTextAtSize(fitted.text, fitted.size)) / 2, y, size: fitted.size, font, color });
  };
  centred("DulceVicio", height - 100, 18, ACCENT);
  centred("Certificado de finalización", height - 150, 34);
  centred("Se certifica que", height - 205, 14, MUTED);
  centred(clean(content.fullName), height - 250, 30);
  centred("ha completado el curso", height - 292, 14, MUTED);
  centred(clean(content.courseTitle), height - 335, 24);
  centred(`el ${spanishDate(content.completedOn)} · duración del curso: ${duration(content.durationMinutes)}`, height - 375, 13, MUTED);

  const qrSize = 96;
  drawQr(page, content.verificationUrl, 60, 60, qrSize);
  page.drawText("Verificación:", { x: 60 + qrSize + 16, y: 60 + qrSize - 14, size: 10, font, color: MUTED });
  page.drawText(content.verificationUrl, { x: 60 + qrSize + 16, y: 60 + qrSize - 30, size: 9, font, color: INK });
  page.drawText(`Certificado n.º ${content.certificateId}`, { x: 60 + qrSize + 16, y: 60 + qrSize - 46, size: 9, font, color: INK });

  return doc.save({ useObjectStreams: false });
}

/** Dark modules as filled squares, with the four-module quiet zone the standard asks for. */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const { data } = encode(text, { ecc: "M", border: 4 });
  const module = size / data.length;
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  data.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) page.drawRectangle({ x: x + c * module, y: y + size - (r + 1) * module, width: module, height: module, color: rgb(0, 0, 0) });
    }),
  );
}

/** One line: shrinks the size down to 60% to fit, then cuts with an ellipsis. */
function fit(font: PDFFont, text: string, size: number, maxWidth: number): { text: string; size: number } {
  for (let scaled = size; scaled >= size * 0.6; scaled -= 1) {
    if (font.widthOfTextAtSize(text, scaled) <= maxWidth) return { text, size: scaled };
  }
  const smallest = Math.ceil(size * 0.6);
  let cut = [...text];
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut.join("")}…`, smallest) > maxWidth) cut = cut.slice(0, -1);
  return { text: `${cut.join("").trimEnd()}…`, size: smallest };
}

/** NFC (one glyph per accented letter, one searchable character) and no control characters (pdf-lib refuses some). */
// eslint-disable-next-line no-control-regex -- control characters are what is removed
const clean = (text: string): string => text.normalize("NFC").replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();

function spanishDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  return `${day} de ${MONTHS[month - 1]} de ${year}`;
}

function duration(minutes: number): string {
  if (minutes <= 0) return "sin indicar";
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return [hours > 0 ? `${hours} h` : "", rest > 0 ? `${rest} min` : ""].filter(Boolean).join(" ");
}
