import { HeadObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../core/db/service";
import { MAX_RECEIVE_COUNT } from "../../core/consumers";
import { PREFIX, recipePdfKey } from "../../core/media/keys";
import { normalizeRecipeImage } from "../../core/media/normalize";
import type { LocalQueue } from "../../dev/queue";
import { photoLikeJpeg, readPdf } from "../media/fixtures";
import { useTestApi } from "../support/api";
import { localRuntime, workers } from "../support/runtime";
import { givenUser, signIn } from "../support/users";

/**
 * The media consumers when things go wrong, through the real handlers, DynamoDB Local and s3rver: a rebuild that
 * fails after writing its PDF and before moving the course's pointer is retried and leaves the course right, and a
 * message no consumer can read goes to the dead letters alone, after the stack's number of tries, while the
 * messages it was delivered with take effect once.
 */
const api = useTestApi();
let admin: string;

beforeAll(async () => {
  admin = (await signIn(api, await givenUser("ADMIN"))).access_token;
});

const s3 = new S3Client({ forcePathStyle: true });
const bucket = () => process.env.SST_Bucket_bucketName_Media!;

async function createCourse(title: string) {
  return (await api.request("POST", "/api/courses", { token: admin, body: { title, description: "d" } })).body as { id: string };
}

async function createRecipe(courseId: string, title: string, order: number) {
  return (await api.request("POST", `/api/courses/${courseId}/recipes`, { token: admin, body: { title, order } })).body as { id: string };
}

/** What a browser does with the presigned POST. */
async function uploadPhoto(recipeId: string, bytes: Buffer) {
  const presigned = await api.request("POST", `/api/recipes/${recipeId}/upload-image`, { token: admin, body: { content_type: "image/jpeg" } });
  expect(presigned.status).toBe(200);
  const form = new FormData();
  for (const [name, value] of Object.entries(presigned.body.fields as Record<string, string>)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }));
  expect((await fetch(presigned.body.url, { method: "POST", body: form })).status).toBeLessThan(300);
}

/**
 * A course with two recipes whose photos (seeds `seed` and `seed + 1`) are uploaded and in its PDF. The seeds used
 * (1, 5) give photos Tesseract finds no word in, so OCR adds no PDF revision to the ones these tests count.
 */
async function courseWithTwoPhotos(title: string, seed: number) {
  const course = await createCourse(title);
  const first = await createRecipe(course.id, "Primera", 1);
  const second = await createRecipe(course.id, "Segunda", 2);
  const photos = { first: await photoLikeJpeg({ width: 96, height: 64, seed }), second: await photoLikeJpeg({ width: 64, height: 96, seed: seed + 1 }) };
  await uploadPhoto(first.id, photos.first);
  await uploadPhoto(second.id, photos.second);
  await workers().settle();
  return { course, first, second, photos };
}

async function coursePage(courseId: string) {
  return (await api.request("GET", `/api/courses/${courseId}`, { token: admin })).body;
}

async function pdfObjects(courseId: string): Promise<string[]> {
  const listing = await s3.send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: `${PREFIX.pdfs}${courseId}/` }));
  return (listing.Contents ?? []).map((object) => object.Key!).sort();
}

async function exists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === "NotFound") return false;
    throw error;
  }
}

/** The PDF the API hands out holds, after the cover, exactly these photos (normalizing is deterministic), in order. */
async function expectPdfOf(courseId: string, photos: Buffer[]) {
  const page = await coursePage(courseId);
  const pdf = await readPdf(new Uint8Array(await (await fetch(page.consolidated_recipe_pdf_url)).arrayBuffer()));
  expect(pdf.pages).toHaveLength(1 + photos.length);
  for (const [i, photo] of photos.entries()) {
    const { jpeg } = await normalizeRecipeImage(photo);
    const images = pdf.pages[i + 1]!.images;
    expect(images.length === 1 && Buffer.from(images[0]!).equals(jpeg), `page ${i + 2}`).toBe(true);
  }
}

interface Delivery {
  messageId: string;
  body: string;
  receiveCount: number;
  failed: boolean;
  /** The ids of the batch it came in. */
  batch: string[];
}

