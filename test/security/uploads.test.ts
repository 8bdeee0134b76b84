import { createHmac } from "node:crypto";
import { mkdir, open, writeFile } from "node:fs/promises";
import path from "node:path";
import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "../../core/db/service";
import { newId } from "../../core/ids";
import { courseMediaPrefixes } from "../../core/media/keys";
import { s3ClientConfig } from "../../dev/s3";
import { accepted, refused } from "../media/fixtures";
import { useTestApi, type ApiResponse } from "../support/api";
import { localRuntime, workers } from "../support/runtime";
import { givenUser, signIn } from "../support/users";
import { FILE_TYPE_NAMES } from "../../core/media/file-types";
import { video } from "../media/videos";

/**
 * Issue 8, "uploads": the three presigned-upload routes and the pipeline behind them, through the real handlers,
 * s3rver, the S3 -> SQS bridge and the real consumer. Not repeated here (see the report of issue 8):
 * test/media-pipeline.test.ts ("presigned uploads": the recipe policy's main conditions, an SVG type and a 404;
 * "thumbnails and videos": HTML sent as a video; "from photo to PDF": a PDF sent as a JPEG), test/media/*.test.ts
 * (every refusal reason of the normalizer, bombs, truncation), and test/authorization.test.ts (401 anonymous, 403
 * for every kind of student, on all three routes).
 *
 * s3rver checks neither signatures nor POST policies (DESIGN.md): so the policy is checked here as a document,
 * signature included, and what a policy would have refused is written to s3rver anyway, to see the pipeline
 * refuse it on its own.
 */
const api = useTestApi();
const MB = 1024 * 1024;
const ULID = "[0-9A-HJKMNP-TV-Z]{26}";
const bucket = inject("localStack").bucketName;
let admin: string;
let s3: S3Client;

beforeAll(async () => {
  admin = (await signIn(api, await givenUser("ADMIN"))).access_token;
  s3 = new S3Client(s3ClientConfig(localRuntime.s3!.endpoint));
});

afterAll(() => s3?.destroy());

// ---------------------------------------------------------------------------------------------------------------
// The catalog, through the API

async function created(path: string, body: unknown): Promise<string> {
  const response = await api.request("POST", path, { token: admin, body });
  expect(response.status, `POST ${path}: ${JSON.stringify(response.body)}`).toBe(201);
  return response.body.id as string;
}

const newCourse = (title: string) => created("/api/courses", { title, description: "d" });
const newRecipe = (courseId: string) => created(`/api/courses/${courseId}/recipes`, { title: "Receta", order: 1 });
const newLesson = (courseId: string) => created(`/api/courses/${courseId}/lessons`, { title: "Lección" });

async function coursePage(courseId: string) {
  const response = await api.request("GET", `/api/courses/${courseId}`, { token: admin });
  expect(response.status).toBe(200);
  return response.body;
}

// ---------------------------------------------------------------------------------------------------------------
// The three upload routes

interface Presigned {
  url: string;
  fields: Record<string, string>;
  key: string;
  max_bytes: number;
  expires_at: string;
}

type Kind = "recipe-image" | "recipe-pdf" | "thumbnail" | "video";

interface UploadRoute {
  kind: Kind;
  /** What the spec promises: the types the route accepts and its size limit. */
  allowed: string[];
  maxBytes: number;
  /** Course and owner (recipe, the course itself, lesson) ready to receive an upload. */
  given(): Promise<{ courseId: string; ownerId: string }>;
  path(ownerId: string): string;
}

const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/heic", "image/heif", "image/tiff"];
const VIDEO_TYPES = ["video/mp4", "video/webm", "video/quicktime"];

