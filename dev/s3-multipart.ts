/**
 * What s3rver 3.7.1 lacks of S3's multipart upload, filled in over its own part storage (lib/stores/filesystem.js
 * keeps an upload as `<bucket>/._S3rver_uploads/<uploadId>/` holding `key`, `metadata` and one file per part with
 * its `<n>.md5`).
 *
 * s3rver implements CreateMultipartUpload, UploadPart and CompleteMultipartUpload, but:
 * - answers neither ListParts (`GET ?uploadId=`) nor AbortMultipartUpload (`DELETE ?uploadId=`): both are answered
 *   here, by a Koa middleware placed just before s3rver's router, in S3's XML;
 * - stores a part for an upload id it never issued (or one already aborted or completed): refused here with
 *   NoSuchUpload, as S3 does;
 * - completes without checking the part list (a missing part is a 500, a wrong ETag passes): checked here first, as
 *   S3 does (InvalidPart, InvalidPartOrder, EntityTooSmall for a part but the last under 5 MiB, NoSuchUpload).
 *
 * Left as s3rver does it (see docs/api-contract.md "Large videos"): the completed object's ETag is the MD5 of the
 * whole object (S3's is the MD5 of the parts' MD5s with `-<count>`), its event is `ObjectCreated:Post` (S3 says
 * `ObjectCreated:CompleteMultipartUpload`; the app only filters on `ObjectCreated`), ListMultipartUploads
 * (`GET /bucket?uploads`) stays unimplemented, and no lifecycle rule aborts old uploads.
 */
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
/** s3rver's own error model: thrown from a middleware, s3rver renders it as S3's XML error with its status. */
const S3Error = require("s3rver/lib/models/error") as new (code: string, message?: string, detail?: Record<string, unknown>) => Error;

/** S3's smallest part, except the last (UploadPart's documentation). */
const MIN_PART_BYTES = 5 * 1024 * 1024;
/** ListParts answers at most 1,000 parts per page, S3's default and maximum. */
const MAX_LIST_PARTS = 1000;

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
  body: unknown;
}

interface StoredPart {
  number: number;
  size: number;
  etag: string;
  lastModified: Date;
}

/** The parts of the s3rver instance this extension touches. */
export interface MultipartHost {
  middleware: Array<(ctx: never, next: () => Promise<void>) => unknown>;
  store: {
    rootDirectory: string;
    putPart(bucket: string, uploadId: string, partNumber: string, content: unknown): Promise<unknown>;
    putObjectMultipart(bucket: string, uploadId: string, parts: Array<{ number: number; etag: string }>): Promise<unknown>;
  };
}