/** Every record a queue delivered, with whether the consumer reported it failed. */
function recordDeliveries(queue: LocalQueue) {
  const deliveries: Delivery[] = [];
  const stop = queue.onBatchSettled(({ records, failed }) => {
    const batch = records.map((record) => record.messageId);
    for (const record of records) {
      deliveries.push({ messageId: record.messageId, body: record.body, receiveCount: Number(record.attributes.ApproximateReceiveCount), failed: failed.has(record.messageId), batch });
    }
  });
  return { deliveries, stop, of: (messageId: string) => deliveries.filter((delivery) => delivery.messageId === messageId) };
}

/**
 * Every value a course's PDF revision takes. Only a rebuild moves it, and the rebuild queue runs one batch at a
 * time and waits for this listener before the next: reading it after each batch misses none.
 */
function recordPdfRevisions(courseId: string) {
  const values: number[] = [];
  const stop = workers().queues.PdfRebuilds.onBatchSettled(async () => {
    const { data } = await db().entities.course.get({ course_id: courseId }).go({ consistent: true });
    if (data && data.pdf_revision !== values.at(-1)) values.push(data.pdf_revision);
  });
  return { values, stop };
}

interface S3rverRecord {
  eventName: string;
  s3: { object: { key: string } };
}

/**
 * Every PDF S3 stored (s3rver emits its event once the object is on disk, before it answers). `failWrites`: keys
 * whose PutObject S3 stores and then answers with a 500, as S3 may when it fails after committing a write: the
 * writer cannot know its object landed. A fault at the S3 API, not in the code under test.
 */
function watchPdfWrites() {
  const written: string[] = [];
  const failWrites = new Set<string>();
  const failed: string[] = [];
  const server = localRuntime.s3!.server;
  const listener = (event: { Records?: S3rverRecord[] }) => {
    for (const record of event.Records ?? []) {
      const key = record.s3.object.key;
      if (!record.eventName.includes("ObjectCreated") || !key.startsWith(PREFIX.pdfs)) continue;
      written.push(key);
      if (!failWrites.has(key)) continue;
      failed.push(key);
      throw new Error(`fault injected: S3 stored ${key} and answers 500`);
    }
  };
  server.on("event", listener);
  // dev/s3.ts prints every failed S3 request; the injected ones are expected.
  const printError = console.error;
  const errors = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    if (!args.some((arg) => arg instanceof Error && arg.message.startsWith("fault injected"))) printError(...args);
  });
  return {
    written,
    failWrites,
    failed,
    stop: () => {
      server.off("event", listener);
      errors.mockRestore();
    },
  };
}

/** An S3 notification as S3 puts it into an SQS message, reduced to what the consumers read. */
const s3Event = (eventName: string, key: string) => JSON.stringify({ Records: [{ eventVersion: "2.1", eventSource: "aws:s3", eventName, s3: { object: { key } } }] });

/** The notification S3 sends once when a bucket's notifications are configured: every consumer must ignore it. */
const S3_TEST_EVENT = JSON.stringify({ Service: "Amazon S3", Event: "s3:TestEvent", Time: "2024-05-01T10:00:00.000Z", Bucket: "media", RequestId: "5582815E1AEA5ADF", HostId: "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE" });

/**
 * Keeps a queue's only consumer slot busy until released: what is sent meanwhile waits, and then goes out in the
 * order it was sent, in batches as large as the queue takes. The slot is held by an S3 test event, which the
 * consumer must have answered without a failure.
 */
async function holdQueue(queue: LocalQueue): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held = new Promise<void>((resolve, reject) => {
    const stop = queue.onBatchSettled(async ({ records, failed }) => {
      const [record] = records;
      if (record?.body !== S3_TEST_EVENT) return;
      stop();
      if (records.length !== 1 || failed.size > 0) reject(new Error(`the S3 test event came with ${records.length - 1} other message(s) or failed`));
      resolve();
      await released;
    });
  });
  queue.send(S3_TEST_EVENT);
  await held;
  return release;
}

