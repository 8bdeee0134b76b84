import { HeadObjectCommand, ListPartsCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bucket } from "../core/bindings";
import { db } from "../core/db/service";
import { s3ClientConfig } from "../dev/s3";
import { video } from "./media/videos";
import { useTestApi } from "./support/api";
import { localRuntime, workers } from "./support/runtime";
import { givenUser, signIn } from "./support/users";

/**
 * Lesson videos uploaded in parts (core/media/multipart.ts) through the real handlers, s3rver (with
 * dev/s3-multipart.ts) and the real Uploads worker: the parts go to their presigned URLs as a browser sends them.
 */
const api = useTestApi();
const MiB = 1024 * 1024;
let admin: string;
let otherAdmin: string;
let s3: S3Client;

beforeAll(async () => {
  admin = (await signIn(api, await givenUser("ADMIN"))).access_token;
  otherAdmin = (await signIn(api, await givenUser("ADMIN"))).access_token;
  s3 = new S3Client(s3ClientConfig(localRuntime.s3!.endpoint));
});

afterAll(() => s3?.destroy());

async function newLesson(kind: "video" | "text" = "video"): Promise<{ courseId: string; lessonId: string }> {
  const course = await api.request("POST", "/api/courses", { token: admin, body: { title: "Hojaldre", description: "d" } });
  const lesson = await api.request("POST", `/api/courses/${course.body.id}/lessons`, { token: admin, body: { title: "Plegado", kind, ...(kind === "text" ? { body: "Texto" } : {}) } });
  expect(lesson.status).toBe(201);
  return { courseId: course.body.id, lessonId: lesson.body.id };
}

/** A real MP4 (moov first) padded to `size` bytes with a top-level `free` box: still a valid file, probed as the original. */
async function paddedMp4(size: number): Promise<Buffer> {
  const original = await video("moov-first.mp4");
  const padding = Buffer.alloc(size - original.length);
  padding.writeUInt32BE(padding.length, 0);
  padding.write("free", 4, "latin1");
  for (let offset = 8; offset < padding.length; offset += 4096) padding[offset] = offset % 251; // not all zeros
  return Buffer.concat([original, padding]);
}

const partOf = (file: Buffer, partSize: number, n: number) => file.subarray((n - 1) * partSize, n * partSize);

async function put(url: string, bytes: Uint8Array): Promise<Response> {
  return fetch(url, { method: "PUT", body: bytes });
}

/** Sends parts several at a time, as the console does. */
async function sendParts(file: Buffer, partSize: number, parts: Array<{ n: number; url: string }>, inFlight = 4): Promise<void> {
  const queue = [...parts];
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let part = queue.shift(); part; part = queue.shift()) {
        const response = await put(part.url, partOf(file, partSize, part.n));
        expect(response.status, `part ${part.n}`).toBe(200);
      }
    }),
  );
}

/** A part whose connection drops midway: a body that sends 1 MiB and stalls, cut by the client. */
async function droppedPart(url: string): Promise<void> {
  const controller = new AbortController();
  const body = new ReadableStream<Uint8Array>({
    start(stream) {
      stream.enqueue(new Uint8Array(MiB));
      setTimeout(() => controller.abort(), 300);
    },
  });
  await expect(fetch(url, { method: "PUT", body, signal: controller.signal, duplex: "half" } as RequestInit)).rejects.toThrow();
}

const lessonOf = async (courseId: string, lessonId: string) =>
  ((await api.request("GET", `/api/courses/${courseId}`, { token: admin })).body.lessons as Array<{ id: string }>).find((lesson) => lesson.id === lessonId) as Record<string, unknown>;

