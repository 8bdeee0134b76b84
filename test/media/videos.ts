/**
 * Small videos made at test time with Debian's ffmpeg (.ci/run installs it): nothing binary in the repository.
 * Each is made once per test process, in a temporary folder.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
let folder: Promise<string> | undefined;
const made = new Map<string, Promise<Buffer>>();

const LAVFI_VIDEO = (size: string, seconds: number) => ["-f", "lavfi", "-i", `testsrc=size=${size}:rate=25:duration=${seconds}`];
const LAVFI_AUDIO = (seconds: number) => ["-f", "lavfi", "-i", `sine=duration=${seconds}`];

/** What each fixture is: ffmpeg's arguments between its inputs and the output file. */
export const VIDEOS = {
  /** 3.2 s, 320×240 H.264 + AAC, moov after mdat (ffmpeg's default, what phones write). */
  "moov-at-end.mp4": [...LAVFI_VIDEO("320x240", 3.2), ...LAVFI_AUDIO(3.2), "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest"],
  /** The same with moov first (`-movflags +faststart`, what web exports write). */
  "moov-first.mp4": [...LAVFI_VIDEO("320x240", 3.2), ...LAVFI_AUDIO(3.2), "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", "-movflags", "+faststart"],
  /** 2 s, 640×360 H.264 in QuickTime (an iPhone's .mov). */
  "iphone-like.mov": [...LAVFI_VIDEO("640x360", 2), "-c:v", "libx264", "-preset", "ultrafast"],
  /** 2.5 s, 320×240 VP9 WebM. */
  "vp9.webm": [...LAVFI_VIDEO("320x240", 2.5), "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "100k"],
  /** A portrait phone video: stored 640×360, turned 90° by its track matrix (set by {@link turnedQuarter}). */
  "portrait.mp4": [...LAVFI_VIDEO("640x360", 1), "-c:v", "libx264", "-preset", "ultrafast"],
  /** 2 s of AAC, no video (an .m4a renamed .mp4). */
  "audio-only.mp4": [...LAVFI_AUDIO(2), "-c:a", "aac", "-f", "mp4"],
} as const satisfies Record<string, readonly string[]>;

export function video(name: keyof typeof VIDEOS): Promise<Buffer> {
  let bytes = made.get(name);
  if (!bytes) {
    bytes = (async () => {
      folder ??= mkdtemp(path.join(tmpdir(), "dulcevicio-videos-"));
      const file = path.join(await folder, name);
      await run("ffmpeg", ["-v", "error", "-y", ...VIDEOS[name], file]);
      const bytes = await readFile(file);
      return name === "portrait.mp4" ? turnedQuarter(bytes) : bytes;
    })();
    made.set(name, bytes);
  }
  return bytes;
}

/**
 * Writes a 90° rotation into the (only) track header's matrix, as a phone held upright does: Debian's ffmpeg 5.1
 * has no option for it (`-display_rotation` came in 6.0). `ffprobe` then reports the rotation (checked by the test).
 */
function turnedQuarter(mp4: Buffer): Buffer {
  const turned = Buffer.from(mp4);
  const tkhd = turned.indexOf("tkhd") + 4;
  if (turned[tkhd] !== 0) throw new Error("expected a version 0 tkhd");
  const matrix = tkhd + 40;
  const height = turned.readUInt32BE(matrix + 40) >>> 16;
  [0, 0x10000, 0, -0x10000, 0, 0, height * 0x10000, 0, 0x40000000].forEach((value, index) => turned.writeInt32BE(value, matrix + index * 4));
  return turned;
}
