import { describe, expect, it } from "vitest";
import { detectType, refusal, type Detected, type ImageFormat } from "../../core/media/detect";
import { isoBmffHeader } from "./fixtures";

const bytes = (...values: number[]) => Buffer.from(values);
const text = (value: string) => Buffer.from(value, "utf8");
const padded = (head: Buffer) => Buffer.concat([head, Buffer.alloc(64, 0x20)]);

const image = (format: ImageFormat): Detected => ({ kind: "image", format });
const video = (format: "mp4" | "webm" | "quicktime"): Detected => ({ kind: "video", format });
const unsupported = (family: "image" | "video" | "other", name: string): Detected => ({ kind: "unsupported", family, name });

const NOT_AN_IMAGE: Detected = { kind: "unknown" };
const HEIC = image("heif");
const SVG = unsupported("image", "SVG");
const HTML = unsupported("other", "an HTML page");

const webm = bytes(0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, ...text("webm"));

const cases: Array<[string, Buffer, Detected]> = [
  ["an empty file", Buffer.alloc(0), { kind: "empty" }],
  ["JPEG (JFIF)", padded(bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...text("JFIF"))), image("jpeg")],
  ["JPEG (EXIF, as phones write it)", padded(bytes(0xff, 0xd8, 0xff, 0xe1, 0x12, 0x34, ...text("Exif\0\0"))), image("jpeg")],
  ["PNG", padded(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...text("IHDR"))), image("png")],
  ["WebP", padded(Buffer.concat([text("RIFF"), bytes(0x24, 0, 0, 0), text("WEBPVP8 ")])), image("webp")],
  ["a RIFF that is not WebP (WAV)", padded(Buffer.concat([text("RIFF"), bytes(0x24, 0, 0, 0), text("WAVEfmt ")])), NOT_AN_IMAGE],
  ["GIF", padded(text("GIF89a")), unsupported("image", "GIF")],
  ["GIF (87a)", padded(text("GIF87a")), unsupported("image", "GIF")],
  ["BMP", padded(Buffer.concat([text("BM"), bytes(0x36, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 40, 0, 0, 0)])), unsupported("image", "BMP")],
  ["text that happens to start with BM", padded(text("BMW owners club: recipes")), NOT_AN_IMAGE],
  ["TIFF (little endian)", padded(bytes(0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0)), image("tiff")],
  ["TIFF (big endian)", padded(bytes(0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8)), image("tiff")],
  ["PDF", padded(text("%PDF-1.7\n%âãÏÓ")), { kind: "pdf" }],
  ["ZIP", padded(Buffer.concat([text("PK"), bytes(3, 4, 20, 0)])), unsupported("other", "a ZIP archive")],
  ["HTML (doctype)", text("<!DOCTYPE html><html><body>hi</body></html>"), HTML],
  ["HTML (lower case, leading whitespace)", text("\n\n   <html lang=es><head>"), HTML],
  ["HTML (UTF-8 BOM)", text("\uFEFF<!doctype HTML>"), HTML],
  ["SVG", text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), SVG],
  ["SVG after an XML prolog", text('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!-- Created with Inkscape -->\n<svg width="10">'), SVG],
  ["SVG with a doctype", text('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN">'), SVG],
  ["XML that is not SVG", text('<?xml version="1.0"?><recipe>flan</recipe>'), NOT_AN_IMAGE],
  ["HEIC (iPhone)", padded(isoBmffHeader("heic", ["mif1", "heic"])), HEIC],
  ["HEIC (heix)", padded(isoBmffHeader("heix", ["mif1", "heix"])), HEIC],
  ["HEIF sequence (hevc)", padded(isoBmffHeader("hevc", ["msf1", "hevc"])), HEIC],
  ["HEIF (mif1 major brand)", padded(isoBmffHeader("mif1", ["mif1", "heic"])), HEIC],
  ["HEIF (msf1 major brand)", padded(isoBmffHeader("msf1", ["msf1"])), HEIC],
  ["HEIF (unknown major, heif compatible)", padded(isoBmffHeader("abcd", ["heif"])), HEIC],
  ["AVIF (also lists mif1)", padded(isoBmffHeader("avif", ["avif", "mif1", "miaf"])), unsupported("image", "AVIF")],
  ["M4A (audio only)", padded(isoBmffHeader("M4A ", ["M4A ", "mp42", "isom"])), unsupported("other", "an audio file")],
  ["MP3 (ID3 tag)", padded(text("ID3\x04\x00")), unsupported("other", "an audio file")],
  ["MP4 (isom)", padded(isoBmffHeader("isom", ["isom", "iso2", "avc1", "mp41"])), video("mp4")],
  ["MP4 (mp42)", padded(isoBmffHeader("mp42", ["mp42", "isom"])), video("mp4")],
  ["MP4 (iso2)", padded(isoBmffHeader("iso2", [])), video("mp4")],
  ["MP4 (mp41)", padded(isoBmffHeader("mp41", [])), video("mp4")],
  ["MP4 (avc1)", padded(isoBmffHeader("avc1", [])), video("mp4")],
  ["MP4 (dash)", padded(isoBmffHeader("dash", ["iso6", "mp41"])), video("mp4")],
  ["MP4 (M4V)", padded(isoBmffHeader("M4V ", ["M4V ", "mp42", "isom"])), video("mp4")],
  ["MP4 (unknown major brand, isom compatible)", padded(isoBmffHeader("xyz1", ["isom"])), video("mp4")],
  ["QuickTime (ftyp qt)", padded(isoBmffHeader("qt  ", ["qt  "])), video("quicktime")],
  ["QuickTime (moov first)", padded(Buffer.concat([bytes(0, 0, 0, 0x6c), text("moovmvhd")])), video("quicktime")],
  ["QuickTime (mdat first)", padded(Buffer.concat([bytes(0, 0, 0, 0x08), text("mdat")])), video("quicktime")],
  ["QuickTime (wide first)", padded(Buffer.concat([bytes(0, 0, 0, 0x08), text("wide")])), video("quicktime")],
  ["ISO-BMFF of an unknown brand", padded(isoBmffHeader("abcd", ["efgh"])), NOT_AN_IMAGE],
  ["WebM", padded(webm), video("webm")],
  ["Matroska", padded(Buffer.concat([bytes(0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88), text("matroska")])), unsupported("video", "MKV video")],
  ["plain text", text("Tarta de queso: 200 g de azúcar"), NOT_AN_IMAGE],
  ["random bytes", bytes(0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07), NOT_AN_IMAGE],
  ["a single byte", bytes(0xff), NOT_AN_IMAGE],
];

