import sharp from "sharp";

/** The generated OCR corpus (issue 15), shared by test/ocr.test.ts and bench/ocr.ts: Spanish recipe text as a photo would see it. */
export const RECIPE = [
  "Bizcocho de limón y almendra",
  "250 g de harina de trigo",
  "3 huevos grandes",
  "½ taza de azúcar moreno",
  "Añadir 125 ml de leche a 180 °C",
  "Batir la mantequilla 5 minutos",
];

export const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** The text as a photo of a printed card: `fontPx` tall, on a 3:4 page of `width` px. */
export function card(lines: string[], fontPx: number, width: number, options: { family?: string; style?: string } = {}): Buffer {
  const height = Math.round((width * 3) / 4);
  const rows = lines.map((line, i) => `<text x="${fontPx * 2}" y="${fontPx * 3 + i * fontPx * 1.8}" font-family="${options.family ?? "DejaVu Sans"}" font-style="${options.style ?? "normal"}" font-size="${fontPx}" fill="#2a2622">${escapeXml(line)}</text>`);
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f3ede2"/>${rows.join("")}</svg>`);
}

/** A photo's usual defects: a slight rotation, dim light, noise and a low JPEG quality. */
export async function photographed(svg: Buffer, { degrees, brightness, quality }: { degrees: number; brightness: number; quality: number }): Promise<Buffer> {
  const base = sharp(svg).rotate(degrees, { background: "#d9d2c4" }).modulate({ brightness });
  const { width, height } = await base.clone().png().toBuffer({ resolveWithObject: true }).then(({ info }) => info);
  const noise = await sharp({ create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 18 } } }).png().toBuffer();
  return sharp(await base.png().toBuffer()).composite([{ input: noise, blend: "soft-light" }]).jpeg({ quality }).toBuffer();
}
