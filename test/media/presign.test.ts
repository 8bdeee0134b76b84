import { randomBytes } from "node:crypto";
import { GetObjectCommand, S3Client, UploadPartCommand } from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Bucket } from "../../core/bindings";
import { presignGet, presignPost, presignUploadPart, type Signing } from "../../core/media/presign";
import { presignDownload, presignUpload, write } from "../../core/media/storage";

/**
 * core/media/presign.ts signs download links without the S3 client. s3rver (the local S3) serves them but does
 * not verify SigV4 signatures (its lib/middleware/authentication.js: "Signature version 4 calculation is
 * unimplemeneted"; it only checks that the access key exists and that the link has not expired; first test below).
 * So what proves the signatures is the comparison with the SDK's own presigner, byte for byte, with a frozen clock;
 * s3rver proves the rest: the address, the key's encoding, the Content-Disposition, the expiry.
 */

const DOWNLOAD_SECONDS = 15 * 60;
/** Keys S3 encodes: spaces, `+` (a space in a query string, not in a path), non-ASCII, the characters encodeURIComponent keeps. */
const AWKWARD_KEYS = ["media/pdf/01J0AAAAAAAAAAAAAAAAAAAAAA/Tarta de limón+merengue.pdf", "media/videos/a/!'()*~%&=?#/ü 😀.mp4", "plain"];

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

async function stored(key: string): Promise<Buffer> {
  const bytes = randomBytes(2048);
  await write(key, bytes, "application/octet-stream");
  return bytes;
}

