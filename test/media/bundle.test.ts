import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleMediaModule, mediaFunctionBuildOptions } from "../../bench/media-bundle";
import { normalizeRecipeImage } from "../../core/media/normalize";
import { buildRecipePdf } from "../../core/media/pdf";
import { orientedJpeg } from "./fixtures";

/**
 * The rebuild Lambda runs core/media/pdf.ts bundled with the stack's settings, including the plugin that defers
 * fontkit's Brotli dictionary: that bundle must build the very PDF the source builds.
 */
let folder: string;
let bundle: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "dulcevicio-media-bundle-"));
  bundle = await bundleMediaModule(await mediaFunctionBuildOptions(), folder, "pdf", "pdf", ["buildRecipePdf"]);
});

afterAll(() => rm(folder, { recursive: true, force: true }));

describe("the rebuild's bundle", () => {
  it("leaves Brotli's dictionary for WOFF2 fonts until one is read, and builds the same PDF as the source", async () => {
    // The stack's plugin swapped fontkit's eager set-up for a getter (names are minified; this property's is not).
    expect(await readFile(bundle, "utf8")).toMatch(/defineProperty\([\w$]+,\s*"dictionary",\s*\{\s*configurable:/);

    const bundled = (await import(pathToFileURL(bundle).href)) as { buildRecipePdf: typeof buildRecipePdf };
    const photo = await normalizeRecipeImage(await orientedJpeg(6));
    const input = { courseTitle: "Tartas de piña: crème brûlée", pages: [{ title: "Flan", description: "Huevos, leche y azúcar.", ...photo }] };
    const [fromBundle, fromSource] = [await bundled.buildRecipePdf(input), await buildRecipePdf(input)];
    expect(fromBundle.pageCount).toBe(2);
    expect(Buffer.from(fromBundle.pdf).equals(Buffer.from(fromSource.pdf))).toBe(true);
  });
});
