import { access, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The one font of the recipe PDF: DejaVu Sans covers Latin (all of Spanish, French, Portuguese...), Greek and
 * Cyrillic. It has no CJK glyphs: those characters print as empty boxes rather than failing the build.
 */
export const PDF_FONT_FILE = "DejaVuSans.ttf";
/** Where the build finds it, relative to the project root (the function's `copyFiles` copies it from here). */
export const PDF_FONT_SOURCE = `node_modules/dejavu-fonts-ttf/ttf/${PDF_FONT_FILE}`;

let fontBytes: Promise<Uint8Array> | undefined;

/** The font file's bytes, read once per process. */
export function loadPdfFont(): Promise<Uint8Array> {
  fontBytes ??= readFont().catch((error: unknown) => {
    fontBytes = undefined; // a failed read is retried by the next build rather than remembered
    throw error;
  });
  return fontBytes;
}

/**
 * Places the font can be, in order:
 * 1. next to this module: in a bundle, that is beside the bundled handler file;
 * 2. the root of the Lambda package (`LAMBDA_TASK_ROOT`), where SST's `copyFiles: [{ to: "DejaVuSans.ttf" }]`
 *    puts it (SST writes the handler under `functions/...`, so that is not "next to the bundle");
 * 3. `node_modules`, resolved like an import: running from source (tests, `npm run dev`).
 */
async function readFont(): Promise<Uint8Array> {
  const candidates = [fileURLToPath(new URL(`./${PDF_FONT_FILE}`, import.meta.url))];
  if (process.env.LAMBDA_TASK_ROOT) candidates.push(path.join(process.env.LAMBDA_TASK_ROOT, PDF_FONT_FILE));
  try {
    candidates.push(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${PDF_FONT_FILE}`));
  } catch {
    // Not installed: a bundled Lambda carries only the copied file.
  }
  for (const candidate of candidates) {
    if (await exists(candidate)) return new Uint8Array(await readFile(candidate));
  }
  throw new Error(`PDF font ${PDF_FONT_FILE} not found; looked in ${candidates.join(", ")} (copy ${PDF_FONT_SOURCE} into the function bundle)`);
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