describe("detectType tells the real type from the first bytes", () => {
  it.each(cases)("%s", (_name, head, expected) => {
    expect(detectType(head)).toEqual(expected);
  });

  it("needs only the first 64 bytes (what the pipeline reads of a video)", () => {
    const mp4 = Buffer.concat([isoBmffHeader("isom", ["isom", "iso2", "avc1", "mp41"]), Buffer.alloc(10_000)]);
    expect(detectType(mp4.subarray(0, 64))).toEqual(video("mp4"));
  });

  it("accepts a Uint8Array view into a larger buffer", () => {
    const backing = Buffer.concat([text("junk"), bytes(0xff, 0xd8, 0xff, 0xdb), Buffer.alloc(60)]);
    expect(detectType(new Uint8Array(backing.buffer, backing.byteOffset + 4, 64))).toEqual(image("jpeg"));
  });
});

describe("refusal words a refused file for what the upload expected", () => {
  const words: Array<[string, Buffer, "image" | "video" | "pdf", string]> = [
    ["plain text for a photo", text("hola"), "image", "not a JPEG, PNG, WebP, HEIC or TIFF image"],
    ["plain text for a video", text("hola"), "video", "not an MP4, MOV or WebM video"],
    ["plain text for a PDF", text("hola"), "pdf", "not a PDF"],
    ["a GIF for a photo", padded(text("GIF89a")), "image", "GIF is not supported; use JPEG, PNG, WebP, HEIC or TIFF"],
    ["a GIF for a video", padded(text("GIF89a")), "video", "not a video (it is a GIF image)"],
    ["a JPEG for a video", padded(bytes(0xff, 0xd8, 0xff, 0xe0)), "video", "not a video (it is a JPEG image)"],
    ["a HEIC for a PDF", padded(isoBmffHeader("heic", ["mif1", "heic"])), "pdf", "not a PDF (it is a HEIC image)"],
    ["a PDF for a photo", padded(text("%PDF-1.7")), "image", "not an image (it is a PDF)"],
    ["an MP4 for a photo", padded(isoBmffHeader("isom", ["isom"])), "image", "not an image (it is a video)"],
    ["an HTML page for a PDF", text("<!doctype html><p>"), "pdf", "not a PDF (it is an HTML page)"],
    ["an M4A for a video", padded(isoBmffHeader("M4A ", ["M4A "])), "video", "not a video (it is an audio file)"],
    ["an SVG for a photo", text("<svg>"), "image", "SVG is not accepted (it can carry scripts); export as PNG or JPEG"],
    ["an MKV for a video", padded(Buffer.concat([bytes(0x1a, 0x45, 0xdf, 0xa3), text("matroska")])), "video", "MKV video is not supported; use MP4 or WebM"],
    ["an empty file", Buffer.alloc(0), "video", "the file is empty"],
  ];
  it.each(words)("%s", (_name, head, expected, sentence) => {
    expect(refusal(detectType(head), expected)).toBe(sentence);
  });
});
