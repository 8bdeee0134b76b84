/**
 * One phase of the recipe PDF benchmark (bench/pdf.ts), run in a fresh process of its own so that its peak memory is
 * its own: it loads the media code the way the Lambdas do (the bundles bench/pdf.ts built with the stack's settings:
 * the upload consumer's with sharp, the rebuild's with pdf-lib), does the phase's work once, timed step by step,
 * then once more in the same process (a warm Lambda), and prints one `RESULT {json}` line.
 *
 *   node pdf-phase.mjs <phase> <photos folder> <work folder> <normalize bundle> <pdf bundle> <images at a time>
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { mapLimited } from "../core/concurrency";
import type * as NormalizeModule from "../core/media/normalize";
import type * as PdfModule from "../core/media/pdf";

type NormalizeEngine = typeof NormalizeModule;
type PdfEngine = typeof PdfModule;
type Page = Extract<Parameters<PdfEngine["buildRecipePdf"]>[0]["pages"][number], { jpeg: Uint8Array }>;

/**
 * cold         normalize every photo, then assemble: the whole job in one process, as the issue defines it
 * incremental  one photo changed: normalize it, read the other normalized images, assemble
 * assembly     what the rebuild Lambda does: read the normalized images, assemble
 * upload       what one upload Lambda invocation does: normalize one batch of photos, all at once
 * decode       only decode every photo, at the scale the pipeline does (no resize, no encode, no PDF): the floor
 *              under any cold build
 * idle         load the bundles and nothing else: the memory every phase starts from
 */
export const PHASES = ["cold", "incremental", "assembly", "upload", "decode", "idle"] as const;
export type Phase = (typeof PHASES)[number];

export interface PhaseResult {
  /** From loading the bundles to the result in hand (the PDF on disk): the sum of `steps`. */
  workSeconds: number;
  /** The same work once more in the same process, modules loaded and code optimized. */
  warmSeconds: number;
  steps: Record<string, number>;
  /** This process's peak RSS after the first run (VmHWM). */
  peakRssMb: number;
  pdfBytes?: number;
}

/** Index of the photo that changed in the incremental phase. */
const CHANGED = 17;
/** Parallel reads of normalized images, as the rebuild reads them from S3 (core/media/rebuild.ts). */
const READ_CONCURRENCY = 8;
const COURSE_TITLE = "Pastelería de temporada: tartas, cremas y masas";
const text = (index: number) => ({ title: `Receta ${index + 1}`, description: "Ingredientes y pasos de la receta, con sus tiempos y temperaturas." });

export async function listPhotos(folder: string, count: number): Promise<string[]> {
  const names = (await readdir(folder)).filter((name) => /\.jpe?g$/i.test(name)).sort();
  return names.slice(0, count).map((name) => path.join(folder, name));
}

