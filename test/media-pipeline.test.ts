import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../core/db/service";
import { newId } from "../core/ids";
import { useTestApi } from "./support/api";
import { workers } from "./support/runtime";
import { givenUser, signIn } from "./support/users";
import { normalizeRecipeImage } from "../core/media/normalize";
import { isRed, orientedJpeg, photoLikeJpeg, readPdf, refused, rgbAt } from "./media/fixtures";
import { video } from "./media/videos";

/**
 * The signature feature end to end, on the local runtime: the API presigns a POST, a "browser" posts the file to
 * S3 (s3rver), S3's event goes through the queue to the normalizer, the normalized image's event to the rebuild,
 * and the course ends up pointing at a PDF with the ready recipes in order.
 */
const api = useTestApi();
let admin: string;

beforeAll(async () => {
  admin = (await signIn(api, await givenUser("ADMIN"))).access_token;
});

async function createCourse(title = "Repostería fina") {
  return (await api.request("POST", "/api/courses", { token: admin, body: { title, description: "d" } })).body as { id: string };
}

async function createRecipe(courseId: string, title: string, order: number) {
  return (await api.request("POST", `/api/courses/${courseId}/recipes`, { token: admin, body: { title, order } })).body as { id: string };
}

/** What a browser does with the presigned POST: a multipart form with the policy fields, then the file. */
async function uploadPhoto(recipeId: string, bytes: Buffer, contentType = "image/jpeg") {
  return upload(`/api/recipes/${recipeId}/upload-image`, bytes, contentType);
}

async function upload(presignPath: string, bytes: Buffer, contentType: string) {
  const presigned = await api.request("POST", presignPath, { token: admin, body: { content_type: contentType } });
  expect(presigned.status).toBe(200);
  const form = new FormData();
  for (const [name, value] of Object.entries(presigned.body.fields as Record<string, string>)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(bytes)], { type: contentType }));
  const response = await fetch(presigned.body.url, { method: "POST", body: form });
  expect(response.status).toBeLessThan(300);
  return presigned.body as { key: string };
}

async function coursePage(courseId: string, token = admin) {
  return (await api.request("GET", `/api/courses/${courseId}`, { token })).body;
}

/**
 * Every value a course's PDF revision takes while it is recorded. Only a rebuild moves it, once per course per
 * batch, and the rebuild queue runs one batch at a time and waits for this listener: reading it after each
 * batch misses none.
 */
function recordPdfRevisions(courseId: string) {
  const values: number[] = [0];
  const stop = workers().queues.PdfRebuilds.onBatchSettled(async () => {
    const { data } = await db().entities.course.get({ course_id: courseId }).go({ consistent: true });
    if (data && data.pdf_revision !== values.at(-1)) values.push(data.pdf_revision);
  });
  return { values, stop };
}

/** The upload keys the upload consumer was handed, in delivery order, duplicates included. */
function recordUploadDeliveries() {
  const keys: string[] = [];
  const stop = workers().queues.Uploads.onBatchSettled(({ records }) => {
    for (const record of records) {
      const { Records } = JSON.parse(record.body) as { Records: Array<{ s3: { object: { key: string } } }> };
      keys.push(...Records.map((event) => decodeURIComponent(event.s3.object.key)));
    }
  });
  return { stop, count: (key: string) => keys.filter((seen) => seen === key).length, firstSeen: () => [...new Set(keys)] };
}