describe("lesson videos in parts", () => {
  it("a 100 MiB video in 8 MiB parts, one dropped: GET shows what arrived and renews the missing URL, completing too early names it, then the video lands and is probed", async () => {
    const { courseId, lessonId } = await newLesson();
    const file = await paddedMp4(100 * MiB);
    const started = Date.now();
    const start = await api.request("POST", `/api/lessons/${lessonId}/video-uploads`, { token: admin, body: { content_type: "video/mp4", size: file.length } });
    expect(start.status).toBe(201);
    expect(start.body).toMatchObject({ size: file.length, part_size: 8 * MiB, part_count: 13, received: [], received_bytes: 0, content_type: "video/mp4" });
    expect(start.body.key).toMatch(new RegExp(`^media/videos/${courseId}/${lessonId}/${start.body.upload_id}\\.mp4$`));
    expect(start.body.parts.map((part: { n: number }) => part.n)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    const uploadPath = `/api/lessons/${lessonId}/video-uploads/${start.body.upload_id}`;

    // Every part but 5, whose connection drops.
    const parts = start.body.parts as Array<{ n: number; url: string }>;
    await droppedPart(parts[4]!.url);
    await sendParts(file, 8 * MiB, parts.filter((part) => part.n !== 5));

    // A reload: the browser asks what is there.
    const resumed = await api.request("GET", uploadPath, { token: admin });
    expect(resumed.status).toBe(200);
    expect(resumed.body.received.map((part: { n: number }) => part.n)).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(resumed.body.received[0]).toEqual({ n: 1, size: 8 * MiB, etag: expect.stringMatching(/^"[0-9a-f]{32}"$/) });
    expect(resumed.body.received_bytes).toBe(file.length - 8 * MiB);
    expect(resumed.body.parts.map((part: { n: number }) => part.n)).toEqual([5]);

    const early = await api.request("POST", `${uploadPath}/complete`, { token: admin });
    expect(early.status).toBe(409);
    expect(early.body.detail).toBe(
      `The video cannot be completed yet: 1 part has not arrived: 5 (${file.length - 8 * MiB} of the declared ${file.length} bytes are there). Send those parts again (GET this upload for their URLs), then complete it.`,
    );
    // Nothing was lost: the upload is still there to resume.
    expect((await api.request("GET", uploadPath, { token: admin })).body.received).toHaveLength(12);

    await sendParts(file, 8 * MiB, resumed.body.parts);
    const done = await api.request("POST", `${uploadPath}/complete`, { token: admin });
    expect(done.status).toBe(202);
    expect(done.body).toEqual({ upload_id: start.body.upload_id, key: start.body.key, size: file.length });
    const seconds = (Date.now() - started) / 1000;
    console.warn(`[multipart] 100 MiB in 13 parts (one resent) through s3rver, start to complete: ${seconds.toFixed(1)} s`);

    const head = await s3.send(new HeadObjectCommand({ Bucket: Bucket.Media.bucketName, Key: start.body.key }));
    expect(head.ContentLength).toBe(file.length);
    await workers().settle();
    expect(await lessonOf(courseId, lessonId)).toMatchObject({ video_status: "ready", video_duration: expect.closeTo(3.2, 1), video_width: 320, video_height: 240, video_codec: "avc1" });
    const stored = await db().entities.lesson.get({ course_id: courseId, lesson_id: lessonId }).go();
    expect(stored.data).toMatchObject({ video_key: start.body.key, video_size_bytes: file.length, video_upload_id: start.body.upload_id });

    // Completed: the upload is over.
    expect((await api.request("GET", uploadPath, { token: admin })).status).toBe(404);
    expect((await api.request("POST", `${uploadPath}/complete`, { token: admin })).status).toBe(404);
  });

  it("a part of the wrong size is named on completion; sent again right, the upload completes", async () => {
    const { lessonId } = await newLesson();
    const size = 8 * MiB + 1000;
    const start = await api.request("POST", `/api/lessons/${lessonId}/video-uploads`, { token: admin, body: { content_type: "video/webm", size } });
    expect(start.body.part_count).toBe(2);
    const [first, second] = start.body.parts as Array<{ n: number; url: string }>;
    expect((await put(first!.url, new Uint8Array(8 * MiB))).status).toBe(200);
    expect((await put(second!.url, new Uint8Array(999))).status).toBe(200);
    const uploadPath = `/api/lessons/${lessonId}/video-uploads/${start.body.upload_id}`;
    const refused = await api.request("POST", `${uploadPath}/complete`, { token: admin });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(`part 2 holds 999 bytes, not 1000 (${size - 1} of the declared ${size} bytes are there)`);
    // The part re-sent: a PUT to a part's URL replaces the part.
    expect((await put(second!.url, new Uint8Array(1000))).status).toBe(200);
    expect((await api.request("POST", `${uploadPath}/complete`, { token: admin })).status).toBe(202);
  });

  it("DELETE aborts: S3 holds nothing of it (ListParts: NoSuchUpload) and the upload is a 404", async () => {
    const { lessonId } = await newLesson();
    const start = await api.request("POST", `/api/lessons/${lessonId}/video-uploads`, { token: admin, body: { content_type: "video/quicktime", size: 9 * MiB } });
    expect((await put(start.body.parts[0].url, new Uint8Array(8 * MiB))).status).toBe(200);
    const record = (await db().entities.videoUpload.get({ upload_id: start.body.upload_id }).go()).data!;
    expect(record).toMatchObject({ lesson_id: lessonId, key: start.body.key, size: 9 * MiB, part_size: 8 * MiB, content_type: "video/quicktime" });
    const listed = await s3.send(new ListPartsCommand({ Bucket: Bucket.Media.bucketName, Key: record.key, UploadId: record.s3_upload_id }));
    expect(listed.Parts).toHaveLength(1);

    const uploadPath = `/api/lessons/${lessonId}/video-uploads/${start.body.upload_id}`;
    expect((await api.request("DELETE", uploadPath, { token: admin })).status).toBe(204);
    await expect(s3.send(new ListPartsCommand({ Bucket: Bucket.Media.bucketName, Key: record.key, UploadId: record.s3_upload_id }))).rejects.toMatchObject({ name: "NoSuchUpload" });
    expect((await api.request("GET", uploadPath, { token: admin })).status).toBe(404);
    expect((await db().entities.videoUpload.get({ upload_id: start.body.upload_id }).go()).data).toBeNull();
    // A part sent to an old URL is refused by S3.
    expect((await put(start.body.parts[1].url, new Uint8Array(10))).status).toBe(404);
  });

  it("refuses in words: another lesson's or another admin's upload (404), a bad size or type (400), a text lesson (409)", async () => {
    const { lessonId } = await newLesson();
    const { lessonId: otherLesson } = await newLesson();
    const start = await api.request("POST", `/api/lessons/${lessonId}/video-uploads`, { token: admin, body: { content_type: "video/mp4", size: 10 * MiB } });
    const id = start.body.upload_id;
    for (const [method, suffix] of [["GET", ""], ["POST", "/complete"], ["DELETE", ""]] as const) {
      const wrongLesson = await api.request(method, `/api/lessons/${otherLesson}/video-uploads/${id}${suffix}`, { token: admin });
      expect(wrongLesson.status, `${method} ${suffix} of another lesson`).toBe(404);
      expect(wrongLesson.body.detail).toBe(`Lesson ${otherLesson} has no video upload ${id} of yours in progress.`);
      expect((await api.request(method, `/api/lessons/${lessonId}/video-uploads/${id}${suffix}`, { token: otherAdmin })).status, `${method} ${suffix} by another admin`).toBe(404);
    }
    // Still there for its own admin.
    expect((await api.request("GET", `/api/lessons/${lessonId}/video-uploads/${id}`, { token: admin })).status).toBe(200);

    const startWith = (body: unknown) => api.request("POST", `/api/lessons/${lessonId}/video-uploads`, { token: admin, body });
    for (const size of [0, 1.5, 20 * 1024 * MiB + 1, "100"]) {
      const refused = await startWith({ content_type: "video/mp4", size });
      expect(refused.status, `size ${size}`).toBe(400);
      expect(refused.body.errors[0].path).toBe("body.size");
    }
    expect((await startWith({ content_type: "video/mp4", size: 20 * 1024 * MiB })).body.part_size).toBe(21 * MiB);
    const wrongType = await startWith({ content_type: "image/png", size: 10 * MiB });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors[0]).toEqual({ path: "body.content_type", message: "a file of type image/png is not accepted here; send an MP4, MOV or WebM video (video/mp4, video/webm, video/quicktime)" });
    const text = await newLesson("text");
    const onText = await api.request("POST", `/api/lessons/${text.lessonId}/video-uploads`, { token: admin, body: { content_type: "video/mp4", size: 10 * MiB } });
    expect(onText.status).toBe(409);
    expect((await api.request("GET", `/api/lessons/${lessonId}/video-uploads/not-an-id`, { token: admin })).status).toBe(400);
  });
});
