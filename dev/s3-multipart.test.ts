import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListPartsCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3ClientConfig, startS3Local, type S3Local } from "./s3";

/** dev/s3-multipart.ts, driven through the AWS SDK as the app drives S3. */

const BUCKET = "multipart-test";
const ORIGIN = "http://localhost:5173";
const MiB = 1024 * 1024;

let s3: S3Local;
let client: S3Client;
let directory: string;
const events: Array<{ eventName: string; key: string; size?: number }> = [];

beforeAll(async () => {
  directory = mkdtempSync(path.join(os.tmpdir(), "s3rver-multipart-"));
  s3 = await startS3Local({
    port: 0,
    directory,
    buckets: [{ name: BUCKET, cors: { allowedOrigins: [ORIGIN], allowedMethods: ["GET", "HEAD", "POST", "PUT"], allowedHeaders: ["*"], exposeHeaders: ["ETag"], maxAgeSeconds: 60 } }],
  });
  s3.server.on("event", (event: { Records: Array<{ eventName: string; s3: { object: { key: string; size?: number } } }> }) => {
    for (const record of event.Records) events.push({ eventName: record.eventName, key: record.s3.object.key, size: record.s3.object.size });
  });
  client = new S3Client(s3ClientConfig(s3.endpoint));
});

afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  rmSync(directory, { recursive: true, force: true });
});

async function start(key: string): Promise<string> {
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key, ContentType: "video/mp4" }));
  return UploadId!;
}

async function part(key: string, uploadId: string, n: number, body: Uint8Array): Promise<string> {
  const { ETag } = await client.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber: n, Body: body }));
  return ETag!;
}

const errorOf = (promise: Promise<unknown>) => promise.then(
  () => undefined,
  (error: { name?: string; $metadata?: { httpStatusCode?: number } }) => ({ name: error.name, status: error.$metadata?.httpStatusCode }),
);

describe("s3rver's multipart uploads, completed by dev/s3-multipart.ts", () => {
  it("ListParts lists the stored parts (size, ETag), page by page; completion checks the list, assembles, emits the event, and the upload is gone", async () => {
    const key = "media/videos/a/b/c.mp4";
    const uploadId = await start(key);
    const bodies = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(1234)];
    const etags = [await part(key, uploadId, 1, bodies[0]!), await part(key, uploadId, 3, bodies[2]!)];

    const listed = await client.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId }));
    expect(listed.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag])).toEqual([
      [1, 5 * MiB, etags[0]],
      [3, 1234, etags[1]],
    ]);
    expect(listed.IsTruncated).toBe(false);

    // Part 2 missing: InvalidPart, and the upload stays.
    const missing = [
      { PartNumber: 1, ETag: etags[0] },
      { PartNumber: 2, ETag: '"00000000000000000000000000000000"' },
      { PartNumber: 3, ETag: etags[1] },
    ];
    expect(await errorOf(client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, MultipartUpload: { Parts: missing } })))).toEqual({ name: "InvalidPart", status: 400 });

    const etag2 = await part(key, uploadId, 2, bodies[1]!);
    // A wrong ETag for a stored part: InvalidPart too.
    const wrong = [{ PartNumber: 1, ETag: etags[0] }, { PartNumber: 2, ETag: etags[0] }, { PartNumber: 3, ETag: etags[1] }];
    expect(await errorOf(client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, MultipartUpload: { Parts: wrong } })))).toEqual({ name: "InvalidPart", status: 400 });
    // Out of order: InvalidPartOrder.
    const unordered = [{ PartNumber: 2, ETag: etag2 }, { PartNumber: 1, ETag: etags[0] }, { PartNumber: 3, ETag: etags[1] }];
    expect(await errorOf(client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, MultipartUpload: { Parts: unordered } })))).toEqual({ name: "InvalidPartOrder", status: 400 });
    // A part but the last under 5 MiB: EntityTooSmall.
    const small = [{ PartNumber: 1, ETag: etags[0] }, { PartNumber: 3, ETag: etags[1] }, { PartNumber: 4, ETag: etags[0] }];
    expect(await errorOf(client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, MultipartUpload: { Parts: small } })))).toEqual({ name: "EntityTooSmall", status: 400 });

    // Pages of one part.
    const pages: number[][] = [];
    let marker: string | undefined;
    do {
      const page = await client.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, MaxParts: 1, PartNumberMarker: marker }));
      pages.push((page.Parts ?? []).map((p) => p.PartNumber!));
      marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker && pages.length < 10);
    expect(pages).toEqual([[1], [2], [3]]);

    events.length = 0;
    const parts = [{ PartNumber: 1, ETag: etags[0] }, { PartNumber: 2, ETag: etag2 }, { PartNumber: 3, ETag: etags[1] }];
    await client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(Buffer.concat(bodies))).toBe(true);
    expect(events).toEqual([{ eventName: "ObjectCreated:Post", key, size: 10 * MiB + 1234 }]);

    expect(await errorOf(client.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId })))).toEqual({ name: "NoSuchUpload", status: 404 });
  });

  it("AbortMultipartUpload removes the upload: ListParts, UploadPart and completion then answer NoSuchUpload", async () => {
    const key = "media/videos/a/b/aborted.mp4";
    const uploadId = await start(key);
    const etag = await part(key, uploadId, 1, randomBytes(1000));
    // Another key's upload id names no upload of this key.
    expect(await errorOf(client.send(new ListPartsCommand({ Bucket: BUCKET, Key: "media/videos/other.mp4", UploadId: uploadId })))).toEqual({ name: "NoSuchUpload", status: 404 });

    const aborted = await client.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId }));
    expect(aborted.$metadata.httpStatusCode).toBe(204);

    expect(await errorOf(client.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId })))).toEqual({ name: "NoSuchUpload", status: 404 });
    expect(await errorOf(part(key, uploadId, 2, randomBytes(10)))).toEqual({ name: "NoSuchUpload", status: 404 });
    expect(await errorOf(client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: etag }] } })))).toEqual({
      name: "NoSuchUpload",
      status: 404,
    });
    expect(await errorOf(client.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId })))).toEqual({ name: "NoSuchUpload", status: 404 });
    // An id s3rver never issued is not a directory to create (s3rver alone would store the part).
    expect(await errorOf(part(key, "0123456789abcdef0123456789abcdef", 1, randomBytes(10)))).toEqual({ name: "NoSuchUpload", status: 404 });
  });

  it("a browser PUTs a part to a presigned URL across origins and reads its ETag (the bucket's CORS exposes it)", async () => {
    const key = "media/videos/a/b/browser.mp4";
    const uploadId = await start(key);
    const url = await getSignedUrl(client, new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber: 1 }), { expiresIn: 3600 });
    const preflight = await fetch(url, { method: "OPTIONS", headers: { origin: ORIGIN, "access-control-request-method": "PUT" } });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("PUT");
    const response = await fetch(url, { method: "PUT", body: randomBytes(4096), headers: { origin: ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-expose-headers")?.toLowerCase()).toContain("etag");
    const listed = await client.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId }));
    expect(listed.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag])).toEqual([[1, 4096, response.headers.get("etag")]]);
  });
});