describe("presigned uploads", () => {
  it("scope one exact key under uploads/ with a Content-Type, a size range and 15 minutes", async () => {
    const course = await createCourse();
    const recipe = await createRecipe(course.id, "Tarta", 1);
    const response = await api.request("POST", `/api/recipes/${recipe.id}/upload-image`, { token: admin, body: { content_type: "image/png", filename: "tarta.png" } });
    expect(response.status).toBe(200);
    const { key, fields, max_bytes, expires_at } = response.body;
    expect(key).toMatch(new RegExp(`^uploads/recipe-image/${course.id}/${recipe.id}/[0-9A-HJKMNP-TV-Z]{26}$`));
    expect(max_bytes).toBe(25 * 1024 * 1024);
    expect(new Date(expires_at).getTime() - Date.now()).toBeGreaterThan(14 * 60 * 1000);
    expect(new Date(expires_at).getTime() - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    const policy = JSON.parse(Buffer.from(fields.Policy, "base64").toString()) as { expiration: string; conditions: unknown[] };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([["content-length-range", 1, 25 * 1024 * 1024], ["eq", "$Content-Type", "image/png"], ["eq", "$key", key]]),
    );
    expect(new Date(policy.expiration).getTime() - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    expect(fields["Content-Type"]).toBe("image/png");

    const wrongType = await api.request("POST", `/api/recipes/${recipe.id}/upload-image`, { token: admin, body: { content_type: "image/svg+xml" } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors[0].path).toBe("body.content_type");
    expect(wrongType.body.errors[0].message).toBe(
      "a file of type image/svg+xml is not accepted here; send a JPEG, PNG, WebP, HEIC or TIFF image (image/jpeg, image/png, image/webp, image/heic, image/heif, image/tiff)",
    );
    // What a browser declares for a file it knows no type for (a HEIC on Windows or Linux, when the console did not fix it).
    const untyped = await api.request("POST", `/api/recipes/${recipe.id}/upload-image`, { token: admin, body: { content_type: "" } });
    expect(untyped.body.errors[0].message).toMatch(/^a file of unknown type is not accepted here; send a JPEG, PNG, WebP, HEIC or TIFF image/);
    for (const contentType of ["image/heic", "image/heif", "image/tiff"]) {
      expect((await api.request("POST", `/api/recipes/${recipe.id}/upload-image`, { token: admin, body: { content_type: contentType } })).status).toBe(200);
    }
    const video = await api.request("POST", `/api/courses/${course.id}/upload-thumbnail`, { token: admin, body: { content_type: "video/mp4" } });
    expect(video.status).toBe(400);
    expect((await api.request("POST", `/api/recipes/${newId()}/upload-image`, { token: admin, body: { content_type: "image/png" } })).status).toBe(404);
  });
});

describe("thumbnails and videos", () => {
  it("a thumbnail becomes a 1280×720 JPEG; a video is probed where it landed and stored as uploaded", async () => {
    const course = await createCourse("Con portada");
    await upload(`/api/courses/${course.id}/upload-thumbnail`, await sharp({ create: { width: 4032, height: 3024, channels: 3, background: "#3a6" } }).png().toBuffer(), "image/png");
    const lessonNamed = async (title: string) => (await api.request("POST", `/api/courses/${course.id}/lessons`, { token: admin, body: { title } })).body as { id: string };
    const lesson = await lessonNamed("Vídeo");
    const mp4 = await video("moov-at-end.mp4");
    await upload(`/api/lessons/${lesson.id}/upload-video`, mp4, "video/mp4");
    const fake = await lessonNamed("Falso");
    await upload(`/api/lessons/${fake.id}/upload-video`, Buffer.from("<html><body>not a video</body></html>"), "video/mp4");
    // What the issue measured as `ready`: an MP4 `ftyp` header, then 20 KB of random bytes.
    const headerOnly = await lessonNamed("Cabecera");
    await upload(`/api/lessons/${headerOnly.id}/upload-video`, Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom\0\0\0\0isomavc1"), randomBytes(20_000)]), "video/mp4");
    await workers().settle();

    const page = await coursePage(course.id);
    expect(page.thumbnail_status).toBe("ready");
    const thumbnail = await sharp(Buffer.from(await (await fetch(page.thumbnail_url)).arrayBuffer())).metadata();
    expect([thumbnail.format, thumbnail.width, thumbnail.height]).toEqual(["jpeg", 1280, 720]);
    const byTitle = Object.fromEntries(page.lessons.map((entry: { title: string }) => [entry.title, entry]));
    expect(byTitle["Vídeo"]).toMatchObject({ video_status: "ready", video_duration: 3.2, video_width: 320, video_height: 240, video_codec: "avc1" });
    expect(Buffer.from(await (await fetch(byTitle["Vídeo"].video_url)).arrayBuffer()).equals(mp4)).toBe(true);
    expect(byTitle.Falso).toMatchObject({ video_status: "rejected", video_url: null, video_error: "not a video (it is an HTML page)" });
    expect(byTitle.Cabecera).toMatchObject({ video_status: "rejected", video_url: null, video_duration: null });
    expect(byTitle.Cabecera.video_error).toMatch(/^(the video is truncated|the video's container is damaged)/);
    expect(page.total_video_seconds).toBe(3.2);
  });
});

describe("from photo to PDF", () => {
  it("normalizes uploads (upright, ready), refuses a non-image with a reason, and builds a PDF of the ready recipes in order", async () => {
    const course = await createCourse("Tartas de piña");
    const second = await createRecipe(course.id, "Segunda", 2);
    const first = await createRecipe(course.id, "Primera", 1);
    const broken = await createRecipe(course.id, "Rota", 3);
    await uploadPhoto(second.id, await orientedJpeg(6));
    await uploadPhoto(first.id, await orientedJpeg(1));
    await uploadPhoto(broken.id, refused.pdf(), "image/jpeg");
    await workers().settle();

    const page = await coursePage(course.id);
    const byTitle = Object.fromEntries(page.recipes.map((recipe: { title: string }) => [recipe.title, recipe]));
    expect(byTitle.Primera).toMatchObject({ image_status: "ready", image_error: null });
    expect(byTitle.Segunda).toMatchObject({ image_status: "ready" });
    expect(byTitle.Rota).toMatchObject({ image_status: "rejected", image_error: "not an image (it is a PDF)", image_url: null });
    expect(page.consolidated_recipe_pdf).toMatchObject({ status: "ready", page_count: 3 });
    expect(page.consolidated_recipe_pdf_url).toMatch(/^http/);

    // The stored photo is upright: the red corner is top-left again.
    const photo = Buffer.from(await (await fetch(byTitle.Segunda.image_url)).arrayBuffer());
    expect(isRed(await rgbAt(photo, 2, 2))).toBe(true);

    const pdfResponse = await fetch(page.consolidated_recipe_pdf_url);
    expect(pdfResponse.headers.get("content-disposition")).toContain("recetas.pdf");
    const pdf = await readPdf(new Uint8Array(await pdfResponse.arrayBuffer()));
    expect(pdf.pages).toHaveLength(3); // cover + Primera + Segunda
    expect(pdf.pages[1]!.images).toHaveLength(1);
    expect(isRed(await rgbAt(pdf.pages[2]!.images[0]!, 2, 2))).toBe(true);
    // No raw upload is left behind.
    expect(workers().queues.Uploads.deadLetters()).toEqual([]);
    expect(workers().queues.PdfRebuilds.deadLetters()).toEqual([]);
  });

  it("20 uploads, 5 re-uploads, 5 deletions and 3 reorders at once, delivered duplicated, shuffled and replayed: the PDF has exactly the current ready recipes in order, and its revision never moves back", async () => {
    const course = await createCourse("Consistencia");
    const revisions = recordPdfRevisions(course.id);
    const delivered = recordUploadDeliveries();
    // Every message S3 and the app send arrives twice, and each batch is drawn at random from what is waiting.
    for (const queue of Object.values(workers().queues)) queue.setChaos({ duplicates: 1, shuffle: true, seed: 20 });
    try {
      const recipes = [];
      for (let i = 0; i < 20; i += 1) recipes.push({ title: `R${i}`, ...(await createRecipe(course.id, `R${i}`, i + 1)) });
      // A different photo per recipe, so each PDF page can be traced back to its recipe; recipes 5-9 get a second
      // one while the first is still on its way, and only the newer may end up in the PDF.
      const photo = (seed: number) => photoLikeJpeg({ width: 96, height: 64, seed });
      const firstPhotos = await Promise.all(recipes.map((_, i) => photo(i)));
      const secondPhotos = new Map(await Promise.all(recipes.slice(5, 10).map(async (recipe, i) => [recipe.id, await photo(100 + i)] as const)));
      const uploads = await Promise.all(recipes.map((recipe, i) => uploadPhoto(recipe.id, firstPhotos[i]!)));
      uploads.push(...(await Promise.all([...secondPhotos].map(([recipeId, bytes]) => uploadPhoto(recipeId, bytes)))));
      await Promise.all([
        ...recipes.slice(0, 5).map((recipe) => api.request("DELETE", `/api/recipes/${recipe.id}`, { token: admin })),
        ...recipes.slice(17).map((recipe, i) => api.request("PUT", `/api/recipes/${recipe.id}`, { token: admin, body: { order: i } })),
      ]);
      // S3 delivers at least once and in any order: replay every upload's event newest first, and ask for rebuilds
      // while the rest is still running.
      for (const { key } of [...uploads].reverse()) {
        workers().queues.Uploads.send(JSON.stringify({ Records: [{ eventName: "ObjectCreated:Post", s3: { object: { key } } }] }));
      }
      workers().queues.PdfRebuilds.send(JSON.stringify({ rebuild_course: course.id }));
      await workers().settle();
      workers().queues.PdfRebuilds.send(JSON.stringify({ rebuild_course: course.id }));
      await workers().settle();

      // The chaos really happened: every upload's event came at least 4 times (S3's and the replay, each doubled),
      // and the uploads were first seen in an order other than the order they were made in.
      for (const { key } of uploads) expect(delivered.count(key), key).toBeGreaterThanOrEqual(4);
      const uploadId = (key: string) => key.split("/").at(-1)!;
      const firstSeen = delivered.firstSeen().map(uploadId);
      expect(firstSeen).toHaveLength(uploads.length);
      expect(firstSeen).not.toEqual([...firstSeen].sort());

      const { data } = await db().entities.course.get({ course_id: course.id }).go();
      expect(data!.pdf_revision).toBe(data!.recipes_revision);
      // Recorded after every rebuild batch, the only writer of the pointer: every value it took, in order.
      expect(revisions.values.length).toBeGreaterThan(1);
      revisions.values.slice(1).forEach((value, i) => expect(value, `pdf revision after ${revisions.values.slice(0, i + 2).join(" → ")}`).toBeGreaterThan(revisions.values[i]!));
      expect(revisions.values.at(-1)).toBe(data!.recipes_revision);

      const page = await coursePage(course.id);
      const expected = [...recipes.slice(17), ...recipes.slice(5, 17)];
      expect(page.recipes.map((recipe: { title: string }) => recipe.title)).toEqual(expected.map((recipe) => recipe.title));
      expect(page.recipes).toHaveLength(15);
      expect(page.recipes.every((recipe: { image_status: string }) => recipe.image_status === "ready")).toBe(true);
      expect(page.consolidated_recipe_pdf).toMatchObject({ status: "ready", page_count: 16 });
      const pdf = await readPdf(new Uint8Array(await (await fetch(page.consolidated_recipe_pdf_url)).arrayBuffer()));
      expect(pdf.pages).toHaveLength(16); // the cover + the 15 recipes left
      // Page by page, the recipe in that place with its newest photo (normalizing is deterministic).
      for (const [i, recipe] of expected.entries()) {
        const newest = secondPhotos.get(recipe.id) ?? firstPhotos[recipes.indexOf(recipe)]!;
        const { jpeg } = await normalizeRecipeImage(newest);
        const images = pdf.pages[i + 1]!.images;
        expect(images.length === 1 && Buffer.from(images[0]!).equals(jpeg), `page ${i + 2} is ${recipe.title}'s newest photo`).toBe(true);
      }
      expect(workers().queues.Uploads.deadLetters()).toEqual([]);
      expect(workers().queues.PdfRebuilds.deadLetters()).toEqual([]);
    } finally {
      for (const queue of Object.values(workers().queues)) queue.setChaos(undefined);
      revisions.stop();
      delivered.stop();
    }
  });

  it("gives no file URL to a student without access, or whose enrollment expired", async () => {
    const course = await createCourse("Privado");
    const recipe = await createRecipe(course.id, "Secreta", 1);
    await uploadPhoto(recipe.id, await orientedJpeg(1));
    await workers().settle();
    const student = await givenUser("USER");
    const now = new Date();
    await db()
      .entities.enrollment.create({
        enrollment_id: newId(),
        user_id: student.id,
        course_id: course.id,
        enrolled_at: now.toISOString(),
        expires_at: new Date(now.getTime() - 1000).toISOString(),
        granted_by: "test",
        updated_at: now.toISOString(),
      })
      .go();
    const token = (await signIn(api, student)).access_token;
    const page = await coursePage(course.id, token);
    expect(page.access.granted).toBe(false);
    expect(page.consolidated_recipe_pdf_url).toBeNull();
    expect(page.thumbnail_url).toBeNull();
    expect(page.recipes).toEqual([]);
    expect((await api.request("GET", `/api/recipes/${recipe.id}`, { token })).status).toBe(403);
  });
});