async function runPhase(phase: Phase, photos: string[], work: string, bundles: { normalize: string; pdf: string }, atATime: number): Promise<PhaseResult> {
  const steps: Record<string, number> = {};
  const step = async <T>(name: string, task: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await task();
    } finally {
      steps[name] = (steps[name] ?? 0) + (performance.now() - started) / 1000;
    }
  };
  const load = <T>(bundle: string) => import(pathToFileURL(bundle).href) as Promise<T>;
  const normalizedFile = (index: number) => path.join(work, "normalized", `${index}.jpg`);

  // Inside the timing: a cold Lambda pays for loading its bundle (and sharp's native library) too.
  const needsSharp = phase !== "assembly";
  const needsPdf = phase === "cold" || phase === "incremental" || phase === "assembly" || phase === "idle";
  const { normalizeRecipeImage, jpegDecodeShrink } = needsSharp ? await step("load", () => load<NormalizeEngine>(bundles.normalize)) : ({} as Partial<NormalizeEngine>);
  const { buildRecipePdf } = needsPdf ? await step("load", () => load<PdfEngine>(bundles.pdf)) : ({} as Partial<PdfEngine>);

  const normalizeOriginal = async (index: number): Promise<Page> => ({ ...text(index), ...(await normalizeRecipeImage!(await readFile(photos[index]!))) });
  // The rebuild reads normalized images from storage (S3 in production, files here), not from memory.
  const readNormalized = async (index: number): Promise<Page> => {
    const size = JSON.parse(await readFile(`${normalizedFile(index)}.json`, "utf8")) as { width: number; height: number };
    return { ...text(index), jpeg: await readFile(normalizedFile(index)), ...size };
  };
  const assemble = async (pages: Page[]) => {
    const { pdf } = await step("build", () => buildRecipePdf!({ courseTitle: COURSE_TITLE, pages }));
    await step("write", () => writeFile(path.join(work, `${phase}.pdf`), pdf));
    return pdf.byteLength;
  };

  const changed = Math.min(CHANGED, photos.length - 1);
  const once = async (): Promise<{ pages?: Page[]; pdfBytes?: number }> => {
    switch (phase) {
      case "cold": {
        const pages = await step("normalize", () => mapLimited(photos, atATime, (_, index) => normalizeOriginal(index)));
        return { pages, pdfBytes: await assemble(pages) };
      }
      case "incremental": {
        const fresh = await step("normalize", () => normalizeOriginal(changed));
        const pages = await step("read", () => mapLimited(photos, READ_CONCURRENCY, (_, index) => (index === changed ? Promise.resolve(fresh) : readNormalized(index))));
        return { pdfBytes: await assemble(pages) };
      }
      case "assembly":
        return { pdfBytes: await assemble(await step("read", () => mapLimited(photos, READ_CONCURRENCY, (_, index) => readNormalized(index)))) };
      case "upload":
        // The first photos up to a batch, one of them portrait (EXIF 6) in the generated set.
        await step("normalize", () => mapLimited(photos.slice(0, atATime), atATime, (_, index) => normalizeOriginal(index * 4)));
        return {};
      case "decode": {
        const { default: sharp } = await import("sharp");
        // Decoded as the pipeline decodes them (at 1/2 for 12 MP photos), to the last row and thrown away: no resize,
        // no encode, no copy of the pixels out.
        const decode = async (index: number) => {
          const photo = photos[index]!;
          const { width = 1, height = 1 } = await sharp(photo).metadata();
          const shrink = jpegDecodeShrink!(Math.max(width, height));
          const source = shrink > 1 ? `${photo}[shrink=${shrink}]` : photo;
          const decoded = await sharp(source).metadata(); // the scaled size, as libvips rounds it
          await sharp(source).extract({ left: 0, top: decoded.height! - 1, width: decoded.width!, height: 1 }).raw().toBuffer();
        };
        await step("decode", () => mapLimited(photos, atATime, (_, index) => decode(index)));
        return {};
      }
      case "idle":
        return {};
    }
  };

  const { pages, pdfBytes } = await once();
  const firstSteps = { ...steps };
  const workSeconds = Object.values(firstSteps).reduce((sum, seconds) => sum + seconds, 0);
  const peak = peakRssMb(); // of the first run only: the warm run below must not raise it

  if (pages) {
    // Untimed: the normalized images the next phases start from (what S3 holds after the uploads).
    await mkdir(path.join(work, "normalized"), { recursive: true });
    for (const [index, page] of pages.entries()) {
      await writeFile(normalizedFile(index), page.jpeg);
      await writeFile(`${normalizedFile(index)}.json`, JSON.stringify({ width: page.width, height: page.height }));
    }
  }
  const warmStarted = performance.now();
  await once();
  const warmSeconds = (performance.now() - warmStarted) / 1000;
  return { workSeconds, warmSeconds, steps: firstSteps, peakRssMb: peak, pdfBytes };
}

/**
 * This process's peak RSS: VmHWM, the high-water mark of its own memory. Not getrusage's ru_maxrss: Linux
 * carries the parent's RSS at fork() into the child's ru_maxrss across exec (measured: every child reported
 * the orchestrator's 750 MB).
 */
function peakRssMb(): number {
  const status = existsSync("/proc/self/status") ? readFileSync("/proc/self/status", "utf8") : "";
  const kilobytes = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  if (!kilobytes) throw new Error("peak RSS needs Linux's /proc/self/status (VmHWM)");
  return Number(kilobytes) / 1024;
}

const [phase, photosFolder, work, normalizeBundle, pdfBundle, atATime, count] = process.argv.slice(2);
if (PHASES.includes(phase as Phase) && count) {
  const photos = await listPhotos(photosFolder!, Number(count));
  const result = await runPhase(phase as Phase, photos, work!, { normalize: normalizeBundle!, pdf: pdfBundle! }, Number(atATime));
  console.log(`RESULT ${JSON.stringify(result)}`);
}
