/**
 * A lesson video's duration, size and codec, read from its container with ranged reads: the MP4/MOV index (`moov`,
 * wherever it is: phones write it at the end) or the WebM/Matroska `Segment` `Info` and `Tracks`. The file itself,
 * several GB, is never downloaded: the probe reads the boxes it needs in blocks of {@link BLOCK_BYTES}, skips the
 * sample tables, and gives up past {@link MAX_PROBE_BYTES}.
 */
import { MediaRejected } from "./rejection";

export interface VideoMetadata {
  /** Seconds. */
  duration: number;
  /** As displayed (a phone's portrait video, stored landscape and turned by its track matrix, is taller than wide). */
  width: number;
  height: number;
  /** The codec as the container names it: `avc1`, `hvc1`, `V_VP9`, … */
  codec: string;
}

/** Reads bytes [start, end) of the object. */
export type RangeFetch = (start: number, end: number) => Promise<Uint8Array>;

export const BLOCK_BYTES = 64 * 1024;
/** An index that needs more than this is refused rather than read (a 3-hour phone video's needs ~6 blocks). */
export const MAX_PROBE_BYTES = 4 * 1024 * 1024;

/** Block-cached reads of one object, counting what was fetched. */
export class RangeReader {
  bytesRead = 0;
  private readonly blocks = new Map<number, Uint8Array>();

  constructor(
    private readonly fetchRange: RangeFetch,
    readonly size: number,
  ) {}

  /** `length` bytes at `offset`, or fewer at the end of the object. */
  async read(offset: number, length: number): Promise<Buffer> {
    const end = Math.min(this.size, offset + length);
    if (offset >= end) return Buffer.alloc(0);
    const parts: Uint8Array[] = [];
    for (let block = Math.floor(offset / BLOCK_BYTES); block * BLOCK_BYTES < end; block++) {
      const bytes = await this.block(block);
      const start = block * BLOCK_BYTES;
      parts.push(bytes.subarray(Math.max(0, offset - start), Math.min(bytes.length, end - start)));
    }
    return Buffer.concat(parts);
  }

  private async block(index: number): Promise<Uint8Array> {
    const cached = this.blocks.get(index);
    if (cached) return cached;
    const start = index * BLOCK_BYTES;
    const end = Math.min(this.size, start + BLOCK_BYTES);
    if (this.bytesRead + (end - start) > MAX_PROBE_BYTES) throw new MediaRejected("the video's index is too large to read; export it again as MP4 (H.264)");
    const bytes = await this.fetchRange(start, end);
    this.bytesRead += bytes.length;
    this.blocks.set(index, bytes);
    return bytes;
  }
}

export async function probeVideo(reader: RangeReader, format: "mp4" | "quicktime" | "webm"): Promise<VideoMetadata> {
  return format === "webm" ? probeMatroska(reader) : probeIsoMedia(reader);
}

const truncated = () => new MediaRejected("the video is truncated: upload the whole file again");

// ---------------------------------------------------------------------------------------------------------------
// MP4 / MOV (ISO base media file format, QuickTime)

interface Box {
  type: string;
  /** Where the box's content starts and ends (after its header). */
  start: number;
  end: number;
}

/** The boxes between `from` and `to`, read header by header (their contents are not read). */
async function* boxes(reader: RangeReader, from: number, to: number): AsyncGenerator<Box> {
  let offset = from;
  while (offset + 8 <= to) {
    const header = await reader.read(offset, 16);
    let size = header.readUInt32BE(0);
    const type = header.toString("latin1", 4, 8);
    let headerSize = 8;
    if (size === 1) {
      if (header.length < 16) throw truncated();
      size = Number(header.readBigUInt64BE(8));
      headerSize = 16;
    } else if (size === 0) {
      size = to - offset; // to the end of the enclosing box (or file)
    }
    if (size < headerSize) throw new MediaRejected("the video's container is damaged (a box of impossible size)");
    if (offset + size > to) throw truncated();
    yield { type, start: offset + headerSize, end: offset + size };
    offset += size;
  }
  if (offset !== to && offset < to) throw truncated();
}

async function child(reader: RangeReader, parent: Box, type: string): Promise<Box | undefined> {
  for await (const box of boxes(reader, parent.start, parent.end)) if (box.type === type) return box;
  return undefined;
}