describe("presigned GETs, served by s3rver", () => {
  it("s3rver does not verify V4 signatures: a link with a forged signature is served (hence the SDK comparison below)", async () => {
    const key = "media/forged/object.bin";
    await stored(key);
    const url = new URL(await presignDownload(key, DOWNLOAD_SECONDS));
    url.searchParams.set("X-Amz-Signature", "0".repeat(64));
    // If this ever becomes 403, s3rver checks signatures: test tampered links against it instead.
    expect((await fetch(url)).status).toBe(200);
  });

  it.each(AWKWARD_KEYS)("a link fetches the object's exact bytes: %s", async (key) => {
    const bytes = await stored(key);
    const response = await fetch(await presignDownload(key, DOWNLOAD_SECONDS));
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("the download name sets Content-Disposition, non-ASCII included", async () => {
    const key = "media/pdf/named.pdf";
    await stored(key);
    const response = await fetch(await presignDownload(key, DOWNLOAD_SECONDS, 'Tarta de limón "fina" – recetas.pdf'));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="Tarta de limon fina  recetas.pdf"; filename*=UTF-8''Tarta%20de%20lim%C3%B3n%20%22fina%22%20%E2%80%93%20recetas.pdf`,
    );
    expect(decodeURIComponent(response.headers.get("content-disposition")!.split("UTF-8''")[1]!)).toBe('Tarta de limón "fina" – recetas.pdf');
  });

  it("without a download name, no Content-Disposition", async () => {
    const key = "media/thumbnails/unnamed.jpg";
    await stored(key);
    const response = await fetch(await presignDownload(key, DOWNLOAD_SECONDS));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBeNull();
  });

  it("an expired link is refused", async () => {
    const key = "media/pdf/expired.pdf";
    await stored(key);
    // Signed 16 minutes ago for 15 minutes. The clock is real again before the fetch: s3rver runs in this process.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - 16 * 60_000 });
    const url = await presignDownload(key, DOWNLOAD_SECONDS);
    vi.useRealTimers();
    const response = await fetch(url);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("Request has expired");
  });
});

/**
 * The fixed inputs of the comparisons with the SDK: a frozen clock, made-up credentials (no real key's shape), and
 * the places a bucket can be addressed.
 */
const SIGNED_AT = new Date("2025-03-01T13:45:07.123Z");
const credentials = { accessKeyId: "TEST-ACCESS-KEY-ID", secretAccessKey: "test-secret-access-key-not-a-real-one" };
const session = { ...credentials, sessionToken: "test-session-token+/=" };
const PLACES = [
  { name: "virtual-hosted, eu-west-1, with a session token (as on Lambda)", region: "eu-west-1", credentials: session },
  { name: "virtual-hosted, us-east-1", region: "us-east-1", credentials },
  { name: "path-style at a local endpoint with a port", region: "us-east-1", endpoint: "http://127.0.0.1:4569", credentials },
  { name: "path-style at an endpoint with a base path", region: "sa-east-1", endpoint: "https://storage.example.com/s3/", credentials: session },
];
type Place = (typeof PLACES)[number];
const BUCKETS = ["dulcevicio-prod-media-1a2b3c", "media.dulcevicio.example"];

const signingAt = (place: Place): Signing => ({ region: async () => place.region, credentials: async () => place.credentials, endpoint: place.endpoint });

/** The S3 client as core/media/storage.ts made it before core/media/presign.ts: a place's settings, or the environment's. */
const s3ClientLikeStorage = (place?: Place): S3Client =>
  new S3Client({
    ...(place ? { region: place.region, endpoint: place.endpoint, credentials: place.credentials } : {}),
    forcePathStyle: Boolean(place ? place.endpoint : process.env.AWS_ENDPOINT_URL_S3),
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });

describe("the same URL as @aws-sdk/s3-request-presigner", () => {
  const cases = PLACES.flatMap((place) =>
    BUCKETS.flatMap((bucket) =>
      AWKWARD_KEYS.flatMap((key) => [undefined, `attachment; filename="Tarta de limon.pdf"; filename*=UTF-8''Tarta%20de%20lim%C3%B3n.pdf`].map((disposition) => ({ place, bucket, key, disposition }))),
    ),
  );

  it.each(cases)("$place.name, bucket $bucket, key $key, disposition $disposition", async ({ place, bucket, key, disposition }) => {
    vi.useFakeTimers({ toFake: ["Date"], now: SIGNED_AT });
    // Else the SDK's client would take this process's endpoint (s3rver) over AWS's.
    vi.stubEnv("AWS_ENDPOINT_URL_S3", undefined);
    const ours = await presignGet({ bucket, key, expiresInSeconds: DOWNLOAD_SECONDS, responseContentDisposition: disposition }, signingAt(place));
    const sdk = await getSignedUrl(s3ClientLikeStorage(place), new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: disposition }), { expiresIn: DOWNLOAD_SECONDS });
    expect(ours).toBe(sdk);
  });

  // Multipart uploads of lesson videos (core/media/multipart.ts): a browser PUTs each part to one of these.
  const partCases = PLACES.flatMap((place) => BUCKETS.flatMap((bucket) => AWKWARD_KEYS.map((key) => ({ place, bucket, key }))));
  it.each(partCases)("UploadPart: $place.name, bucket $bucket, key $key", async ({ place, bucket, key }) => {
    vi.useFakeTimers({ toFake: ["Date"], now: SIGNED_AT });
    vi.stubEnv("AWS_ENDPOINT_URL_S3", undefined);
    const uploadId = "VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA--+/=";
    const ours = await presignUploadPart({ bucket, key, uploadId, partNumber: 17, expiresInSeconds: 3600 }, signingAt(place));
    const sdk = await getSignedUrl(s3ClientLikeStorage(place), new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: 17 }), { expiresIn: 3600 });
    expect(ours).toBe(sdk);
  });

  it("presignDownload, signed with the function's own credentials and endpoint, is the link it made with the S3 client", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: SIGNED_AT });
    const key = AWKWARD_KEYS[0]!;
    const name = "Tarta de limón – recetas.pdf";
    const client = s3ClientLikeStorage();
    const disposition = `attachment; filename="Tarta de limon  recetas.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`;
    const before = await getSignedUrl(client, new GetObjectCommand({ Bucket: Bucket.Media.bucketName, Key: key, ResponseContentDisposition: disposition }), { expiresIn: DOWNLOAD_SECONDS });
    expect(await presignDownload(key, DOWNLOAD_SECONDS, name)).toBe(before);
    expect(await presignDownload(key, DOWNLOAD_SECONDS)).toBe(
      await getSignedUrl(client, new GetObjectCommand({ Bucket: Bucket.Media.bucketName, Key: key }), { expiresIn: DOWNLOAD_SECONDS }),
    );
  });
});

describe("the same presigned POST as @aws-sdk/s3-presigned-post", () => {
  const UPLOAD_SECONDS = 15 * 60;
  const cases = PLACES.flatMap((place) =>
    BUCKETS.flatMap((bucket) =>
      [
        { key: "uploads/recipe-image/01J0AAAAAAAAAAAAAAAAAAAAAA/01J0BBBBBBBBBBBBBBBBBBBBBB/01J0CCCCCCCCCCCCCCCCCCCCCC", contentType: "image/jpeg", maxBytes: 25 * 1024 * 1024 },
        { key: "uploads/video/a b/ü+😀", contentType: "video/mp4", maxBytes: 5 * 1024 ** 3 },
      ].map((upload) => ({ place, bucket, ...upload })),
    ),
  );

  it.each(cases)("$place.name, bucket $bucket, key $key", async ({ place, bucket, key, contentType, maxBytes }) => {
    vi.useFakeTimers({ toFake: ["Date"], now: SIGNED_AT });
    vi.stubEnv("AWS_ENDPOINT_URL_S3", undefined);
    const conditions = [["content-length-range", 1, maxBytes], ["eq", "$Content-Type", contentType], ["eq", "$key", key]];
    const ours = await presignPost({ bucket, key, conditions, fields: { "Content-Type": contentType }, expiresInSeconds: UPLOAD_SECONDS }, signingAt(place));
    const sdk = await createPresignedPost(s3ClientLikeStorage(place), { Bucket: bucket, Key: key, Conditions: conditions as never, Fields: { "Content-Type": contentType }, Expires: UPLOAD_SECONDS });
    expect(ours.url).toBe(sdk.url);
    // Same fields in the same order: the Policy bytes and their signature included.
    expect(Object.entries(ours.fields)).toEqual(Object.entries(sdk.fields));
  });

  it("presignUpload, signed with the function's own credentials and endpoint, is the POST it made with the S3 client", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: SIGNED_AT });
    const key = "uploads/thumbnail/01J0AAAAAAAAAAAAAAAAAAAAAA/01J0AAAAAAAAAAAAAAAAAAAAAA/01J0CCCCCCCCCCCCCCCCCCCCCC";
    const before = await createPresignedPost(s3ClientLikeStorage(), {
      Bucket: Bucket.Media.bucketName,
      Key: key,
      Conditions: [["content-length-range", 1, 1000], ["eq", "$Content-Type", "image/png"], ["eq", "$key", key]],
      Fields: { "Content-Type": "image/png" },
      Expires: UPLOAD_SECONDS,
    });
    const ours = await presignUpload(key, "image/png", 1000, UPLOAD_SECONDS, SIGNED_AT);
    expect(ours.url).toBe(before.url);
    expect(Object.entries(ours.fields)).toEqual(Object.entries(before.fields));
  });
});