/** Installs the extension; call once, after constructing s3rver and before `run()`. */
export function extendMultipart(server: MultipartHost): void {
  const store = server.store;
  const uploadDirectory = (bucket: string, uploadId: string) => {
    // Upload ids s3rver issues are 32 hex characters; anything else (a path, dots) names no upload.
    if (!/^[0-9a-f]{32}$/.test(uploadId)) return undefined;
    return path.join(store.rootDirectory, bucket, "._S3rver_uploads", uploadId);
  };
  /** The upload's directory when it exists and is for this key, else NoSuchUpload. */
  const upload = async (bucket: string, uploadId: string, key: string | undefined): Promise<string> => {
    const directory = uploadDirectory(bucket, uploadId);
    const storedKey = directory ? await fs.readFile(path.join(directory, "key"), "utf8").catch(() => undefined) : undefined;
    if (!directory || storedKey === undefined || (key !== undefined && storedKey !== key)) {
      throw new S3Error("NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", { UploadId: uploadId });
    }
    return directory;
  };
  const partsOf = async (directory: string): Promise<StoredPart[]> => {
    const names = (await fs.readdir(directory)).filter((name) => /^\d+$/.test(name));
    const parts = await Promise.all(
      names.map(async (name) => {
        const [stat, md5] = await Promise.all([fs.stat(path.join(directory, name)), fs.readFile(path.join(directory, `${name}.md5`), "utf8").catch(() => undefined)]);
        // A part still being written has no .md5 yet: S3 does not list a part before it is stored either.
        return md5 === undefined ? undefined : { number: Number(name), size: stat.size, etag: md5, lastModified: stat.mtime };
      }),
    );
    return parts.filter((part): part is StoredPart => part !== undefined).sort((a, b) => a.number - b.number);
  };

  // UploadPart: only into an upload that exists (s3rver would create the directory of any id it is given).
  const putPart = store.putPart.bind(store);
  store.putPart = async (bucket, uploadId, partNumber, content) => {
    await upload(bucket, uploadId, undefined);
    const number = Number(partNumber);
    if (!Number.isInteger(number) || number < 1 || number > 10_000) {
      throw new S3Error("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive", { ArgumentName: "partNumber", ArgumentValue: partNumber });
    }
    return putPart(bucket, uploadId, partNumber, content);
  };

  // CompleteMultipartUpload: the part list checked as S3 checks it, before s3rver assembles the object.
  const putObjectMultipart = store.putObjectMultipart.bind(store);
  store.putObjectMultipart = async (bucket, uploadId, parts) => {
    const directory = await upload(bucket, uploadId, undefined);
    const stored = new Map((await partsOf(directory)).map((part) => [part.number, part]));
    parts.forEach((part, index) => {
      if (index > 0 && part.number <= parts[index - 1]!.number) {
        throw new S3Error("InvalidPartOrder", "The list of parts was not in ascending order. The parts list must be specified in order by part number.");
      }
      const found = stored.get(part.number);
      if (!found || found.etag !== part.etag) {
        throw new S3Error("InvalidPart", "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.", {
          UploadId: uploadId,
          PartNumber: part.number,
          ETag: part.etag,
        });
      }
      if (index < parts.length - 1 && found.size < MIN_PART_BYTES) {
        throw new S3Error("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.", {
          ProposedSize: found.size,
          MinSizeAllowed: MIN_PART_BYTES,
          PartNumber: part.number,
          ETag: part.etag,
        });
      }
    });
    return putObjectMultipart(bucket, uploadId, parts);
  };

  // ListParts and AbortMultipartUpload, which s3rver's router refuses (MethodNotAllowed): answered before it.
  const answer = async (ctx: KoaContext, next: () => Promise<void>) => {
    const uploadId = ctx.query.uploadId;
    const match = /^\/([^/]+)\/(.+)$/.exec(ctx.path);
    if (typeof uploadId !== "string" || !match || (ctx.method !== "GET" && ctx.method !== "DELETE")) return next();
    const bucket = decodeURIComponent(match[1]!);
    const key = decodeURIComponent(match[2]!);
    if (!existsSync(path.join(store.rootDirectory, bucket))) throw new S3Error("NoSuchBucket", "The specified bucket does not exist", { BucketName: bucket });
    const directory = await upload(bucket, uploadId, key);
    if (ctx.method === "DELETE") {
      await fs.rm(directory, { recursive: true, force: true });
      ctx.status = 204;
      return;
    }
    const marker = Number(ctx.query["part-number-marker"] ?? 0);
    const maxParts = Math.min(Number(ctx.query["max-parts"] ?? MAX_LIST_PARTS), MAX_LIST_PARTS);
    const after = (await partsOf(directory)).filter((part) => part.number > marker);
    const page = after.slice(0, maxParts);
    const truncated = after.length > page.length;
    // A plain object: s3rver's XML middleware (before this one) serializes it as it does its own answers.
    ctx.body = {
      ListPartsResult: {
        "@": { xmlns: "http://s3.amazonaws.com/doc/2006-03-01/" },
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        StorageClass: "STANDARD",
        PartNumberMarker: marker,
        ...(page.length > 0 ? { NextPartNumberMarker: page[page.length - 1]!.number } : {}),
        MaxParts: maxParts,
        IsTruncated: truncated,
        Part: page.map((part) => ({ PartNumber: part.number, LastModified: part.lastModified.toISOString(), ETag: JSON.stringify(part.etag), Size: part.size })),
      },
    };
  };
  // s3rver's router is the last middleware it installs; this goes right before it (after its logging and XML encoding).
  server.middleware.splice(server.middleware.length - 1, 0, answer as never);
}