describe("a rebuild that fails between writing its PDF and moving the pointer", () => {
  it("a rebuild consumer that crashes mid-way is retried and the course ends right", async () => {
    const { course, second, photos } = await courseWithTwoPhotos("Con fallo", 1);
    expect((await coursePage(course.id)).consolidated_recipe_pdf).toMatchObject({ status: "ready", revision: 2, page_count: 3 });

    const writes = watchPdfWrites();
    const deliveries = recordDeliveries(workers().queues.PdfRebuilds);
    const revisions = recordPdfRevisions(course.id);
    const crashed = recipePdfKey(course.id, 3);
    writes.failWrites.add(crashed);
    // The state the failed attempt left, read before the retry is delivered (the queue waits for this listener).
    let afterCrash: { page: any; objectLanded: boolean } | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any -- a JSON body
    const stopWatchingCrash = workers().queues.PdfRebuilds.onBatchSettled(async ({ failed }) => {
      if (afterCrash || failed.size === 0) return;
      writes.failWrites.clear();
      afterCrash = { page: await coursePage(course.id), objectLanded: await exists(crashed) };
    });
    try {
      // A reorder bumps the revision to 3 and asks for a rebuild.
      expect((await api.request("PUT", `/api/recipes/${second.id}`, { token: admin, body: { order: 0 } })).status).toBe(200);
      await workers().settle();

      // The failed attempt wrote revision 3's PDF, and the pointer stayed on revision 2, whose PDF is still handed out.
      expect(afterCrash).toBeDefined();
      expect(afterCrash!.objectLanded).toBe(true);
      expect(afterCrash!.page.consolidated_recipe_pdf).toMatchObject({ status: "failed", revision: 2, page_count: 3 });
      expect(afterCrash!.page.consolidated_recipe_pdf_url).toContain(recipePdfKey(course.id, 2));

      // One rebuild request, failed once, delivered again with receive count 2, and then done.
      const requests = deliveries.deliveries.filter((delivery) => delivery.body === JSON.stringify({ rebuild_course: course.id }));
      expect(requests.map(({ receiveCount, failed }) => ({ receiveCount, failed }))).toEqual([
        { receiveCount: 1, failed: true },
        { receiveCount: 2, failed: false },
      ]);
      expect(requests[1]!.messageId).toBe(requests[0]!.messageId);
      expect(deliveries.deliveries.every((delivery) => delivery.messageId === requests[0]!.messageId)).toBe(true);

      const page = await coursePage(course.id);
      expect(page.consolidated_recipe_pdf).toMatchObject({ status: "ready", revision: 3, page_count: 3 });
      const { data } = await db().entities.course.get({ course_id: course.id }).go({ consistent: true });
      expect([data!.recipes_revision, data!.pdf_revision, data!.pdf_failed_revision]).toEqual([3, 3, undefined]);
      await expectPdfOf(course.id, [photos.second, photos.first]);
      expect(revisions.values).toEqual([2, 3]);

      // The crashed attempt's object is not left behind: the retry built the same revision and wrote the same key
      // again; revision 2's PDF, the one it replaced, stays one more build for the links already handed out.
      expect(writes.failed.length).toBeGreaterThan(0);
      expect(writes.written).toEqual([...writes.failed, crashed]);
      expect(await pdfObjects(course.id)).toEqual([recipePdfKey(course.id, 2), crashed]);
      expect(data!.pdf_previous_key).toBe(recipePdfKey(course.id, 2));
      expect(workers().queues.PdfRebuilds.deadLetters()).toEqual([]);
    } finally {
      stopWatchingCrash();
      writes.stop();
      deliveries.stop();
      revisions.stop();
    }
  });

  it("a crashed rebuild overtaken by a newer revision before its retry: the course ends right, and the crashed attempt's PDF is removed", async () => {
    const { course, first, second, photos } = await courseWithTwoPhotos("Adelantado", 5);

    const writes = watchPdfWrites();
    const revisions = recordPdfRevisions(course.id);
    const crashed = recipePdfKey(course.id, 3);
    writes.failWrites.add(crashed);
    let overtaken = false;
    // Before the retry: another change (revision 4) and its rebuild request join the failed one.
    const stopOvertaking = workers().queues.PdfRebuilds.onBatchSettled(async ({ failed }) => {
      if (overtaken || failed.size === 0) return;
      overtaken = true;
      writes.failWrites.clear();
      expect((await api.request("PUT", `/api/recipes/${first.id}`, { token: admin, body: { order: 5 } })).status).toBe(200);
    });
    try {
      expect((await api.request("PUT", `/api/recipes/${second.id}`, { token: admin, body: { order: 0 } })).status).toBe(200);
      await workers().settle();

      expect(overtaken).toBe(true);
      expect((await coursePage(course.id)).consolidated_recipe_pdf).toMatchObject({ status: "ready", revision: 4, page_count: 3 });
      await expectPdfOf(course.id, [photos.second, photos.first]);
      expect(revisions.values).toEqual([2, 4]);
      // Nothing points at revision 3 any more: moving the pointer from 2 to 4 removed the PDF of the revision it
      // skipped, and kept revision 2's, the one it replaced, one more build.
      expect(await pdfObjects(course.id)).toEqual([recipePdfKey(course.id, 2), recipePdfKey(course.id, 4)]);
      // The next build keeps revision 4's as its previous and removes revision 2's, two builds back.
      expect((await api.request("PUT", `/api/recipes/${first.id}`, { token: admin, body: { order: 6 } })).status).toBe(200);
      await workers().settle();
      expect(await pdfObjects(course.id)).toEqual([recipePdfKey(course.id, 4), recipePdfKey(course.id, 5)]);
      expect(workers().queues.PdfRebuilds.deadLetters()).toEqual([]);
    } finally {
      stopOvertaking();
      writes.stop();
      revisions.stop();
    }
  });
});

