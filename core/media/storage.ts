import { Bucket } from "../bindings";
import { presignGet, presignPost } from "./presign";
import type * as S3SdkModule from "./s3-client";

type S3Sdk = typeof S3SdkModule;
let loaded: Promise<{ sdk: S3Sdk; client: InstanceType<S3Sdk["S3Client"]> }> | undefined;

/**
 * The media bucket's client, one per function, kept for the warm invocations. The endpoint comes from the SDK's
 * environment (locally `AWS_ENDPOINT_URL_S3` points at s3rver, which needs path-style addressing).
 *
 * Loaded and made on first use rather than at import: many functions reach this module through one they share
 * (core/courses/courses.ts) without ever calling it, and esbuild then leaves the S3 SDK out of their bundles; the
 * delete routes, bundled with code splitting, load it only when they remove files (docs/cold-start.md). Links and
 * upload forms need no client at all (core/media/presign.ts).
 */
function s3(): Promise<{ sdk: S3Sdk; client: InstanceType<S3Sdk["S3Client"]> }> {
  loaded ??= import("./s3-client").then((sdk) => ({
    sdk,
    client: new sdk.S3Client({
      forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
      // Default checksums would put aws-chunked framing into streamed objects on s3rver (DESIGN.md); S3 itself needs
      // none for these calls.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    }),
  }));
  // A failed load (a chunk missing from a bad package) is retried by the next call rather than remembered.
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}

const bucket = (): string => Bucket.Media.bucketName;

export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  key: string;
  max_bytes: number;
  expires_at: string;
}

/**
 * A presigned POST for exactly one key: the policy pins the key, the Content-Type and a byte range, for
 * `expiresInSeconds`. (The local S3 emulator does not enforce policies; the pipeline re-checks size and type.)
 */
export async function presignUpload(key: string, contentType: string, maxBytes: number, expiresInSeconds: number, now: Date): Promise<PresignedUpload> {
  const { url, fields } = await presignPost({
    bucket: bucket(),
    key,
    conditions: [
      ["content-length-range", 1, maxBytes],
      ["eq", "$Content-Type", contentType],
      ["eq", "$key", key],
    ],
    fields: { "Content-Type": contentType },
    expiresInSeconds,
  });
  return { url, fields, key, max_bytes: maxBytes, expires_at: new Date(now.getTime() + expiresInSeconds * 1000).toISOString() };
}

/**
 * A short-lived GET link (at most 15 minutes); `downloadName` makes browsers save it under that name.
 *
 * Signed without the S3 client (core/media/presign.ts): most functions only hand out these links, and without
 * the client their bundles are ~150 kB smaller and start ~18 ms sooner (docs/cold-start.md).
 */
export function presignDownload(key: string, expiresInSeconds: number, downloadName?: string): Promise<string> {
  const disposition = downloadName ? `attachment; filename="${asciiFallback(downloadName)}"; filename*=UTF-8''${encodeURIComponent(downloadName)}` : undefined;
  return presignGet({ bucket: bucket(), key, expiresInSeconds, responseContentDisposition: disposition });
}

const asciiFallback = (name: string): string => name.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "");

/** Reads an object whole, refusing anything larger than `maxBytes` without downloading it. */
export async function read(key: string, maxBytes: number): Promise<{ bytes: Buffer; contentType?: string } | { tooLarge: number } | undefined> {
  try {
    const { sdk, client } = await s3();
    const object = await client.send(new sdk.GetObjectCommand({ Bucket: bucket(), Key: key }));
    const size = object.ContentLength ?? 0;
    if (size > maxBytes) {
      object.Body?.transformToWebStream().cancel();
      return { tooLarge: size };
    }
    return { bytes: Buffer.from(await object.Body!.transformToByteArray()), contentType: object.ContentType };
  } catch (error) {
    if ((error as { name?: string }).name === "NoSuchKey") return undefined;
    throw error;
  }
}

/** An object's size in bytes (HeadObject), or undefined when it is gone. */
export async function size(key: string): Promise<number | undefined> {
  try {
    const { sdk, client } = await s3();
    return (await client.send(new sdk.HeadObjectCommand({ Bucket: bucket(), Key: key }))).ContentLength ?? 0;
  } catch (error) {
    if (["NotFound", "NoSuchKey"].includes((error as { name?: string }).name ?? "")) return undefined;
    throw error;
  }
}