const ROUTES: UploadRoute[] = [
  {
    kind: "recipe-image",
    allowed: IMAGE_TYPES,
    maxBytes: 25 * MB,
    given: async () => {
      const courseId = await newCourse("Con receta");
      return { courseId, ownerId: await newRecipe(courseId) };
    },
    path: (id) => `/api/recipes/${id}/upload-image`,
  },
  // Media issue #14.
  {
    kind: "recipe-pdf",
    allowed: ["application/pdf"],
    maxBytes: 50 * MB,
    given: async () => {
      const courseId = await newCourse("Con receta en PDF");
      return { courseId, ownerId: await newRecipe(courseId) };
    },
    path: (id) => `/api/recipes/${id}/upload-pdf`,
  },
  {
    kind: "thumbnail",
    allowed: IMAGE_TYPES,
    maxBytes: 25 * MB,
    given: async () => {
      const courseId = await newCourse("Con portada");
      return { courseId, ownerId: courseId };
    },
    path: (id) => `/api/courses/${id}/upload-thumbnail`,
  },
  {
    kind: "video",
    allowed: VIDEO_TYPES,
    maxBytes: 5 * 1024 * MB,
    given: async () => {
      const courseId = await newCourse("Con vídeo");
      return { courseId, ownerId: await newLesson(courseId) };
    },
    path: (id) => `/api/lessons/${id}/upload-video`,
  },
];

/**
 * The one key a grant may name: raw images go to uploads/ (normalized into media/ later), a video straight to where
 * it stays under media/videos/, named by its declared type (no copy of a multi-GB file).
 */
const grantedKey = (kind: Kind, courseId: string, ownerId: string, contentType: string): RegExp =>
  kind === "video"
    ? new RegExp(`^media/videos/${courseId}/${ownerId}/${ULID}\\.${{ "video/mp4": "mp4", "video/webm": "webm", "video/quicktime": "mov" }[contentType]}$`)
    : new RegExp(`^uploads/${kind}/${courseId}/${ownerId}/${ULID}$`);

const routeOf = (kind: Kind) => ROUTES.find((route) => route.kind === kind)!;

async function presign(kind: Kind, ownerId: string, contentType: string): Promise<Presigned> {
  const response = await api.request("POST", routeOf(kind).path(ownerId), { token: admin, body: { content_type: contentType } });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as Presigned;
}

const policyOf = (fields: Record<string, string>) =>
  JSON.parse(Buffer.from(fields.Policy!, "base64").toString("utf8")) as { expiration: string; conditions: unknown[] };

/** Conditions in a canonical order, to compare them as a set. */
const canonical = (conditions: unknown[]) => conditions.map((condition) => JSON.stringify(condition)).sort();

/**
 * The SigV4 signature of a POST policy (AWS, "Calculating a signature" for browser-based uploads): HMAC of the
 * base64 policy with the key derived from the secret, the date, the region and "s3". s3rver never checks it, so
 * a policy that is not the one signed would go unnoticed locally.
 */
