/**
 * What the recipe photo normalization's choices cost (`npm run bench:normalize`): the pipeline as it is
 * (core/media/normalize.ts) against the alternatives weighed for it, on bench:pdf's 50 photos (or `-- --photos
 * <folder>`), two at a time in this one process as an upload Lambda does.
 *
 * For each: CPU seconds (process.cpuUsage, every thread of the process), wall seconds and the bytes stored. Then,
 * on a few photos, how far the half-size decode is from an exact 2×2 box average of the full decode and from
 * lanczos3 at the same size (PSNR over the RGB pixels, before any re-encoding): what the faster filter changes.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { normalizeRecipeImage } from "../core/media/normalize";
import { mapLimited } from "../core/concurrency";
import { listPhotos } from "./pdf-phase";
import { generatedPhotos, PHOTOS } from "./photos";

const MB = 1024 * 1024;
const AT_A_TIME = 2;
const COMPARED_PHOTOS = 3;

type Variant = (file: string) => Promise<Buffer>;
const resized = (source: string | Buffer, edge: number) =>
  sharp(source, { failOn: "error" })
    .autoOrient()
    .flatten({ background: "#ffffff" })
    .toColourspace("srgb")
    .resize({ width: edge, height: edge, fit: "inside", withoutEnlargement: true });

const VARIANTS: Array<[string, Variant]> = [
  ["the pipeline (core/media/normalize.ts)", async (file) => (await normalizeRecipeImage(await readFile(file))).jpeg],
  ["session 3: full decode, lanczos3 to 2480 px, optimized tables", async (file) => resized(await readFile(file), 2480).jpeg({ quality: 85 }).toBuffer()],
  ["full decode, lanczos3 to 2016 px, optimized tables", async (file) => resized(await readFile(file), 2016).jpeg({ quality: 85 }).toBuffer()],
  ["decoded at 1/2, optimized tables", (file) => resized(`${file}[shrink=2]`, 2480).jpeg({ quality: 85 }).toBuffer()],
  ["a 1344 px cap (sharp's own shrink-on-load), optimized tables", async (file) => resized(await readFile(file), 1344).jpeg({ quality: 85 }).toBuffer()],
];

async function measure(photos: string[], variant: Variant): Promise<{ cpu: number; wall: number; bytes: number }> {
  await variant(photos[0]!); // libvips and the JIT warmed up, as in a Lambda's second photo
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const outputs = await mapLimited(photos, AT_A_TIME, variant);
  const cpu = process.cpuUsage(cpuBefore);
  return { cpu: (cpu.user + cpu.system) / 1e6, wall: (performance.now() - started) / 1000, bytes: outputs.reduce((sum, jpeg) => sum + jpeg.length, 0) };
}

function psnr(a: Buffer, b: Buffer): number {
  if (a.length !== b.length) throw new Error(`different sizes: ${a.length} and ${b.length} bytes`);
  let squared = 0;
  for (let index = 0; index < a.length; index++) squared += (a[index]! - b[index]!) ** 2;
  return 10 * Math.log10((255 * 255) / (squared / a.length));
}

/** The exact 2×2 box average of the full decode (what an ideal area-averaging reduction gives). */
async function boxHalf(file: string): Promise<Buffer> {
  const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
  const [width, height, channels] = [Math.floor(info.width / 2), Math.floor(info.height / 2), info.channels];
  const out = Buffer.alloc(width * height * channels);
  const at = (x: number, y: number, channel: number) => data[(y * info.width + x) * channels + channel]!;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let channel = 0; channel < channels; channel++) {
        const sum = at(2 * x, 2 * y, channel) + at(2 * x + 1, 2 * y, channel) + at(2 * x, 2 * y + 1, channel) + at(2 * x + 1, 2 * y + 1, channel);
        out[(y * width + x) * channels + channel] = Math.round(sum / 4);
      }
    }
  }
  return out;
}

async function main(args: string[]): Promise<void> {
  const given = args.includes("--photos") ? args[args.indexOf("--photos") + 1] : undefined;
  const photos = await listPhotos(given ? path.resolve(given) : await generatedPhotos(), PHOTOS);
  if (photos.length === 0) throw new Error("no JPEG to measure");
  sharp.cache(false); // as core/media/normalize.ts sets it
  console.log(`${photos.length} photos, ${AT_A_TIME} at a time in one process\n`);
  console.log(`${"pipeline".padEnd(66)}${"CPU s".padStart(8)}${"wall s".padStart(8)}${"stored MB".padStart(11)}`);
  for (const [name, variant] of VARIANTS) {
    const { cpu, wall, bytes } = await measure(photos, variant);
    console.log(`${name.padEnd(66)}${cpu.toFixed(2).padStart(8)}${wall.toFixed(2).padStart(8)}${(bytes / MB).toFixed(1).padStart(11)}`);
  }

  console.log(`\nPSNR of the raw pixels (dB; higher is closer), first ${COMPARED_PHOTOS} photos at half size:`);
  for (const file of photos.slice(0, COMPARED_PHOTOS)) {
    const { width = 0, height = 0 } = await sharp(file).metadata();
    const half = { width: Math.floor(width / 2), height: Math.floor(height / 2) };
    const box = await boxHalf(file);
    const decodedAtHalf = await sharp(`${file}[shrink=2]`).resize({ ...half, fit: "fill" }).raw().toBuffer();
    const lanczos = await sharp(file).resize({ ...half, fit: "fill" }).raw().toBuffer();
    console.log(
      `  ${path.basename(file)}: decoded at 1/2 vs 2×2 box ${psnr(decodedAtHalf, box).toFixed(1)}, decoded at 1/2 vs lanczos3 ${psnr(decodedAtHalf, lanczos).toFixed(1)}, 2×2 box vs lanczos3 ${psnr(box, lanczos).toFixed(1)}`,
    );
  }
}

await main(process.argv.slice(2));