interface Track {
  handler: string;
  width: number;
  height: number;
  codec?: string;
  codedWidth?: number;
  codedHeight?: number;
  seconds?: number;
}

async function probeIsoMedia(reader: RangeReader): Promise<VideoMetadata> {
  let moov: Box | undefined;
  let sawMedia = false;
  // Every top-level box, header by header, to the end: a file cut in its media data ends in a box that runs past
  // the end of the file, wherever its moov is.
  for await (const box of boxes(reader, 0, reader.size)) {
    if (box.type === "moov") moov ??= box;
    if (box.type === "mdat" || box.type === "moof") sawMedia = true;
  }
  if (!moov) throw sawMedia ? new MediaRejected("the video has no index (moov box): it is truncated or was not finished; export it again") : new MediaRejected("not a video (no moov box)");

  let movieSeconds = 0;
  let fragmentSeconds = 0;
  const tracks: Track[] = [];
  for await (const box of boxes(reader, moov.start, moov.end)) {
    if (box.type === "mvhd") movieSeconds = await headerDuration(reader, box);
    if (box.type === "mvex") {
      const mehd = await child(reader, box, "mehd");
      if (mehd) {
        const mvhd = await child(reader, moov, "mvhd");
        const timescale = mvhd ? await timescaleOf(reader, mvhd) : 0;
        const body = await reader.read(mehd.start, 12);
        const units = body[0] === 1 ? Number(body.readBigUInt64BE(4)) : body.readUInt32BE(4);
        if (timescale > 0) fragmentSeconds = units / timescale;
      }
    }
    if (box.type === "trak") tracks.push(await readTrack(reader, box));
  }
  const video = tracks.find((track) => track.handler === "vide");
  if (!video) throw new MediaRejected(tracks.some((track) => track.handler === "soun") ? "the file has no video track (it is audio only)" : "the file has no video track");
  const duration = movieSeconds || fragmentSeconds || video.seconds || 0;
  if (!(duration > 0)) throw new MediaRejected("the video's index gives no duration; export it again");
  const width = video.width || video.codedWidth || 0;
  const height = video.height || video.codedHeight || 0;
  if (!(width > 0 && height > 0)) throw new MediaRejected("the video's index gives no picture size; export it again");
  return { duration: round(duration), width, height, codec: video.codec ?? "unknown" };
}

async function readTrack(reader: RangeReader, trak: Box): Promise<Track> {
  const track: Track = { handler: "", width: 0, height: 0 };
  for await (const box of boxes(reader, trak.start, trak.end)) {
    if (box.type === "tkhd") Object.assign(track, await trackSize(reader, box));
    if (box.type !== "mdia") continue;
    for await (const part of boxes(reader, box.start, box.end)) {
      if (part.type === "hdlr") track.handler = (await reader.read(part.start + 8, 4)).toString("latin1");
      if (part.type === "mdhd") track.seconds = await headerDuration(reader, part);
      if (part.type === "minf") {
        const stbl = await child(reader, part, "stbl");
        const stsd = stbl && (await child(reader, stbl, "stsd"));
        if (stsd) {
          // version/flags, entry count, then the first sample entry: size, format, 6 reserved, data ref index, and
          // for a visual entry 16 bytes of pre-defined/reserved before its coded width and height.
          const entry = await reader.read(stsd.start + 8, 36);
          if (entry.length >= 8) track.codec = entry.toString("latin1", 4, 8).trim();
          if (entry.length >= 36) Object.assign(track, { codedWidth: entry.readUInt16BE(32), codedHeight: entry.readUInt16BE(34) });
        }
      }
    }
  }
  return track;
}

/** `tkhd`: the display size (16.16 fixed point) at its end, swapped when the matrix turns the picture by 90°. */
async function trackSize(reader: RangeReader, tkhd: Box): Promise<{ width: number; height: number }> {
  const body = await reader.read(tkhd.start, tkhd.end - tkhd.start);
  const matrixAt = body[0] === 1 ? 52 : 40;
  if (body.length < matrixAt + 44) return { width: 0, height: 0 };
  const [a, , , , d] = [0, 4, 8, 12, 16].map((offset) => body.readInt32BE(matrixAt + offset));
  const width = Math.round(body.readUInt32BE(matrixAt + 36) / 65536);
  const height = Math.round(body.readUInt32BE(matrixAt + 40) / 65536);
  return a === 0 && d === 0 ? { width: height, height: width } : { width, height };
}

