import { describe, expect, it } from "vitest";
import { BLOCK_BYTES, probeVideo, RangeReader } from "../../core/media/video-probe";
import { MediaRejected } from "../../core/media/rejection";
import { detectType } from "../../core/media/detect";
import { accepted } from "./fixtures";
import { video } from "./videos";

/** A reader over bytes in memory that counts what the probe asked for, as S3's ranged GETs would serve it. */
function readerOf(bytes: Buffer, size = bytes.length) {
  const ranges: Array<[number, number]> = [];
  const reader = new RangeReader(async (start, end) => {
    ranges.push([start, end]);
    return bytes.subarray(start, end);
  }, size);
  return { reader, ranges };
}

async function probe(bytes: Buffer, size?: number) {
  const detected = detectType(bytes.subarray(0, 64));
  if (detected.kind !== "video") throw new Error(`not detected as a video: ${detected.kind}`);
  const { reader, ranges } = readerOf(bytes, size);
  return { metadata: await probeVideo(reader, detected.format), bytesRead: reader.bytesRead, ranges };
}

async function refusalOf(bytes: Buffer, format: "mp4" | "quicktime" | "webm" = "mp4"): Promise<string> {
  const error = await probeVideo(readerOf(bytes).reader, format).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(MediaRejected);
  return (error as MediaRejected).reason;
}

describe("a video's duration, size and codec come from its container", () => {
  it.each([
    ["an MP4 with moov at the end", "moov-at-end.mp4", { duration: 3.2, width: 320, height: 240, codec: "avc1" }],
    ["an MP4 with moov first", "moov-first.mp4", { duration: 3.2, width: 320, height: 240, codec: "avc1" }],
    ["a QuickTime .mov", "iphone-like.mov", { duration: 2, width: 640, height: 360, codec: "avc1" }],
    ["a VP9 WebM", "vp9.webm", { duration: 2.5, width: 320, height: 240, codec: "V_VP9" }],
    ["a portrait phone video (turned by its matrix)", "portrait.mp4", { duration: 1, width: 360, height: 640, codec: "avc1" }],
  ] as const)("%s", async (_name, file, expected) => {
    const { metadata, bytesRead } = await probe(await video(file));
    expect({ ...metadata, duration: Math.round(metadata.duration * 10) / 10 }).toEqual(expected);
    expect(bytesRead).toBeLessThanOrEqual(2 * BLOCK_BYTES);
  });

  it("a 2 GB MP4 with moov at the end is probed reading a few blocks, not the file", async () => {
    const small = await video("moov-at-end.mp4");
    const moovAt = small.indexOf("moov") - 4;
    const moov = small.subarray(moovAt, moovAt + small.readUInt32BE(moovAt));
    const ftyp = small.subarray(0, small.readUInt32BE(0));
    const mediaBytes = 2 * 1024 ** 3;
    // ftyp, a 64-bit mdat of 2 GB (never read, so never made), then the small file's moov.
    const mdatHeader = Buffer.alloc(16);
    mdatHeader.writeUInt32BE(1, 0);
    mdatHeader.write("mdat", 4, "latin1");
    mdatHeader.writeBigUInt64BE(BigInt(mediaBytes + 16), 8);
    const moovStart = ftyp.length + 16 + mediaBytes;
    const size = moovStart + moov.length;
    const ranges: Array<[number, number]> = [];
    const reader = new RangeReader(async (start, end) => {
      ranges.push([start, end]);
      const out = Buffer.alloc(end - start);
      const put = (part: Buffer, at: number) => {
        const from = Math.max(start, at);
        const to = Math.min(end, at + part.length);
        if (from < to) part.copy(out, from - start, from - at, to - at);
      };
      put(ftyp, 0);
      put(mdatHeader, ftyp.length);
      put(moov, moovStart);
      return out;
    }, size);
    const metadata = await probeVideo(reader, "mp4");
    expect(metadata).toMatchObject({ width: 320, height: 240, codec: "avc1" });
    expect(metadata.duration).toBeCloseTo(3.2, 1);
    expect(reader.bytesRead).toBeLessThanOrEqual(3 * BLOCK_BYTES);
    expect(ranges.every(([start, end]) => end - start <= BLOCK_BYTES)).toBe(true);
  });
});

describe("what is not a whole video is refused with its reason", () => {
  it("an audio-only MP4", async () => {
    expect(await refusalOf(await video("audio-only.mp4"))).toBe("the file has no video track (it is audio only)");
  });

  it.each([0.5, 0.97])("an MP4 with moov at the end cut at %s of its length", async (fraction) => {
    const whole = await video("moov-at-end.mp4");
    expect(await refusalOf(whole.subarray(0, Math.floor(whole.length * fraction)))).toBe("the video is truncated: upload the whole file again");
  });

  it("an MP4 with moov first, cut in its media data", async () => {
    const whole = await video("moov-first.mp4");
    expect(await refusalOf(whole.subarray(0, Math.floor(whole.length * 0.6)))).toBe("the video is truncated: upload the whole file again");
  });

  it("a WebM cut in half", async () => {
    const whole = await video("vp9.webm");
    expect(await refusalOf(whole.subarray(0, whole.length >> 1), "webm")).toBe("the video is truncated: upload the whole file again");
  });

  it("20 KB of an MP4 ftyp header and random bytes", async () => {
    const bytes = Buffer.concat([Buffer.from("0000001c667479706973366d0000000069736f6d61766331", "hex"), Buffer.alloc(4), Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 251))]);
    expect(await refusalOf(bytes)).toMatch(/^(the video is truncated|the video's container is damaged)/);
  });

  it("a JPEG is no video (detected before any probe)", async () => {
    expect(detectType(await accepted.tinyJpeg())).toMatchObject({ kind: "image" });
  });
});

describe("the portrait fixture is what phones write", () => {
  it("ffprobe reads its rotation", async () => {
    const { execFile } = await import("node:child_process");
    const { writeFile, mkdtemp } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const file = path.join(await mkdtemp(path.join(tmpdir(), "portrait-")), "portrait.mp4");
    await writeFile(file, await video("portrait.mp4"));
    const out = await new Promise<string>((resolve, reject) =>
      execFile("ffprobe", ["-v", "error", "-select_streams", "v", "-show_entries", "stream_side_data=rotation", "-of", "csv=p=0", file], (error, stdout) => (error ? reject(error) : resolve(stdout))),
    );
    expect(Math.abs(Number.parseInt(out.trim(), 10))).toBe(90);
  });
});
