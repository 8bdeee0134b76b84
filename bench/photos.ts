/** The benchmarks' phone-like photos (bench/pdf.ts, bench/normalize-variants.ts). */
import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { mapLimited } from "../core/concurrency";

export const PHOTOS = 50;
/** Every 5th generated photo was taken in portrait: stored landscape with EXIF orientation 6, as phones do. */
export const PORTRAIT_EVERY = 5;
/** Bump when photoLikeJpeg changes, so a cached set is regenerated. */
const PHOTO_SET = "v2";

/** 50 phone-like 4032×3024 photos, generated once into a cache folder (slow, and not what is measured). */
export async function generatedPhotos(): Promise<string> {
  const folder = path.join(tmpdir(), `dulcevicio-bench-photos-${PHOTO_SET}`);
  await mkdir(folder, { recursive: true });
  const name = (index: number) => path.join(folder, `photo-${String(index + 1).padStart(2, "0")}.jpg`);
  const missing = Array.from({ length: PHOTOS }, (_, index) => index).filter((index) => !existsSync(name(index)));
  if (missing.length === 0) return folder;

  console.log(`generating ${missing.length} phone-like 4032×3024 JPEGs in ${folder} (once)...`);
  const { photoLikeJpeg } = await import("../test/media/fixtures");
  await mapLimited(missing, availableParallelism(), async (index) => {
    const portrait = (index + 1) % PORTRAIT_EVERY === 0;
    const photo = await photoLikeJpeg({ width: 4032, height: 3024, seed: 1000 + index, orientation: portrait ? 6 : undefined });
    // Written aside and renamed: an interrupted run never leaves half a photo for the next run to reuse.
    await writeFile(`${name(index)}.partial`, photo);
    await rename(`${name(index)}.partial`, name(index));
  });
  return folder;
}