/** `mvhd`/`mdhd`: version 0 has 32-bit times, version 1 64-bit ones; the timescale follows the two dates. */
async function headerDuration(reader: RangeReader, box: Box): Promise<number> {
  const body = await reader.read(box.start, 32);
  if (body.length < 24) throw truncated();
  const [timescale, units] = body[0] === 1 ? [body.readUInt32BE(20), body.length >= 32 ? Number(body.readBigUInt64BE(24)) : 0] : [body.readUInt32BE(12), body.readUInt32BE(16)];
  // All ones: "unknown" (a recording still in progress).
  if (timescale === 0 || units === 0xffffffff) return 0;
  return units / timescale;
}

async function timescaleOf(reader: RangeReader, box: Box): Promise<number> {
  const body = await reader.read(box.start, 24);
  return body[0] === 1 ? body.readUInt32BE(20) : body.readUInt32BE(12);
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;

// ---------------------------------------------------------------------------------------------------------------
// WebM / Matroska (EBML)

const EBML = { header: 0x1a45dfa3, segment: 0x18538067, seekHead: 0x114d9b74, seek: 0x4dbb, seekId: 0x53ab, seekPosition: 0x53ac, info: 0x1549a966, timecodeScale: 0x2ad7b1, duration: 0x4489, tracks: 0x1654ae6b, trackEntry: 0xae, trackType: 0x83, codecId: 0x86, video: 0xe0, pixelWidth: 0xb0, pixelHeight: 0xba, displayWidth: 0x54b0, displayHeight: 0x54ba, cluster: 0x1f43b675 } as const;

interface Element {
  id: number;
  start: number;
  /** Undefined for an element of unknown size (a live recording's Segment or Cluster). */
  end: number | undefined;
}

/** One EBML element header at `offset`: its ID (marker bits kept, as the spec writes IDs) and data size. */
async function elementAt(reader: RangeReader, offset: number): Promise<Element> {
  const head = await reader.read(offset, 12);
  if (head.length < 2) throw truncated();
  const idLength = leadingZeros(head[0]!) + 1;
  if (idLength > 4) throw new MediaRejected("the video's container is damaged (an invalid element)");
  const sizeLength = leadingZeros(head[idLength] ?? 0) + 1;
  if (sizeLength > 8 || head.length < idLength + sizeLength) throw truncated();
  const id = head.readUIntBE(0, idLength);
  let size = (head[idLength]! & (0xff >> sizeLength));
  let unknown = size === 0xff >> sizeLength;
  for (let i = 1; i < sizeLength; i++) {
    size = size * 256 + head[idLength + i]!;
    unknown &&= head[idLength + i] === 0xff;
  }
  const start = offset + idLength + sizeLength;
  return { id, start, end: unknown ? undefined : start + size };
}

const leadingZeros = (byte: number) => (byte === 0 ? 8 : Math.clz32(byte) - 24);

/** The children of an element of known size. */
async function* elements(reader: RangeReader, from: number, to: number): AsyncGenerator<Element> {
  let offset = from;
  while (offset < to) {
    const element = await elementAt(reader, offset);
    if (element.end === undefined) throw new MediaRejected("the video's container is damaged (an element of unknown size)");
    if (element.end > to) throw truncated();
    yield element;
    offset = element.end;
  }
}

async function unsignedOf(reader: RangeReader, element: Element): Promise<number> {
  const bytes = await reader.read(element.start, element.end! - element.start);
  return bytes.length === 0 ? 0 : Number(bytes.readUIntBE(0, Math.min(bytes.length, 6)));
}

async function probeMatroska(reader: RangeReader): Promise<VideoMetadata> {
  const header = await elementAt(reader, 0);
  if (header.id !== EBML.header || header.end === undefined) throw new MediaRejected("not a video (no EBML header)");
  const segment = await elementAt(reader, header.end);
  if (segment.id !== EBML.segment) throw new MediaRejected("not a WebM video (no Segment)");
  if (segment.end !== undefined && segment.end > reader.size) throw truncated();
  const segmentEnd = segment.end ?? reader.size;

  let info: Element | undefined;
  let tracks: Element | undefined;
  const seekPositions = new Map<number, number>();
  // The top-level elements in order, up to the first Cluster: Info and Tracks come before the media in every file
  // browsers and encoders write; a SeekHead, if any, says where they are when they do not.
  for (let offset = segment.start; offset < segmentEnd && !(info && tracks); ) {
    const element = await elementAt(reader, offset);
    if (element.id === EBML.cluster || element.end === undefined) break;
    if (element.end > reader.size) throw truncated();
    if (element.id === EBML.info) info = element;
    if (element.id === EBML.tracks) tracks = element;
    if (element.id === EBML.seekHead) {
      for await (const seek of elements(reader, element.start, element.end)) {
        if (seek.id !== EBML.seek) continue;
        let target = 0;
        let position = -1;
        for await (const field of elements(reader, seek.start, seek.end!)) {
          if (field.id === EBML.seekId) target = await unsignedOf(reader, field);
          if (field.id === EBML.seekPosition) position = await unsignedOf(reader, field);
        }
        if (position >= 0) seekPositions.set(target, segment.start + position);
      }
    }
    offset = element.end;
  }
  const sought = async (id: number) => {
    const position = seekPositions.get(id);
    if (position === undefined) return undefined;
    if (position >= reader.size) throw truncated();
    const element = await elementAt(reader, position);
    return element.id === id && element.end !== undefined ? element : undefined;
  };
  info ??= await sought(EBML.info);
  tracks ??= await sought(EBML.tracks);
  if (!info || !tracks) throw new MediaRejected("the video's header has no track list or no information; export it again");
  if (info.end! > reader.size || tracks.end! > reader.size) throw truncated();

  let timecodeScale = 1_000_000;
  let durationTicks: number | undefined;
  for await (const field of elements(reader, info.start, info.end!)) {
    if (field.id === EBML.timecodeScale) timecodeScale = await unsignedOf(reader, field);
    if (field.id === EBML.duration) {
      const bytes = await reader.read(field.start, field.end! - field.start);
      durationTicks = bytes.length === 8 ? bytes.readDoubleBE(0) : bytes.length === 4 ? bytes.readFloatBE(0) : undefined;
    }
  }

  let audio = false;
  let video: { codec: string; width: number; height: number } | undefined;
  for await (const entry of elements(reader, tracks.start, tracks.end!)) {
    if (entry.id !== EBML.trackEntry) continue;
    let type = 0;
    let codec = "";
    let size = { width: 0, height: 0, displayWidth: 0, displayHeight: 0 };
    for await (const field of elements(reader, entry.start, entry.end!)) {
      if (field.id === EBML.trackType) type = await unsignedOf(reader, field);
      if (field.id === EBML.codecId) codec = (await reader.read(field.start, field.end! - field.start)).toString("latin1").replace(/\0+$/, "");
      if (field.id === EBML.video) {
        for await (const part of elements(reader, field.start, field.end!)) {
          if (part.id === EBML.pixelWidth) size = { ...size, width: await unsignedOf(reader, part) };
          if (part.id === EBML.pixelHeight) size = { ...size, height: await unsignedOf(reader, part) };
          if (part.id === EBML.displayWidth) size = { ...size, displayWidth: await unsignedOf(reader, part) };
          if (part.id === EBML.displayHeight) size = { ...size, displayHeight: await unsignedOf(reader, part) };
        }
      }
    }
    if (type === 2) audio = true;
    if (type === 1 && !video) video = { codec, width: size.displayWidth || size.width, height: size.displayHeight || size.height };
  }
  if (!video) throw new MediaRejected(audio ? "the file has no video track (it is audio only)" : "the file has no video track");
  if (durationTicks === undefined || !(durationTicks > 0)) {
    throw new MediaRejected("the WebM file does not state its duration (a browser recording?); remux it (ffmpeg -i in.webm -c copy out.webm) and upload that");
  }
  if (!(video.width > 0 && video.height > 0)) throw new MediaRejected("the video's header gives no picture size; export it again");
  return { duration: round((durationTicks * timecodeScale) / 1e9), width: video.width, height: video.height, codec: video.codec };
}