/** Bytes [start, end) of an object, with one ranged GET (what the video probe reads, a block at a time). */
export async function readRange(key: string, start: number, end: number): Promise<Uint8Array> {
  const { sdk, client } = await s3();
  const object = await client.send(new sdk.GetObjectCommand({ Bucket: bucket(), Key: key, Range: `bytes=${start}-${end - 1}` }));
  return object.Body!.transformToByteArray();
}

export async function write(key: string, body: Uint8Array, contentType: string): Promise<void> {
  const { sdk, client } = await s3();
  await client.send(new sdk.PutObjectCommand({ Bucket: bucket(), Key: key, Body: body, ContentType: contentType }));
}

/** Deletes one object (one at a time on purpose: S3 emits a notification per deleted key, s3rver only for these). */
export async function remove(key: string): Promise<void> {
  const { sdk, client } = await s3();
  await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket(), Key: key }));
}

/** Deletes every object under a prefix, one by one. */
export async function removeAll(prefix: string): Promise<number> {
  let removed = 0;
  let token: string | undefined;
  const { sdk, client } = await s3();
  do {
    const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: bucket(), Prefix: prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      if (object.Key) {
        await remove(object.Key);
        removed += 1;
      }
    }
    token = page.NextContinuationToken;
  } while (token);
  return removed;
}

// Multipart uploads of lesson videos (core/media/multipart.ts). The browser PUTs the parts to presigned URLs
// (core/media/presign.ts presignUploadPart); the API starts, lists, completes and aborts.

/** S3's answer when an upload id names no upload (aborted, completed, expired by the lifecycle rule). */
const isNoSuchUpload = (error: unknown): boolean => (error as { name?: string }).name === "NoSuchUpload";

export async function createMultipartUpload(key: string, contentType: string): Promise<string> {
  const { sdk, client } = await s3();
  const { UploadId } = await client.send(new sdk.CreateMultipartUploadCommand({ Bucket: bucket(), Key: key, ContentType: contentType }));
  if (!UploadId) throw new Error("CreateMultipartUpload answered no UploadId");
  return UploadId;
}

export interface StoredPart {
  n: number;
  size: number;
  etag: string;
}

/** Every part S3 holds for the upload (ListParts, a page of 1,000 at a time), or undefined when it is gone. */
export async function listParts(key: string, uploadId: string): Promise<StoredPart[] | undefined> {
  const { sdk, client } = await s3();
  const parts: StoredPart[] = [];
  let marker: string | undefined;
  try {
    do {
      const page = await client.send(new sdk.ListPartsCommand({ Bucket: bucket(), Key: key, UploadId: uploadId, PartNumberMarker: marker }));
      for (const part of page.Parts ?? []) parts.push({ n: part.PartNumber!, size: part.Size ?? 0, etag: part.ETag ?? "" });
      marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker);
  } catch (error) {
    if (isNoSuchUpload(error)) return undefined;
    throw error;
  }
  return parts;
}

/** Assembles the object from these parts, in order (S3 then emits its ObjectCreated event); false when the upload is gone. */
export async function completeMultipartUpload(key: string, uploadId: string, parts: StoredPart[]): Promise<boolean> {
  const { sdk, client } = await s3();
  try {
    await client.send(
      new sdk.CompleteMultipartUploadCommand({ Bucket: bucket(), Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts.map((part) => ({ PartNumber: part.n, ETag: part.etag })) } }),
    );
    return true;
  } catch (error) {
    if (isNoSuchUpload(error)) return false;
    throw error;
  }
}

/** Drops the upload and its parts; one already gone is fine. */
export async function abortMultipartUpload(key: string, uploadId: string): Promise<void> {
  const { sdk, client } = await s3();
  try {
    await client.send(new sdk.AbortMultipartUploadCommand({ Bucket: bucket(), Key: key, UploadId: uploadId }));
  } catch (error) {
    if (!isNoSuchUpload(error)) throw error;
  }
}
