import { Sha256 } from "@smithy/core/checksum";
import { buildQueryString, escapeUri } from "@smithy/core/protocols";
import { toHex } from "@smithy/core/serde";
import { createScope, getSigningKey, SignatureV4 } from "@smithy/signature-v4";
import { dynamo } from "../db/client";

/**
 * Presigned GETs and POSTs for S3 objects without the S3 client.
 *
 * Most API functions only hand out download links, and the upload routes only presigned POSTs; `@aws-sdk/client-s3`
 * (with its XML protocol, checksums and endpoint rules, ~150 kB) put them over the cold-start budget for that alone
 * (docs/cold-start.md). The signing is the SDK's own: `@smithy/signature-v4`, which the DynamoDB client already
 * bundles, called exactly as `@aws-sdk/s3-request-presigner` calls it for a GetObjectCommand and as
 * `@aws-sdk/s3-presigned-post` signs a policy (test/media/presign.test.ts compares both byte for byte). Only the
 * URL's target is ours: the bucket's address and the key's path, as the S3 client builds them for this app's
 * settings.
 */

export interface GetObjectUrl {
  bucket: string;
  key: string;
  expiresInSeconds: number;
  /** S3 answers with this Content-Disposition (the `response-content-disposition` parameter). */
  responseContentDisposition?: string;
}

/** Who signs, for which region, and where the bucket is. */
export interface Signing {
  region: () => Promise<string>;
  credentials: () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>;
  /** An S3-compatible endpoint (s3rver locally), addressed path-style; AWS's own, virtual-hosted, when absent. */
  endpoint?: string;
}

/**
 * The function's own signing: the DynamoDB client's credentials and region (every function has that client; a
 * second credential chain would only add bytes and the same answers), and the endpoint the S3 client would take
 * from `AWS_ENDPOINT_URL_S3` (s3rver locally).
 */
const functionSigning = (): Signing => ({
  region: dynamo.config.region,
  credentials: () => dynamo.config.credentials(),
  endpoint: process.env.AWS_ENDPOINT_URL_S3 || undefined,
});

/** A presigned GET of one object, as `getSignedUrl(s3, new GetObjectCommand(...), { expiresIn })` makes it. */
export function presignGet(object: GetObjectUrl, signing: Signing = functionSigning()): Promise<string> {
  return presignObjectRequest("GET", object.bucket, object.key, object.expiresInSeconds, {
    ...(object.responseContentDisposition === undefined ? {} : { "response-content-disposition": object.responseContentDisposition }),
    // The S3 client's GetObject serializer adds it to every request; signed like any parameter.
    "x-id": "GetObject",
  }, signing);
}

/** One part of a multipart upload, as a browser PUTs it (core/media/multipart.ts). */
export interface UploadPartUrl {
  bucket: string;
  key: string;
  uploadId: string;
  partNumber: number;
  expiresInSeconds: number;
}

/** A presigned UploadPart (PUT), as `getSignedUrl(s3, new UploadPartCommand(...), { expiresIn })` makes it. */
export function presignUploadPart(part: UploadPartUrl, signing: Signing = functionSigning()): Promise<string> {
  // The UploadPart serializer's query, in its order: the operation's id, then partNumber and uploadId.
  return presignObjectRequest("PUT", part.bucket, part.key, part.expiresInSeconds, { "x-id": "UploadPart", partNumber: String(part.partNumber), uploadId: part.uploadId }, signing);
}