function expectedSignature(fields: Record<string, string>): string {
  const [, date, region] = fields["X-Amz-Credential"]!.split("/") as [string, string, string];
  const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${process.env.AWS_SECRET_ACCESS_KEY}`, date), region), "s3"), "aws4_request");
  return createHmac("sha256", signingKey).update(fields.Policy!).digest("hex");
}

function expectProblem(response: ApiResponse, status: number) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.body).toMatchObject({ status, detail: expect.any(String) });
  // A refusal hands out nothing to upload with.
  expect(response.body).not.toHaveProperty("fields");
  expect(response.body).not.toHaveProperty("key");
}

describe("the presigned POST of each upload route", () => {
  for (const route of ROUTES) {
    it(`${route.kind}: pins one exact key, the Content-Type, 1 byte to ${route.maxBytes / MB} MB and at most 15 minutes, and is signed`, async () => {
      const { courseId, ownerId } = await route.given();
      const contentType = route.allowed.at(-1)!;
      const { key, fields, max_bytes, expires_at, url } = await presign(route.kind, ownerId, contentType);

      expect(key).toMatch(grantedKey(route.kind, courseId, ownerId, contentType));
      expect(max_bytes).toBe(route.maxBytes);
      expect(url).toMatch(/^http/);
      // Exactly the fields a browser needs: the pinned ones, the policy and its signature. A field the policy did
      // not list would make S3 refuse the form, and a field left out of the form would not be pinned.
      expect(Object.keys(fields).sort()).toEqual(["Content-Type", "Policy", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Signature", "bucket", "key"]);
      expect(fields).toMatchObject({ key, bucket, "Content-Type": contentType, "X-Amz-Algorithm": "AWS4-HMAC-SHA256" });
      expect(fields["X-Amz-Credential"]).toBe(`${process.env.AWS_ACCESS_KEY_ID}/${fields["X-Amz-Date"]!.slice(0, 8)}/${process.env.AWS_REGION}/s3/aws4_request`);
      expect(fields["X-Amz-Date"]).toMatch(/^\d{8}T\d{6}Z$/);
      expect(fields["X-Amz-Signature"]).toBe(expectedSignature(fields));

      const policy = policyOf(fields);
      // Every condition, and nothing else: one key (never a prefix), one type, a size range, the signing fields.
      const signed = Object.entries(fields)
        .filter(([name]) => name !== "Policy" && name !== "X-Amz-Signature")
        .map(([name, value]) => ({ [name]: value }));
      expect(canonical(policy.conditions)).toEqual(
        canonical([["content-length-range", 1, route.maxBytes], ["eq", "$Content-Type", contentType], ["eq", "$key", key], ...signed]),
      );
      expect(JSON.stringify(policy)).not.toContain("starts-with");

      const now = Date.now();
      for (const moment of [policy.expiration, expires_at]) {
        expect(new Date(moment).getTime()).toBeGreaterThan(now);
        expect(new Date(moment).getTime()).toBeLessThanOrEqual(now + 15 * 60 * 1000);
      }
      // Each call grants a key of its own: an earlier grant cannot be reused to replace a newer upload.
      expect((await presign(route.kind, ownerId, contentType)).key).not.toBe(key);
    });
  }

  it("refuses a type outside the route's list with a 400 that names the field and the allowed types", async () => {
    const failures: string[] = [];
    for (const route of ROUTES) {
      const { ownerId } = await route.given();
      const otherKind = route.kind === "video" ? "image/jpeg" : "video/mp4";
      const refused = ["image/svg+xml", "text/html", "application/pdf", "image/avif", otherKind, "IMAGE/JPEG", `${route.allowed[0]}; charset=utf-8`, `${route.allowed[0]}\r\nx-amz-acl: public-read`, ""];
      for (const contentType of refused.filter((type) => !route.allowed.includes(type))) {
        const response = await api.request("POST", route.path(ownerId), { token: admin, body: { content_type: contentType } });
        const label = `${route.kind} ${JSON.stringify(contentType)}`;
        if (response.status !== 400 || response.headers.get("content-type") !== "application/problem+json") {
          failures.push(`${label}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
          continue;
        }
        expectProblem(response, 400);
        expect(response.body.detail, label).toContain("body.content_type");
        const family = route.kind === "video" ? "video" : route.kind === "recipe-pdf" ? "pdf" : "image";
        const what = contentType ? `a file of type ${contentType}` : "a file of unknown type";
        const message = `${what} is not accepted here; send ${FILE_TYPE_NAMES[family]} (${route.allowed.join(", ")})`;
        expect(response.body.errors, label).toEqual([{ path: "body.content_type", message }]);
      }
    }
    expect(failures).toEqual([]);
  });

  it("never lets the filename shape the key: path tricks, absolute paths, NUL and S3's ${filename} are only a label", async () => {
    const filenames = [
      "../../media/x.jpg",
      "..\\..\\media\\x.jpg",
      "/etc/passwd",
      "C:\\media\\x.jpg",
      "x.jpg\u0000.html",
      "%2e%2e%2fmedia%2fx.jpg",
      "media/recipes/x.jpg",
      // createPresignedPost turns a key ending in ${filename} into a starts-with condition: any key at all.
      "${filename}",
    ];
    for (const route of ROUTES) {
      const { courseId, ownerId } = await route.given();
      for (const filename of filenames) {
        const response = await api.request("POST", route.path(ownerId), { token: admin, body: { content_type: route.allowed[0], filename } });
        const label = `${route.kind} ${JSON.stringify(filename)}`;
        expect(response.status, label).toBe(200);
        const { key, fields } = response.body as Presigned;
        expect(key, label).toMatch(grantedKey(route.kind, courseId, ownerId, route.allowed[0]!));
        expect(fields.key, label).toBe(key);
        const policy = policyOf(fields);
        expect(policy.conditions, label).toContainEqual(["eq", "$key", key]);
        expect(JSON.stringify(policy), label).not.toContain("starts-with");
        // Nothing of the name travels to S3: no field, no condition (a Content-Disposition would be one).
        const granted = [key, ...Object.values(fields), JSON.stringify(policy)];
        for (const fragment of [filename, "x.jpg", "passwd", "..", "\u0000", "${"]) {
          expect(granted.filter((value) => value.includes(fragment)), `${label} ${JSON.stringify(fragment)}`).toEqual([]);
        }
      }
    }
  });

  it("an unknown id, or the id of something else, is a 404 and grants nothing", async () => {
    const courseId = await newCourse("Ids");
    const recipeId = await newRecipe(courseId);
    const lessonId = await newLesson(courseId);
    // The route for a recipe with a course's id, and so on: ids are all ULIDs, only the right table may answer.
    const cases: Array<[Kind, string, string]> = [
      ["thumbnail", newId(), "an unknown course"],
      ["video", newId(), "an unknown lesson"],
      ["recipe-image", courseId, "a course id"],
      ["recipe-image", lessonId, "a lesson id"],
      ["thumbnail", recipeId, "a recipe id"],
      ["thumbnail", lessonId, "a lesson id"],
      ["video", recipeId, "a recipe id"],
      ["video", courseId, "a course id"],
    ];
    for (const [kind, id, what] of cases) {
      const route = routeOf(kind);
      const response = await api.request("POST", route.path(id), { token: admin, body: { content_type: route.allowed[0] } });
      expect(response.status, `${kind} with ${what}`).toBe(404);
      expectProblem(response, 404);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Writing to s3rver as a browser would, or straight into it

/** What a browser does with a presigned POST: the form fields, then the file. s3rver does not enforce the policy. */
async function postForm(presigned: Presigned, bytes: Uint8Array, contentType: string): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(presigned.fields)) form.append(name, value);
  form.append("file", new Blob([bytes], { type: contentType }));
  const response = await fetch(presigned.url, { method: "POST", body: form });
  // Accepted: on AWS a policy violation would stop here with a 403; locally it is the pipeline's turn.
  expect(response.status).toBeLessThan(300);
}

async function putObject(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }));
}

