import { Bucket } from "../bindings";
import { clock, epochSeconds } from "../clock";
import { isConditionalCheckFailure as isConditionFailure } from "../db/transactions";
import { db } from "../db/service";
import { conflict, notFound } from "../http/problem";
import { newId } from "../ids";
import * as Lessons from "../lessons/lessons";
import { uploadKey } from "./keys";
import { presignUploadPart } from "./presign";
import * as Storage from "./storage";
import { VIDEO_MULTIPART_MAX_BYTES } from "./uploads";

export { VIDEO_MULTIPART_MAX_BYTES };

/**
 * Lesson videos of up to 20 GB, uploaded in parts straight to S3 and resumable (issue 14): the API starts an S3
 * multipart upload on the video's final key (the key scheme of the single POST, core/media/keys.ts), hands out a
 * presigned PUT per part, tells what S3 already holds (so a browser resumes after a dropped connection or a
 * reload), and completes it once every part is there with the declared size. S3's ObjectCreated event then takes the
 * video through the same probe as a single-POST upload (core/media/pipeline.ts processVideo).
 *
 * The upload is recorded (core/db/entities/video-upload.ts): who started it, for which lesson, with which size and
 * part size; the other calls answer 404 for an upload of another lesson or another admin.
 */

const MiB = 1024 * 1024;
/** Parts of 8 to 64 MiB (S3 takes 5 MiB to 5 GiB, at most 10,000 of them). */
export const MIN_PART_BYTES = 8 * MiB;
export const MAX_PART_BYTES = 64 * MiB;
/**
 * Parts are made large enough that there are at most 1,000 of them (up to 64 GB): one answer carries every part's
 * URL (about 600 bytes each), and a browser with 4 uploads in flight keeps 32–256 MB in memory at worst.
 */
const TARGET_PARTS = 1000;
/** A part's URL is good for an hour; GET …/video-uploads/{upload_id} hands out fresh ones. */
export const PART_URL_SECONDS = 60 * 60;
/** The record outlives the bucket's lifecycle rule (incomplete uploads aborted after 1 day). */
const RECORD_DAYS = 2;

export function partSizeFor(size: number): number {
  const even = Math.ceil(size / TARGET_PARTS / MiB) * MiB;
  return Math.min(MAX_PART_BYTES, Math.max(MIN_PART_BYTES, even));
}

export interface VideoUploadState {
  upload_id: string;
  key: string;
  content_type: string;
  size: number;
  part_size: number;
  part_count: number;
  /** The parts S3 already holds. */
  received: Storage.StoredPart[];
  received_bytes: number;
  /** A presigned PUT for each part still missing. */
  parts: Array<{ n: number; url: string }>;
  expires_at: string;
}

interface UploadRecord {
  upload_id: string;
  s3_upload_id: string;
  lesson_id: string;
  course_id: string;
  key: string;
  content_type: string;
  size: number;
  part_size: number;
  created_by: string;
}

const partCount = (upload: Pick<UploadRecord, "size" | "part_size">): number => Math.max(1, Math.ceil(upload.size / upload.part_size));
/** What part n must hold: the part size, the last one the rest. */
const expectedSize = (upload: Pick<UploadRecord, "size" | "part_size">, n: number): number => (n < partCount(upload) ? upload.part_size : upload.size - (partCount(upload) - 1) * upload.part_size);

export async function start(lessonId: string, adminId: string, request: { content_type: string; size: number }): Promise<VideoUploadState> {
  const lesson = await Lessons.find(lessonId);
  if (lesson.kind === "text") throw conflict("A text lesson has no video: its content is its body.");
  const uploadId = newId();
  const key = uploadKey({ kind: "video", courseId: lesson.course_id, ownerId: lessonId, uploadId }, request.content_type);
  const s3UploadId = await Storage.createMultipartUpload(key, request.content_type);
  const now = clock.now();
  const record: UploadRecord = {
    upload_id: uploadId,
    s3_upload_id: s3UploadId,
    lesson_id: lessonId,
    course_id: lesson.course_id,
    key,
    content_type: request.content_type,
    size: request.size,
    part_size: partSizeFor(request.size),
    created_by: adminId,
  };
  // Should this write fail, the S3 upload holds nothing yet and the lifecycle rule aborts it within a day.
  await db()
    .entities.videoUpload.create({ ...record, created_at: now.toISOString(), expires_at_epoch: epochSeconds(now) + RECORD_DAYS * 24 * 60 * 60 })
    .go({ response: "none" });
  return state(record, []);
}

/** Where the upload stands: the parts S3 holds and fresh URLs for the others. */
export async function status(lessonId: string, uploadId: string, adminId: string): Promise<VideoUploadState> {
  const upload = await find(lessonId, uploadId, adminId);
  const received = await Storage.listParts(upload.key, upload.s3_upload_id);
  if (!received) throw gone(uploadId);
  return state(upload, received);
}