describe("a message no consumer can read", () => {
  it("a poison message lands in the dead-letter queue after N tries while the rest of the batch succeeds", async () => {
    const { Uploads: uploadsQueue, PdfRebuilds: rebuildQueue } = workers().queues;
    const [courseA, courseB] = [await createCourse("Lote A"), await createCourse("Lote B")];
    const recipes = { a1: await createRecipe(courseA.id, "A1", 1), a2: await createRecipe(courseA.id, "A2", 2), b1: await createRecipe(courseB.id, "B1", 1) };
    const photos = {
      // Seeds whose photos Tesseract finds no word in: OCR then moves no PDF revision (core/media/recipe-ocr.ts), and
      // the revisions this test expects are those of the uploads alone.
      a1: await photoLikeJpeg({ width: 96, height: 64, seed: 6 }),
      a2: await photoLikeJpeg({ width: 64, height: 96, seed: 12 }),
      b1: await photoLikeJpeg({ width: 80, height: 80, seed: 13 }),
    };
    const poison = {
      uploads: [
        // An S3 notification cut short: not JSON at all.
        '{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Post","s3":{"object":{"key":"uploads/recipe-ima',
        // S3's envelope around a record that names no object.
        JSON.stringify({ Records: [{ eventVersion: "2.1", eventSource: "aws:s3", eventName: "ObjectCreated:Post", s3: { bucket: { name: bucket() } } }] }),
        // A normalized image's event, which only a misconfigured subscription sends here: the upload consumer removes
        // objects under uploads/ it does not recognise, and must never act on one outside it.
        s3Event("ObjectCreated:Put", `${PREFIX.recipeImages}${courseA.id}/${recipes.a1.id}/01J0000000000000000000000X.jpg`),
      ],
      rebuilds: [
        // A producer that forgot to JSON-encode.
        `rebuild_course=${courseB.id}`,
        // Valid JSON that is no message of ours: a producer that renamed the field. Ignoring it would lose the rebuild.
        JSON.stringify({ course_id: courseB.id }),
        // An upload's event, which only a misconfigured subscription sends here.
        s3Event("ObjectCreated:Post", `${PREFIX.uploads}recipe-image/${courseB.id}/${recipes.b1.id}/01J0000000000000000000000X`),
      ],
    };
    const writes = watchPdfWrites();
    const uploadDeliveries = recordDeliveries(uploadsQueue);
    const rebuildDeliveries = recordDeliveries(rebuildQueue);
    // Held first, so that everything the uploads produce waits for the poison and goes out with it in one batch.
    const releaseRebuilds = await holdQueue(rebuildQueue);
    const releaseUploads = await holdQueue(uploadsQueue);
    const poisonIds: { uploads: string[]; rebuilds: string[] } = { uploads: [], rebuilds: [] };
    try {
      // Batches of the Uploads queue: [poison, A1's upload], [poison, A2's upload], [poison, B1's upload].
      for (const [i, [recipeId, photo]] of ([[recipes.a1.id, photos.a1], [recipes.a2.id, photos.a2], [recipes.b1.id, photos.b1]] as const).entries()) {
        poisonIds.uploads.push(uploadsQueue.send(poison.uploads[i]!));
        await uploadPhoto(recipeId, photo);
      }
      releaseUploads();
      await uploadsQueue.drain();
      poisonIds.rebuilds.push(...poison.rebuilds.map((body) => rebuildQueue.send(body)));
      releaseRebuilds();
      await workers().settle();
    } finally {
      releaseUploads();
      releaseRebuilds();
      writes.stop();
      uploadDeliveries.stop();
      rebuildDeliveries.stop();
    }

    for (const [queue, deliveries, ids, bodies] of [
      [uploadsQueue, uploadDeliveries, poisonIds.uploads, poison.uploads],
      [rebuildQueue, rebuildDeliveries, poisonIds.rebuilds, poison.rebuilds],
    ] as const) {
      // Each poison message was tried the stack's number of times, failed every time, and waits in the dead letters
      // as it was sent.
      expect(
        [...queue.deadLetters()].sort((a, b) => ids.indexOf(a.messageId) - ids.indexOf(b.messageId)),
        queue.name,
      ).toEqual(ids.map((messageId, i) => ({ messageId, body: bodies[i], receiveCount: MAX_RECEIVE_COUNT, lastError: expect.any(String) })));
      for (const messageId of ids) {
        expect(deliveries.of(messageId).map(({ receiveCount, failed }) => ({ receiveCount, failed })), queue.name).toEqual(
          Array.from({ length: MAX_RECEIVE_COUNT }, (_, i) => ({ receiveCount: i + 1, failed: true })),
        );
      }
      // Everything else, the S3 test events included, was delivered once and succeeded; each poison message came in
      // a batch with some of it.
      const others = deliveries.deliveries.filter((delivery) => !ids.includes(delivery.messageId));
      expect(others.length, queue.name).toBeGreaterThan(1);
      expect(others.filter((delivery) => delivery.failed || delivery.receiveCount !== 1), queue.name).toEqual([]);
      expect(new Set(others.map((delivery) => delivery.messageId)).size, queue.name).toBe(others.length);
      for (const messageId of ids) {
        const [firstDelivery] = deliveries.of(messageId);
        expect(firstDelivery!.batch.some((id) => others.some((other) => other.messageId === id)), `${queue.name}: ${messageId}'s first batch`).toBe(true);
      }
    }
    // The rebuild batch held the rebuild requests and image events of both courses, and every poison message.
    const [firstRebuildPoison] = rebuildDeliveries.of(poisonIds.rebuilds[0]!);
    expect(firstRebuildPoison!.batch).toEqual(expect.arrayContaining(poisonIds.rebuilds));
    expect(firstRebuildPoison!.batch.length).toBeGreaterThanOrEqual(poisonIds.rebuilds.length + 3);

    // The good messages' effects, once: every photo ready, one PDF per course, with the photos in order.
    for (const [courseId, titles] of [[courseA.id, ["A1", "A2"]], [courseB.id, ["B1"]]] as const) {
      const page = await coursePage(courseId);
      expect(page.recipes.map(({ title, image_status }: { title: string; image_status: string }) => [title, image_status])).toEqual(titles.map((title) => [title, "ready"]));
    }
    expect([...writes.written].sort()).toEqual([recipePdfKey(courseA.id, 2), recipePdfKey(courseB.id, 1)].sort());
    expect((await coursePage(courseA.id)).consolidated_recipe_pdf).toMatchObject({ status: "ready", revision: 2, page_count: 3 });
    expect((await coursePage(courseB.id)).consolidated_recipe_pdf).toMatchObject({ status: "ready", revision: 1, page_count: 2 });
    await expectPdfOf(courseA.id, [photos.a1, photos.a2]);
    await expectPdfOf(courseB.id, [photos.b1]);
  });
});