/**
 * An object of `size` bytes that costs almost nothing: `head`, then a hole (a sparse file), written where s3rver
 * 3.7.1 keeps objects (lib/stores/filesystem.js: `<key>._S3rver_object`, its `.md5` and `._S3rver_metadata.json`;
 * the md5 file spares s3rver hashing gigabytes), then the ObjectCreated event S3 would send. Uploading 5 GB for
 * real would take minutes and the disk.
 */
async function placeSparseObject(key: string, head: Uint8Array, size: number, contentType: string): Promise<void> {
  const store = (localRuntime.s3!.server as unknown as { store: { getResourcePath(bucket: string, key: string, resource: string): string } }).store;
  const objectPath = store.getResourcePath(bucket, key, "object");
  await mkdir(path.dirname(objectPath), { recursive: true });
  const file = await open(objectPath, "w");
  try {
    await file.write(head, 0, head.length, 0);
    await file.truncate(size);
  } finally {
    await file.close();
  }
  await writeFile(store.getResourcePath(bucket, key, "object.md5"), "0".repeat(32));
  await writeFile(store.getResourcePath(bucket, key, "metadata.json"), JSON.stringify({ "content-type": contentType }));
  workers().queues.Uploads.send(JSON.stringify({ Records: [{ eventName: "ObjectCreated:Post", s3: { bucket: { name: bucket }, object: { key, size } } }] }));
}

async function exists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === "NotFound") return false;
    throw error;
  }
}

