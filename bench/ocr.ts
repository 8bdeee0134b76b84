/**
 * `npm run bench:ocr`: OCR of recipe photos through core/media/ocr.ts (tesseract.js, Spanish + English) on one core.
 *
 *   1. Per photo: BENCH_OCR_PHOTOS (8) photo-like recipe images from the test corpus (test/support/ocr-corpus.ts),
 *      three of them 12 MP (4000×3000), made and normalized as the pipeline does by this parent process (the upload
 *      function's work, not timed) and written to a temporary folder; a child process, as the OCR function, reads
 *      them and times `recognizeText` alone on a warm worker: median and p95 of all photos, and the 12 MP ones apart.
 *   2. Peak RSS of that child (the Tesseract worker thread included): `process.resourceUsage().maxRSS`.
 *   3. Cold start: in a fresh child process, the time from nothing to a ready worker (tesseract.js import, WASM
 *      core, spa + eng data load), then its first photo.
 * The whole run is pinned to CPU 0 with `taskset -c 0` (a Lambda of 1,769 MB or less has one vCPU).
 * Prints the figures, the budgets beside them, `uptime` and the machine; nothing is asserted.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { normalizeRecipeImage } from "../core/media/normalize";
import { ocrWorker, recognizeText, stopOcrWorker } from "../core/media/ocr";
import { card, photographed, RECIPE } from "../test/support/ocr-corpus";

const PHOTOS = Number(process.env.BENCH_OCR_PHOTOS ?? 8);
const BUDGET_12MP_MS = 6000;
const BUDGET_RSS_MB = 600;
const self = fileURLToPath(import.meta.url);
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
const p95 = (values: number[]) => percentile([...values].sort((a, b) => a - b), 95);
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** Runs this file again pinned to CPU 0, with `args`; returns its stdout. */
function pinned(args: string[], inherit: boolean): string {
  const result = spawnSync("taskset", ["-c", "0", tsx, self, ...args], { stdio: ["ignore", inherit ? "inherit" : "pipe", "inherit"], encoding: "utf8" });
  if (result.status !== 0) throw new Error(`bench child ${args.join(" ")} exited with ${result.status}`);
  return result.stdout ?? "";
}

/** The corpus: sizes and defects as phones take them; every third photo is 12 MP (4000×3000, 110 px text). */
async function corpus(): Promise<Array<{ name: string; jpeg: Buffer; megapixels: number }>> {
  const photos = [];
  for (let i = 0; i < PHOTOS; i += 1) {
    const large = i % 3 === 0;
    const width = large ? 4000 : [2000, 2600, 3000][i % 3]!;
    const fontPx = large ? 110 : Math.round(width / 50);
    const defects = { degrees: ((i % 5) - 2) * 0.8, brightness: 0.6 + (i % 4) * 0.1, quality: 55 + (i % 4) * 8 };
    const jpeg = i === 0 ? await sharp(card(RECIPE, fontPx, width)).jpeg({ quality: 90 }).toBuffer() : await photographed(card(RECIPE, fontPx, width), defects);
    photos.push({ name: `${width}×${Math.round((width * 3) / 4)} ${i === 0 ? "clean" : `${defects.degrees.toFixed(1)}°, brightness ${defects.brightness.toFixed(1)}, q${defects.quality}`}`, jpeg, megapixels: (width * Math.round((width * 3) / 4)) / 1e6 });
  }
  return photos;
}

async function coldStart(): Promise<void> {
  const started = performance.now();
  await ocrWorker();
  const ready = performance.now() - started;
  const photo = (await normalizeRecipeImage(await sharp(card(RECIPE, 48, 2000)).jpeg({ quality: 85 }).toBuffer())).jpeg;
  const firstStarted = performance.now();
  await recognizeText(photo);
  const first = performance.now() - firstStarted;
  await stopOcrWorker();
  process.stdout.write(JSON.stringify({ ready, first, rssMb: peakRssMb() }));
}

/** Writes the normalized corpus to `folder`, one `<index> <megapixels> <name>.jpg` per photo. */
async function writeCorpus(folder: string): Promise<void> {
  let index = 0;
  for (const photo of await corpus()) {
    await writeFile(path.join(folder, `${index} ${photo.megapixels} ${photo.name}.jpg`), (await normalizeRecipeImage(photo.jpeg)).jpeg);
    index += 1;
  }
}

async function measure(folder: string): Promise<void> {
  const normalized = [];
  for (const file of (await readdir(folder)).sort((a, b) => parseInt(a) - parseInt(b))) {
    const [, megapixels, ...name] = file.replace(/\.jpg$/, "").split(" ");
    normalized.push({ name: name.join(" "), megapixels: Number(megapixels), jpeg: await readFile(path.join(folder, file)) });
  }
  await ocrWorker();
  await recognizeText(normalized[1]!.jpeg); // warm-up, not counted
  console.log("Per photo (the camera's size; OCR reads the normalized photo, as the RecipeOcr function does):");
  const all: number[] = [];
  const large: number[] = [];
  for (const photo of normalized) {
    const started = performance.now();
    const result = await recognizeText(photo.jpeg);
    const elapsed = performance.now() - started;
    all.push(elapsed);
    if (photo.megapixels >= 12) large.push(elapsed);
    console.log(`  ${photo.name.padEnd(42)} ${(photo.megapixels.toFixed(1) + " MP").padStart(8)} ${elapsed.toFixed(0).padStart(6)} ms  confidence ${result.confidence}`);
  }
  await stopOcrWorker();
  const rss = peakRssMb();
  console.log(`\nOCR per photo (${all.length} photos, warm worker): median ${median(all).toFixed(0)} ms, p95 ${p95(all).toFixed(0)} ms`);
  console.log(`OCR per 12 MP photo (${large.length}): median ${median(large).toFixed(0)} ms, p95 ${p95(large).toFixed(0)} ms, max ${Math.max(...large).toFixed(0)} ms   budget ≤ ${BUDGET_12MP_MS} ms: ${Math.max(...large) <= BUDGET_12MP_MS ? "within" : "OVER"}`);
  console.log(`Peak RSS (OCR process incl. Tesseract worker): ${rss.toFixed(0)} MB   budget ≤ ${BUDGET_RSS_MB} MB: ${rss <= BUDGET_RSS_MB ? "within" : "OVER"}`);
}

async function main(): Promise<void> {
  if (process.argv.includes("--cold")) return coldStart();
  const measureAt = process.argv.indexOf("--measure");
  if (measureAt >= 0) return measure(process.argv[measureAt + 1]!);
  console.log(`bench:ocr — node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, pinned to CPU 0 (taskset -c 0)`);
  console.log(`load before: ${execFileSync("uptime", { encoding: "utf8" }).trim()}`);
  const cold = JSON.parse(pinned(["--cold"], false)) as { ready: number; first: number; rssMb: number };
  console.log(`Cold start, fresh process: worker + spa/eng data ready in ${cold.ready.toFixed(0)} ms; first photo (2000×1500) ${cold.first.toFixed(0)} ms; peak RSS ${cold.rssMb.toFixed(0)} MB\n`);
  const folder = await mkdtemp(path.join(os.tmpdir(), "bench-ocr-"));
  try {
    await writeCorpus(folder);
    pinned(["--measure", folder], true);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  console.log(`load after: ${execFileSync("uptime", { encoding: "utf8" }).trim()}`);
}

await main();