async function presignObjectRequest(method: "GET" | "PUT", bucket: string, key: string, expiresInSeconds: number, query: Record<string, string>, signing: Signing): Promise<string> {
  const region = await signing.region();
  const target = objectUrl(bucket, key, region, signing.endpoint);
  const signer = new SignatureV4({ service: "s3", region, credentials: signing.credentials, sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  const presigned = await signer.presign(
    {
      method,
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      path: target.path,
      // What the presigner sets (S3RequestPresigner.prepareRequest): the host, port included, is the one signed
      // header; the payload is not signed, and this header is hoisted into the query under this very name.
      headers: { host: target.port === undefined ? target.hostname : `${target.hostname}:${target.port}`, "X-Amz-Content-Sha256": "UNSIGNED-PAYLOAD" },
      query,
    },
    // The presigner's options: content-type never signed, no header kept out of the query (none here starts with
    // x-amz-server-side-encryption).
    { expiresIn: expiresInSeconds, unsignableHeaders: new Set(["content-type"]), unhoistableHeaders: new Set() },
  );
  const port = presigned.port === undefined ? "" : `:${presigned.port}`;
  return `${presigned.protocol}//${presigned.hostname}${port}${presigned.path}?${buildQueryString(presigned.query ?? {})}`;
}

/**
 * Where the S3 client sends a GetObject with this app's settings (core/media/storage.ts: `forcePathStyle` exactly
 * when `AWS_ENDPOINT_URL_S3` is set): `https://<bucket>.s3.<region>.amazonaws.com/<key>` on AWS, path-style when the
 * bucket's name cannot be a host name (dots), `<endpoint>/<bucket>/<key>` at a custom endpoint. The key is encoded
 * segment by segment, `/` kept, as S3 expects (the SDK's encoding of its greedy `{Key+}` label).
 * Not covered, as this app never uses them: partitions other than `amazonaws.com` (China), FIPS and dual-stack
 * endpoints, `AWS_ENDPOINT_URL` without `_S3`.
 */
function objectUrl(bucket: string, key: string, region: string, endpoint: string | undefined): { protocol: string; hostname: string; port?: number; path: string } {
  const keyPath = key.split("/").map(escapeUri).join("/");
  if (endpoint) {
    const url = new URL(endpoint);
    return { protocol: url.protocol, hostname: url.hostname, port: url.port ? Number(url.port) : undefined, path: `${url.pathname.replace(/\/$/, "")}/${escapeUri(bucket)}/${keyPath}` };
  }
  const host = `s3.${region}.amazonaws.com`;
  return VIRTUAL_HOSTABLE.test(bucket) ? { protocol: "https:", hostname: `${bucket}.${host}`, path: `/${keyPath}` } : { protocol: "https:", hostname: host, path: `/${escapeUri(bucket)}/${keyPath}` };
}

/** A bucket name that is one DNS label (the S3 endpoint rules' isVirtualHostableS3Bucket without subdomains). */
const VIRTUAL_HOSTABLE = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** A browser upload of exactly one key: the policy's conditions, and form fields the browser sends unchanged. */
export interface PostObjectPolicy {
  bucket: string;
  key: string;
  /** POST policy conditions (`["eq", "$Content-Type", …]`, `["content-length-range", min, max]`, …). */
  conditions: unknown[];
  /** Extra form fields (e.g. `Content-Type`); each also becomes an exact-match condition. */
  fields: Record<string, string>;
  expiresInSeconds: number;
}

/**
 * A presigned POST, as `createPresignedPost(s3, …)` makes it: the policy lists the given conditions, then every form
 * field as an exact match, then the key; it is signed with the day's SigV4 signing key. Unlike the SDK, a key ending
 * in `${filename}` is not turned into a `starts-with` condition: every upload here is for one exact key.
 */
export async function presignPost(upload: PostObjectPolicy, signing: Signing = functionSigning()): Promise<{ url: string; fields: Record<string, string> }> {
  const now = new Date();
  const signingDate = iso8601(now).replace(/[-:]/g, "");
  const shortDate = signingDate.slice(0, 8);
  const region = await signing.region();
  const credentials = await signing.credentials();
  const fields: Record<string, string> = {
    ...upload.fields,
    bucket: upload.bucket,
    "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
    "X-Amz-Credential": `${credentials.accessKeyId}/${createScope(shortDate, region, "s3")}`,
    "X-Amz-Date": signingDate,
    ...(credentials.sessionToken ? { "X-Amz-Security-Token": credentials.sessionToken } : {}),
  };
  // The SDK drops repeated conditions (compared as JSON); so does this, for the same policy bytes.
  const conditions = [...new Set([...upload.conditions, ...Object.entries(fields).map(([name, value]) => ({ [name]: value })), { key: upload.key }].map((c) => JSON.stringify(c)))];
  const policy = Buffer.from(`{"expiration":${JSON.stringify(iso8601(new Date(now.getTime() + upload.expiresInSeconds * 1000)))},"conditions":[${conditions.join(",")}]}`).toString("base64");
  const hmac = new Sha256(await getSigningKey(Sha256, credentials, shortDate, region, "s3"));
  hmac.update(Buffer.from(policy));
  const bucketUrl = objectUrl(upload.bucket, "", region, signing.endpoint);
  const port = bucketUrl.port === undefined ? "" : `:${bucketUrl.port}`;
  return {
    url: `${bucketUrl.protocol}//${bucketUrl.hostname}${port}${bucketUrl.path.replace(/\/$/, "") || "/"}`,
    fields: { ...fields, key: upload.key, Policy: policy, "X-Amz-Signature": toHex(await hmac.digest()) },
  };
}

/** ISO 8601 to the second, as SigV4 and POST policies write times. */
const iso8601 = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "Z");