/** Every object stored for a course under media/ (normalized images, thumbnails, videos, PDFs). */
async function mediaKeysOf(courseId: string): Promise<string[]> {
  const keys: string[] = [];
  for (const prefix of courseMediaPrefixes(courseId)) {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    keys.push(...(page.Contents ?? []).map((object) => object.Key!));
  }
  return keys.sort();
}

const download = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());

/** A valid JPEG padded with zeros to `size` bytes: decoders stop at its end, so only the size check refuses it. */
async function paddedJpeg(size: number): Promise<Buffer> {
  const jpeg = await accepted.tinyJpeg();
  return Buffer.concat([jpeg, Buffer.alloc(size - jpeg.length)]);
}

/** Enough of an MP4 for the pipeline, which reads a video's first 64 bytes only. */
const mp4 = (fill: number) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom"), Buffer.alloc(0x18 + 200, fill)]);

function expectNoDeadLetters() {
  expect(workers().queues.Uploads.deadLetters()).toEqual([]);
  expect(workers().queues.PdfRebuilds.deadLetters()).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------------

describe("the pipeline refuses what slipped past the policy", () => {
  it("recipe photo: over 25 MB, HTML or PDF bytes sent as image/jpeg: rejected with the reason, nothing new under media/, the earlier photo and PDF stay, the next photo lands", async () => {
    const courseId = await newCourse("Foto rechazada");
    const recipeId = await newRecipe(courseId);
    const first = await presign("recipe-image", recipeId, "image/png");
    await postForm(first, await accepted.palettePng(), "image/png");
    await workers().settle();
    const before = (await coursePage(courseId)).recipes[0];
    expect(before.image_status).toBe("ready");
    const photo = await download(before.image_url);
    const stored = await mediaKeysOf(courseId);
    expect(stored.filter((key) => key.endsWith(".jpg"))).toHaveLength(1);
    expect(stored.filter((key) => key.endsWith(".pdf"))).toHaveLength(1);

    const bad: Array<[string, () => Promise<Buffer> | Buffer, RegExp]> = [
      ["a JPEG of 25 MB + 1 byte", () => paddedJpeg(25 * MB + 1), /^file too large: [\d.]+ MB \(at most [\d.]+ MB\)$/],
      ["an HTML page", refused.htmlNamedPng, /^not an image \(it is an HTML page\)$/],
      ["a PDF", refused.pdf, /^not an image \(it is a PDF\)$/],
    ];
    for (const [what, make, reason] of bad) {
      const upload = await presign("recipe-image", recipeId, "image/jpeg");
      await postForm(upload, await make(), "image/jpeg");
      await workers().settle();
      const recipe = (await coursePage(courseId)).recipes[0];
      expect(recipe.image_status, what).toBe("rejected");
      expect(recipe.image_error, what).toMatch(reason);
      // The refused file left nothing behind: no normalized image, no new PDF, not even the raw upload.
      expect(await mediaKeysOf(courseId), what).toEqual(stored);
      expect(await exists(upload.key), what).toBe(false);
      // The photo from before is still the recipe's, byte for byte.
      expect((await download(recipe.image_url)).equals(photo), what).toBe(true);
    }

    const next = await presign("recipe-image", recipeId, "image/jpeg");
    await postForm(next, await accepted.grayscaleJpeg(), "image/jpeg");
    await workers().settle();
    const after = (await coursePage(courseId)).recipes[0];
    expect(after).toMatchObject({ image_status: "ready", image_error: null });
    expect((await download(after.image_url)).equals(photo)).toBe(false);
    expectNoDeadLetters();
  });

  it("thumbnail: over 25 MB, or PDF and SVG bytes sent as an image: rejected with the reason, nothing new under media/, the earlier thumbnail stays, the next one lands", async () => {
    const courseId = await newCourse("Portada rechazada");
    await postForm(await presign("thumbnail", courseId, "image/webp"), await accepted.webp(), "image/webp");
    await workers().settle();
    const before = await coursePage(courseId);
    expect(before.thumbnail_status).toBe("ready");
    const thumbnail = await download(before.thumbnail_url);
    const stored = await mediaKeysOf(courseId);
    expect(stored).toHaveLength(1);

    const bad: Array<[string, () => Promise<Buffer> | Buffer, string, RegExp]> = [
      ["a JPEG of 25 MB + 1 byte", () => paddedJpeg(25 * MB + 1), "image/jpeg", /^file too large: [\d.]+ MB \(at most [\d.]+ MB\)$/],
      ["a PDF", refused.pdf, "image/png", /^not an image \(it is a PDF\)$/],
      ["an SVG with a script", refused.svgWithScript, "image/png", /^SVG is not accepted/],
    ];
    for (const [what, make, contentType, reason] of bad) {
      // Written straight into the bucket under a granted key, as if the form had never been checked.
      const upload = await presign("thumbnail", courseId, contentType);
      await putObject(upload.key, await make(), contentType);
      await workers().settle();
      const course = await coursePage(courseId);
      expect(course.thumbnail_status, what).toBe("rejected");
      expect(course.thumbnail_error, what).toMatch(reason);
      expect(await mediaKeysOf(courseId), what).toEqual(stored);
      expect(await exists(upload.key), what).toBe(false);
      expect((await download(course.thumbnail_url)).equals(thumbnail), what).toBe(true);
    }

    await postForm(await presign("thumbnail", courseId, "image/jpeg"), await accepted.tinyJpeg(), "image/jpeg");
    await workers().settle();
    const after = await coursePage(courseId);
    expect(after).toMatchObject({ thumbnail_status: "ready", thumbnail_error: null });
    expect((await download(after.thumbnail_url)).equals(thumbnail)).toBe(false);
    expectNoDeadLetters();
  });

  it("video: over 20 GB (a sparse file), or PDF and JPEG bytes sent as video/mp4: rejected with the reason, nothing new under media/, the earlier video stays, the next one lands", async () => {
    const courseId = await newCourse("Vídeo rechazado");
    const lessonId = await newLesson(courseId);
    // Real videos since media issue #14 (the pipeline reads their container); `mp4()` stays for the sparse files,
    // refused by their size before anything is read.
    const first = await video("moov-first.mp4");
    await postForm(await presign("video", lessonId, "video/mp4"), first, "video/mp4");
    await workers().settle();
    const lesson = async () => (await coursePage(courseId)).lessons.find((entry: { id: string }) => entry.id === lessonId);
    expect((await lesson()).video_status).toBe("ready");
    const storedVideo = await download((await lesson()).video_url);
    expect(storedVideo.equals(first)).toBe(true);
    const stored = await mediaKeysOf(courseId);
    expect(stored).toHaveLength(1);

    const oversize = await presign("video", lessonId, "video/mp4");
    await placeSparseObject(oversize.key, mp4(2), 20 * 1024 * MB + 1, "video/mp4");
    await workers().settle();
    expect(await lesson(), "20 GB + 1 byte").toMatchObject({ video_status: "rejected", video_error: expect.stringMatching(/^file too large: [\d.]+ MB \(at most [\d.]+ MB\)$/) });
    expect(await mediaKeysOf(courseId)).toEqual(stored);
    expect(await exists(oversize.key)).toBe(false);

    const bad: Array<[string, () => Promise<Buffer> | Buffer, string]> = [
      ["a PDF", refused.pdf, "not a video (it is a PDF)"],
      ["a JPEG", accepted.tinyJpeg, "not a video (it is a JPEG image)"],
    ];
    for (const [what, make, reason] of bad) {
      const upload = await presign("video", lessonId, "video/mp4");
      await postForm(upload, await make(), "video/mp4");
      await workers().settle();
      expect(await lesson(), what).toMatchObject({ video_status: "rejected", video_error: reason });
      expect(await mediaKeysOf(courseId), what).toEqual(stored);
      expect(await exists(upload.key), what).toBe(false);
    }
    expect((await download((await lesson()).video_url)).equals(storedVideo)).toBe(true);

    await postForm(await presign("video", lessonId, "video/webm"), await video("vp9.webm"), "video/webm");
    await workers().settle();
    const after = await lesson();
    expect(after).toMatchObject({ video_status: "ready", video_error: null });
    expect((await download(after.video_url)).equals(storedVideo)).toBe(false);
    expect(await mediaKeysOf(courseId)).toEqual([expect.stringMatching(/\.webm$/)]);
    expectNoDeadLetters();
  });

  it("says how far over the limit a file is: the size it states is above the limit it states", async () => {
    // 1 byte over is the case a person cannot make sense of when both are rounded to the same figure.
    const courseId = await newCourse("Un byte de más");
    const recipeId = await newRecipe(courseId);
    const lessonId = await newLesson(courseId);
    const image = await presign("recipe-image", recipeId, "image/jpeg");
    await placeSparseObject(image.key, await accepted.tinyJpeg(), 25 * MB + 1, "image/jpeg");
    // One at a time: two deletes racing to remove s3rver's emptied folders make one of them a (retried) 500.
    await workers().settle();
    const video = await presign("video", lessonId, "video/mp4");
    await placeSparseObject(video.key, mp4(3), 20 * 1024 * MB + 1, "video/mp4");
    await workers().settle();
    const page = await coursePage(courseId);
    for (const reason of [page.recipes[0].image_error, page.lessons[0].video_error] as string[]) {
      const [, stated, limit] = /^file too large: ([\d.]+) MB \(at most ([\d.]+) MB\)$/.exec(reason) ?? [];
      expect(stated === undefined ? reason : Number(stated), reason).toBeGreaterThan(Number(limit));
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("a key no upload endpoint issued", () => {
  /** Captures what the consumer logs (Powertools writes JSON lines to stdout/stderr) while `run` runs. */
  async function logsDuring(run: () => Promise<void>): Promise<string> {
    const captured: string[] = [];
    const originals = { stdout: process.stdout.write, stderr: process.stderr.write };
    for (const stream of ["stdout", "stderr"] as const) {
      const original = process[stream].write.bind(process[stream]);
      process[stream].write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
        // The expected warnings are kept out of the run's output; anything else still shows.
        if (text.includes("never hands out")) {
          captured.push(text);
          return true;
        }
        return (original as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof process.stdout.write;
    }
    try {
      await run();
    } finally {
      process.stdout.write = originals.stdout;
      process.stderr.write = originals.stderr;
    }
    return captured.join("");
  }

  it("wrong shapes, unknown owners, another course's recipe or the wrong kind: no record changes, nothing under media/, the object is removed", async () => {
    const courseId = await newCourse("Claves ajenas");
    const recipeId = await newRecipe(courseId);
    const lessonId = await newLesson(courseId);
    const otherCourseId = await newCourse("Otro curso");
    const otherRecipeId = await newRecipe(otherCourseId);
    const granted = await presign("recipe-image", recipeId, "image/jpeg");
    await postForm(granted, await accepted.tinyJpeg(), "image/jpeg");
    await workers().settle();
    const grantedId = granted.key.split("/").at(-1)!;

    const records = async () => ({
      course: (await db().entities.course.get({ course_id: courseId }).go({ consistent: true })).data,
      otherCourse: (await db().entities.course.get({ course_id: otherCourseId }).go({ consistent: true })).data,
      recipe: (await db().entities.recipe.get({ course_id: courseId, recipe_id: recipeId }).go({ consistent: true })).data,
      otherRecipe: (await db().entities.recipe.get({ course_id: otherCourseId, recipe_id: otherRecipeId }).go({ consistent: true })).data,
      lesson: (await db().entities.lesson.get({ course_id: courseId, lesson_id: lessonId }).go({ consistent: true })).data,
    });
    const recordsBefore = await records();
    expect(recordsBefore.recipe).toMatchObject({ image_status: "ready", image_upload_id: grantedId });
    const mediaBefore = [...(await mediaKeysOf(courseId)), ...(await mediaKeysOf(otherCourseId))];

    const randomCourse = newId();
    const randomRecipe = newId();
    // A photo that would be accepted: only the key can make the pipeline refuse it.
    const photo = await accepted.tinyJpeg();
    const wrongShapes = [
      "uploads/photo.jpg",
      `uploads/${courseId}/${recipeId}/${newId()}`,
      `uploads/avatar/${courseId}/${recipeId}/${newId()}`,
      `uploads/recipe-image/${courseId}/${recipeId}/${newId()}.jpg`,
      `uploads/recipe-image/${courseId}/${recipeId}/${newId().toLowerCase()}`,
      `uploads/recipe-image/${courseId}/${recipeId}/${newId()}/x`,
      `uploads/recipe-image/${courseId}/${recipeId}`,
      // Videos are never uploaded under uploads/, and under media/videos/ only with the extension of a video type.
      `uploads/video/${courseId}/${lessonId}/${newId()}`,
      `media/videos/${courseId}/${lessonId}/${newId()}.jpg`,
      `media/videos/${courseId}/${lessonId}/${newId()}`,
    ];
    const neverGranted = [
      // Ids of nothing.
      `uploads/recipe-image/${randomCourse}/${randomRecipe}/${newId()}`,
      // A real recipe under a course it does not belong to.
      `uploads/recipe-image/${courseId}/${otherRecipeId}/${newId()}`,
      // A recipe's granted upload id under another kind, and a lesson named as a recipe.
      `media/videos/${courseId}/${recipeId}/${grantedId}.mp4`,
      `uploads/recipe-image/${courseId}/${lessonId}/${newId()}`,
      // An id older than the recipe's current upload (ULIDs sort by time): it may never replace the newer one.
      `uploads/recipe-image/${courseId}/${recipeId}/${"0".repeat(26)}`,
    ];

    const logs = await logsDuring(async () => {
      // One at a time: s3rver removes emptied folders after a delete and two deletes in one folder race there
      // (a 500 that the queue retries, but that would clutter the output).
      for (const key of [...wrongShapes, ...neverGranted]) {
        await putObject(key, photo, "image/jpeg");
        await workers().settle();
      }
    });

    for (const key of [...wrongShapes, ...neverGranted]) expect(await exists(key), key).toBe(false);
    expect(await records()).toEqual(recordsBefore);
    expect([...(await mediaKeysOf(courseId)), ...(await mediaKeysOf(otherCourseId))]).toEqual(mediaBefore);
    // Nothing was created for the ids of nothing (an update that creates its item would show here).
    expect((await db().entities.recipe.get({ course_id: randomCourse, recipe_id: randomRecipe }).go({ consistent: true })).data).toBeNull();
    expect((await db().entities.course.get({ course_id: randomCourse }).go({ consistent: true })).data).toBeNull();
    expect((await db().entities.recipe.get({ course_id: courseId, recipe_id: otherRecipeId }).go({ consistent: true })).data).toBeNull();
    expect((await db().entities.lesson.get({ course_id: courseId, lesson_id: recipeId }).go({ consistent: true })).data).toBeNull();
    // A key of the wrong shape is logged as one the app never hands out (someone is writing to the bucket).
    for (const key of wrongShapes) expect(logs, key).toContain(JSON.stringify(key).slice(1, -1));
    expectNoDeadLetters();
  });

  it("a thumbnail key that names an owner other than its course (never handed out) changes no thumbnail", async () => {
    const courseId = await newCourse("Portada ajena");
    const recipeId = await newRecipe(courseId);
    const before = (await db().entities.course.get({ course_id: courseId }).go({ consistent: true })).data;
    // The route grants thumbnails as uploads/thumbnail/{course}/{course}/{upload} only; this key names a recipe as
    // the owner, so it is one the app never hands out and must be treated like a key of the wrong shape.
    const key = `uploads/thumbnail/${courseId}/${recipeId}/${newId()}`;
    await putObject(key, await accepted.webp(), "image/webp");
    await workers().settle();
    expect(await exists(key)).toBe(false);
    expect(await mediaKeysOf(courseId)).toEqual([]);
    expect((await db().entities.course.get({ course_id: courseId }).go({ consistent: true })).data).toEqual(before);
  });
});

