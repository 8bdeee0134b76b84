import { access, copyFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { Worker } from "tesseract.js";

/**
 * Text recognition of recipe photos (issue 15): Tesseract 5 compiled to WebAssembly (tesseract.js), LSTM engine,
 * Spanish + English language data from npm (@tesseract.js-data/spa and /eng, the "best_int" models, 2.1 + 2.9 MB
 * gzipped). Nothing is downloaded at run time: the data is read from the function's package (stacks/bundling.ts
 * `ocrFiles`) or, run from source, from node_modules.
 */

/** The languages, in Tesseract's order of preference: the recipes are Spanish, with English words now and then. */
export const OCR_LANGUAGES = ["spa", "eng"] as const;
/** Where a function's package carries the language data (stacks/bundling.ts copies them there). */
export const TESSDATA_DIR = "tessdata";
/** The model files as published on npm, relative to the project root. */
export const tessdataSource = (language: string): string => `node_modules/@tesseract.js-data/${language}/4.0.0_best_int/${language}.traineddata.gz`;

/**
 * The longest edge OCR reads. A normalized photo is at most 2480 px (core/media/normalize.ts), where text a phone
 * photographs is 30-150 px tall; Tesseract reads best at 20-40 px per line and its time grows with the pixels.
 * Measured (bench:ocr): a 12 MP photo downscaled to this reads in ~1-2 s on one core, with the same error rate.
 */
export const OCR_MAX_LONG_EDGE = 2480;

export interface OcrWord {
  text: string;
  /** Tesseract's confidence in the word, 0-100. */
  confidence: number;
  /** The box in pixels of the photo as stored (the normalized JPEG), origin top left. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The word boxes as stored next to the photo (core/media/keys.ts recipeOcrWordsKey): what the PDF's text layer draws. */
export interface OcrWords {
  /** The photo's size the boxes refer to. */
  width: number;
  height: number;
  words: OcrWord[];
}

export interface OcrResult extends OcrWords {
  text: string;
  /** Tesseract's mean confidence over the page, 0-100 (0 when it found no text). */
  confidence: number;
}

let worker: Promise<Worker> | undefined;

/** The Tesseract worker, created once per process (a warm function reuses it): ~0.3-0.5 s of a cold start. */
export function ocrWorker(): Promise<Worker> {
  worker ??= startWorker().catch((error: unknown) => {
    worker = undefined;
    throw error;
  });
  return worker;
}

async function startWorker(): Promise<Worker> {
  const { createWorker, OEM } = await import("tesseract.js");
  // cacheMethod none: no copy of the data is written anywhere (a Lambda's package is read-only, and /tmp needs none).
  return createWorker([...OCR_LANGUAGES], OEM.LSTM_ONLY, { langPath: await tessdataDir(), cacheMethod: "none", gzip: true });
}

/** Stops the worker (tests and the benchmark end their process cleanly; a worker that failed is started afresh). */
export async function stopOcrWorker(): Promise<void> {
  const running = worker;
  worker = undefined;
  if (running) await (await running).terminate().catch(() => undefined);
}

/**
 * The one folder Tesseract reads every language from (`langPath`): in a Lambda package, `tessdata/` at its root
 * (`copyFiles`); run from source, the npm packages keep each language in a folder of its own, so they are copied
 * once into one folder under the system's temporary directory.
 */
async function tessdataDir(): Promise<string> {
  const packaged = path.join(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), TESSDATA_DIR);
  if (await allPresent(packaged)) return packaged;
  const require = createRequire(import.meta.url);
  const folder = path.join(os.tmpdir(), "dulcevicio-tessdata");
  await mkdir(folder, { recursive: true });
  for (const language of OCR_LANGUAGES) {
    const target = path.join(folder, `${language}.traineddata.gz`);
    if (!(await exists(target))) await copyFile(require.resolve(`@tesseract.js-data/${language}/4.0.0_best_int/${language}.traineddata.gz`), target);
  }
  return folder;
}

const allPresent = async (folder: string) => (await Promise.all(OCR_LANGUAGES.map((language) => exists(path.join(folder, `${language}.traineddata.gz`))))).every(Boolean);

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads the text of a photo (a normalized JPEG). Downscaled to {@link OCR_MAX_LONG_EDGE} and turned grey first; the
 * boxes come back in the photo's own pixels. A photo without legible text (handwriting, a blur) is no error: little
 * or no text and a low confidence. Throws only when the image cannot be decoded or Tesseract fails.
 */
export async function recognizeText(jpeg: Uint8Array): Promise<OcrResult> {
  const image = sharp(jpeg);
  const { width, height } = await image.metadata().then((meta) => ({ width: meta.width ?? 0, height: meta.height ?? 0 }));
  const scale = Math.min(1, OCR_MAX_LONG_EDGE / Math.max(width, height, 1));
  const input = await image
    .resize({ width: Math.round(width * scale), height: Math.round(height * scale), fit: "fill" })
    .grayscale()
    .png({ compressionLevel: 1 })
    .toBuffer();
  const { data } = await (await ocrWorker()).recognize(input, {}, { blocks: true });
  const words: OcrWord[] = [];
  const lines: string[] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const kept = line.words.map((word) => ({ ...word, text: word.text.trim().normalize("NFC") })).filter((word) => isWordLike(word.text));
        for (const word of kept) {
          words.push({
            text: word.text,
            confidence: Math.round(word.confidence),
            x0: Math.round(word.bbox.x0 / scale),
            y0: Math.round(word.bbox.y0 / scale),
            x1: Math.round(word.bbox.x1 / scale),
            y1: Math.round(word.bbox.y1 / scale),
          });
        }
        if (kept.length > 0) lines.push(kept.map((word) => word.text).join(" "));
      }
    }
  }
  // A photo of a cake, a tablecloth or a blur: Tesseract still "reads" its texture, as words it doubts.
  if (!words.some(isConfidentWord)) return { text: "", confidence: 0, width, height, words: [] };
  return { text: lines.join("\n"), confidence: Math.round(data.confidence), width, height, words };
}

/**
 * What texture read as text looks like, measured on generated photos without text (test/media/fixtures.ts
 * photoLikeJpeg, 20 seeds at three sizes): mostly marks with no letter or digit ("=", "==", "—", "|", ">") and
 * tokens holding characters no recipe is written with ("r@90", "=F", "£5", "[=="). Those are never words. What is
 * left of texture is letters Tesseract doubts ("EE:38", "ss:20", "a:47"); no texture gave a word of three letters
 * or more at a confidence of 70 or above, which every real line of the corpus has (85-97).
 */
const NOT_IN_RECIPES = /[=@|<>_~[\]{}\\^§©£¢¥`]/u;
const isWordLike = (text: string): boolean => /[\p{L}\p{N}]/u.test(text) && !NOT_IN_RECIPES.test(text);
const isConfidentWord = (word: OcrWord): boolean => word.confidence >= 70 && (word.text.match(/\p{L}/gu)?.length ?? 0) >= 3;