/**
 * Completes the upload once every part is there with its size: anything else is a 409 that names the missing or
 * wrong parts, and the upload stays as it was, to be resumed.
 */
export async function complete(lessonId: string, uploadId: string, adminId: string): Promise<{ upload_id: string; key: string; size: number }> {
  const upload = await find(lessonId, uploadId, adminId);
  const received = await Storage.listParts(upload.key, upload.s3_upload_id);
  if (!received) throw gone(uploadId);
  const count = partCount(upload);
  const byNumber = new Map(received.map((part) => [part.n, part]));
  const missing = range(count).filter((n) => !byNumber.has(n));
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`${missing.length} ${plural(missing.length, "part has", "parts have")} not arrived: ${listed(missing)}`);
  const wrong = received.filter((part) => part.n <= count && part.size !== expectedSize(upload, part.n));
  for (const part of wrong) problems.push(`part ${part.n} holds ${part.size} bytes, not ${expectedSize(upload, part.n)}`);
  const extra = received.filter((part) => part.n > count);
  if (extra.length > 0) problems.push(`the upload has ${count} parts, yet ${listed(extra.map((part) => part.n))} arrived too`);
  const total = received.filter((part) => part.n <= count).reduce((sum, part) => sum + part.size, 0);
  if (problems.length > 0) {
    const short = missing.length > 0 || wrong.length > 0 ? ` (${total} of the declared ${upload.size} bytes are there)` : "";
    throw conflict(`The video cannot be completed yet: ${problems.join("; ")}${short}. Send those parts again (GET this upload for their URLs), then complete it.`);
  }
  if (!(await Storage.completeMultipartUpload(upload.key, upload.s3_upload_id, range(count).map((n) => byNumber.get(n)!)))) throw gone(uploadId);
  await forget(upload.upload_id);
  return { upload_id: upload.upload_id, key: upload.key, size: upload.size };
}

/** Drops the upload and every part S3 holds of it. */
export async function abort(lessonId: string, uploadId: string, adminId: string): Promise<void> {
  const upload = await find(lessonId, uploadId, adminId);
  await Storage.abortMultipartUpload(upload.key, upload.s3_upload_id);
  await forget(upload.upload_id);
}

/** The upload, when it is this lesson's and this admin's: anything else is the same 404 (nothing said about others'). */
async function find(lessonId: string, uploadId: string, adminId: string): Promise<UploadRecord> {
  const { data } = await db().entities.videoUpload.get({ upload_id: uploadId }).go({ consistent: true });
  if (!data || data.lesson_id !== lessonId || data.created_by !== adminId) throw notFound(`Lesson ${lessonId} has no video upload ${uploadId} of yours in progress.`);
  return data;
}

const gone = (uploadId: string) =>
  notFound(`The video upload ${uploadId} is over: it was completed or aborted, or it was left unfinished for more than a day. Start a new one.`);

async function forget(uploadId: string): Promise<void> {
  try {
    await db()
      .entities.videoUpload.delete({ upload_id: uploadId })
      .where((attr, op) => op.exists(attr.upload_id))
      .go({ response: "none" });
  } catch (error) {
    // A completion and an abort racing: the other already removed it.
    if (!isConditionFailure(error)) throw error;
  }
}

async function state(upload: UploadRecord, received: Storage.StoredPart[]): Promise<VideoUploadState> {
  const now = clock.now();
  const have = new Set(received.map((part) => part.n));
  const missing = range(partCount(upload)).filter((n) => !have.has(n));
  const bucket = Bucket.Media.bucketName;
  const parts = await Promise.all(
    missing.map(async (n) => ({ n, url: await presignUploadPart({ bucket, key: upload.key, uploadId: upload.s3_upload_id, partNumber: n, expiresInSeconds: PART_URL_SECONDS }) })),
  );
  return {
    upload_id: upload.upload_id,
    key: upload.key,
    content_type: upload.content_type,
    size: upload.size,
    part_size: upload.part_size,
    part_count: partCount(upload),
    received,
    received_bytes: received.reduce((sum, part) => sum + part.size, 0),
    parts,
    expires_at: new Date(now.getTime() + PART_URL_SECONDS * 1000).toISOString(),
  };
}

const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index + 1);
const plural = (count: number, one: string, many: string): string => (count === 1 ? one : many);
/** "3, 7 and 9" (at most 20 named, then how many more). */
function listed(numbers: number[]): string {
  const named = numbers.slice(0, 20).map(String);
  const more = numbers.length - named.length;
  if (more > 0) return `${named.join(", ")} and ${more} more`;
  return named.length === 1 ? named[0]! : `${named.slice(0, -1).join(", ")} and ${named.at(-1)}`;
}
