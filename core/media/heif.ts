/**
 * HEIC/HEIF photos (what an iPhone shoots and a Mac uploads), decoded by libheif compiled to WebAssembly
 * (`libheif-js`, with libde265 for HEVC): sharp's prebuilt libvips has libheif for AVIF only, as HEVC is patented.
 *
 * The module (2 MB of JavaScript holding the wasm) is bundled, and only run on the first HEIC a function sees: a
 * function that never gets one never instantiates the wasm. Measured with esbuild as stacks/Media.ts bundles
 * process-uploads: 4.18 MB -> 6.23 MB; importing the bundle took the same time within noise (450-920 ms either
 * way on a loaded machine) and ~5 MB more RSS.
 * libheif applies the HEIF transformations (`irot`, `imir`, `clap`) while decoding, and the pixels handed on carry
 * no EXIF: the orientation is applied exactly once, and nothing of the file but the primary image's pixels leaves
 * this module (no EXIF or XMP, no GPS, no depth map, no auxiliary or thumbnail image).
 */
import { MediaRejected } from "./rejection";

export interface DecodedPixels {
  pixels: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

/** The parts of libheif-js's binding this module calls (it ships no types for its Node entry point). */
interface HeifError {
  code: unknown;
  message: string;
}
interface Libheif {
  heif_error_code: { heif_error_Ok: unknown };
  heif_colorspace: { heif_colorspace_RGB: unknown };
  heif_chroma: { heif_chroma_interleaved_RGB: unknown; heif_chroma_interleaved_RGBA: unknown };
  heif_context_alloc(): unknown;
  heif_context_free(context: unknown): void;
  heif_context_read_from_memory(context: unknown, bytes: Uint8Array): HeifError;
  heif_js_context_get_primary_image_handle(context: unknown): unknown;
  heif_image_handle_get_width(handle: unknown): number;
  heif_image_handle_get_height(handle: unknown): number;
  heif_image_handle_has_alpha_channel(handle: unknown): number;
  heif_image_handle_release(handle: unknown): void;
  heif_js_decode_image2(handle: unknown, colorspace: unknown, chroma: unknown): { code?: unknown; message?: string; image: unknown; channels: Array<{ width: number; height: number; stride: number; data: Uint8Array }> };
  heif_image_release(image: unknown): void;
}

let loading: Promise<Libheif> | undefined;

function libheif(): Promise<Libheif> {
  loading ??= import("libheif-js/wasm-bundle.js").then((module) => (module as { default: Libheif }).default);
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/**
 * The primary image of a HEIF file as 8-bit RGB(A), upright. Its size is read from the file's header (the `ispe`
 * of the primary item, as transformed) and refused above `maxPixels` before anything is decoded.
 */
export async function decodeHeif(input: Buffer, maxPixels: number): Promise<DecodedPixels> {
  if (isCutShort(input)) throw new MediaRejected("file is truncated");
  const heif = await libheif();
  const context = heif.heif_context_alloc();
  let handle: unknown;
  try {
    const read = heif.heif_context_read_from_memory(context, input);
    if (read.code !== heif.heif_error_code.heif_error_Ok) throw unreadableHeif(read.message);
    handle = heif.heif_js_context_get_primary_image_handle(context);
    if (!handle || (handle as { code?: unknown }).code !== undefined) throw new MediaRejected("the HEIC file has no primary image; export the photo as JPEG");
    const width = heif.heif_image_handle_get_width(handle);
    const height = heif.heif_image_handle_get_height(handle);
    if (width * height > maxPixels) throw new MediaRejected(`image too large: ${width}×${height} pixels`);
    const channels = heif.heif_image_handle_has_alpha_channel(handle) ? 4 : 3;
    const decoded = heif.heif_js_decode_image2(handle, heif.heif_colorspace.heif_colorspace_RGB, channels === 4 ? heif.heif_chroma.heif_chroma_interleaved_RGBA : heif.heif_chroma.heif_chroma_interleaved_RGB);
    if (!decoded || decoded.code !== undefined || !decoded.channels?.[0]) throw unreadableHeif(decoded?.message ?? "no image");
    try {
      return { pixels: packed(decoded.channels[0], channels), width: decoded.channels[0].width, height: decoded.channels[0].height, channels };
    } finally {
      heif.heif_image_release(decoded.image);
    }
  } finally {
    if (handle) heif.heif_image_handle_release(handle);
    heif.heif_context_free(context);
  }
}

/**
 * Walks the file's top-level boxes (size, type, …): a file cut short has a last box, usually `mdat` with the
 * pixels, that runs past its end. libheif decodes such a file without complaint when the cut falls among the tiles
 * of a grid image (measured: an iPhone photo cut at half its length decoded, grey below the cut).
 */
function isCutShort(file: Buffer): boolean {
  let offset = 0;
  while (offset < file.length) {
    if (offset + 8 > file.length) return true;
    // Junk where a box should start is damage, not a cut: libheif says what it can of that.
    if (!/^[\x20-\x7e]{4}$/.test(file.toString("latin1", offset + 4, offset + 8))) return false;
    let size = file.readUInt32BE(offset);
    if (size === 0) return false; // the last box, up to the end of the file
    if (size === 1) {
      if (offset + 16 > file.length) return true;
      size = Number(file.readBigUInt64BE(offset + 8));
    }
    if (size < 8) return false;
    offset += size;
  }
  return offset > file.length;
}

/** The rows without libheif's padding (its stride may exceed width × channels). */
function packed(plane: { width: number; height: number; stride: number; data: Uint8Array }, channels: number): Buffer {
  const row = plane.width * channels;
  if (plane.stride === row) return Buffer.from(plane.data.buffer, plane.data.byteOffset, row * plane.height);
  const pixels = Buffer.alloc(row * plane.height);
  for (let y = 0; y < plane.height; y++) pixels.set(plane.data.subarray(y * plane.stride, y * plane.stride + row), y * row);
  return pixels;
}

/** A cut is found by {@link isCutShort}; libheif's own message (logged by nobody) would only confuse an admin. */
function unreadableHeif(message: string): MediaRejected {
  return new MediaRejected(`the HEIC photo could not be decoded (${message.toLowerCase().replace(/\.$/, "")}); export it as JPEG and upload that`);
}
