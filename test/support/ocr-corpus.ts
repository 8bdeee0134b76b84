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

/**
 * A photo's usual defects: a slight rotation, dim light, noise, a low JPEG quality, and optionally perspective (the
 * card shot from below its centre, so its top edge is `perspective` of the width narrower on each side).
 */
export async function photographed(svg: Buffer, { degrees, brightness, quality, perspective = 0 }: { degrees: number; brightness: number; quality: number; perspective?: number }): Promise<Buffer> {
  const rendered = sharp(svg).flatten({ background: "#d9d2c4" }).removeAlpha();
  const tilted = perspective > 0 ? await keystone(await rendered.raw().toBuffer({ resolveWithObject: true }), perspective) : await rendered.png().toBuffer();
  const base = sharp(tilted).rotate(degrees, { background: "#d9d2c4" }).modulate({ brightness });
  const { width, height } = await base.clone().png().toBuffer({ resolveWithObject: true }).then(({ info }) => info);
  const noise = await sharp({ create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 18 } } }).png().toBuffer();
  return sharp(await base.png().toBuffer()).composite([{ input: noise, blend: "soft-light" }]).jpeg({ quality }).toBuffer();
}

type Raw = { data: Buffer; info: { width: number; height: number; channels: number } };

/**
 * The image as a camera below the card's centre sees it: a projective transform (a homography) taking the image's
 * corners to a trapezoid whose top edge is `inset` of the width narrower on each side, sampled bilinearly; what falls
 * outside the card is the table's colour.
 */
async function keystone({ data, info }: Raw, inset: number): Promise<Buffer> {
  const { width: w, height: h, channels } = info;
  const dx = inset * w;
  // Where each destination corner comes from: the inverse transform, from the trapezoid back to the rectangle.
  const toSource = homography(
    [[dx, 0], [w - dx, 0], [w, h], [0, h]],
    [[0, 0], [w, 0], [w, h], [0, h]],
  );
  const out = Buffer.alloc(w * h * channels);
  const table = [0xd9, 0xd2, 0xc4];
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const z = toSource[6]! * x + toSource[7]! * y + 1;
      const sx = (toSource[0]! * x + toSource[1]! * y + toSource[2]!) / z;
      const sy = (toSource[3]! * x + toSource[4]! * y + toSource[5]!) / z;
      const at = (y * w + x) * channels;
      if (sx < 0 || sy < 0 || sx > w - 1 || sy > h - 1) {
        for (let c = 0; c < channels; c += 1) out[at + c] = table[c] ?? 255;
        continue;
      }
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(x0 + 1, w - 1);
      const y1 = Math.min(y0 + 1, h - 1);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < channels; c += 1) {
        const top = data[(y0 * w + x0) * channels + c]! * (1 - fx) + data[(y0 * w + x1) * channels + c]! * fx;
        const bottom = data[(y1 * w + x0) * channels + c]! * (1 - fx) + data[(y1 * w + x1) * channels + c]! * fx;
        out[at + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return sharp(out, { raw: { width: w, height: h, channels: channels as 3 } }).png().toBuffer();
}

/** The 8 coefficients (h33 = 1) of the homography taking each `from` point to its `to` point: 8 equations, solved. */
function homography(from: number[][], to: number[][]): number[] {
  const rows: number[][] = [];
  for (let i = 0; i < 4; i += 1) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    rows.push([x!, y!, 1, 0, 0, 0, -u! * x!, -u! * y!, u!]);
    rows.push([0, 0, 0, x!, y!, 1, -v! * x!, -v! * y!, v!]);
  }
  // Gauss-Jordan elimination with partial pivoting on the 8×9 augmented matrix.
  for (let col = 0; col < 8; col += 1) {
    let pivot = col;
    for (let row = col + 1; row < 8; row += 1) if (Math.abs(rows[row]![col]!) > Math.abs(rows[pivot]![col]!)) pivot = row;
    [rows[col], rows[pivot]] = [rows[pivot]!, rows[col]!];
    for (let row = 0; row < 8; row += 1) {
      if (row === col) continue;
      const factor = rows[row]![col]! / rows[col]![col]!;
      for (let k = col; k < 9; k += 1) rows[row]![k]! -= factor * rows[col]![k]!;
    }
  }
  return rows.map((row, i) => row[8]! / row[i]!);
}
