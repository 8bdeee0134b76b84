import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestApi } from "./support/api";
import { workers } from "./support/runtime";
import { givenUser, signIn } from "./support/users";
import { orientedJpeg } from "./media/fixtures";
import { activePdf, pagesPdf, pageWidths, pdfObjects, qpdfCheck } from "./media/pdfs";
import { video } from "./media/videos";

/**
 * Media as admins really send it (issue #14), end to end on the local runtime: iPhone HEIC and scanner TIFF photos,
 * recipes that arrive as PDF files, one source per recipe at a time.
 */
const api = useTestApi();
let admin: string;

beforeAll(async () => {
  admin = (await signIn(api, await givenUser("ADMIN"))).access_token;
});

const iphoneHeic = () => readFile(path.join(import.meta.dirname, "media/files/iphone-xr-portrait.heic"));

async function upload(presignPath: string, bytes: Uint8Array, contentType: string): Promise<void> {
  const presigned = await api.request("POST", presignPath, { token: admin, body: { content_type: contentType } });
  expect(presigned.status).toBe(200);
  const form = new FormData();
  for (const [name, value] of Object.entries(presigned.body.fields as Record<string, string>)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(bytes)], { type: contentType }));
  expect((await fetch(presigned.body.url, { method: "POST", body: form })).status).toBeLessThan(300);
}

async function recipesOf(courseId: string) {
  const page = (await api.request("GET", `/api/courses/${courseId}`, { token: admin })).body;
  return { page, byTitle: Object.fromEntries(page.recipes.map((recipe: { title: string }) => [recipe.title, recipe])) };
}

async function consolidatedPdf(pageBody: { consolidated_recipe_pdf_url: string }): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(pageBody.consolidated_recipe_pdf_url)).arrayBuffer());
}

describe("recipes from photos (HEIC, TIFF) and from PDF files", () => {
  it("a 3-page PDF lands as 3 pages in its place between photo recipes; one source at a time; a refused upload keeps the source", async () => {
    const course = (await api.request("POST", "/api/courses", { token: admin, body: { title: "Fuentes", description: "d" } })).body as { id: string };
    const recipe = async (title: string, order: number) =>
      ((await api.request("POST", `/api/courses/${course.id}/recipes`, { token: admin, body: { title, order } })).body as { id: string }).id;
    const [heic, pdf, tiff, refused] = [await recipe("HEIC", 1), await recipe("PDF", 2), await recipe("TIFF", 3), await recipe("Rechazada", 4)];
    const scan = await sharp({ create: { width: 300, height: 420, channels: 3, background: "#c33" } }).tiff().toBuffer();

    await upload(`/api/recipes/${heic}/upload-image`, await iphoneHeic(), "image/heic");
    await upload(`/api/recipes/${pdf}/upload-pdf`, await pagesPdf(3), "application/pdf");
    await upload(`/api/recipes/${tiff}/upload-image`, scan, "image/tiff");
    await upload(`/api/recipes/${refused}/upload-pdf`, await pagesPdf(21), "application/pdf");
    await workers().settle();

    let { page, byTitle } = await recipesOf(course.id);
    expect(byTitle.HEIC).toMatchObject({ source: "image", image_status: "ready", page_count: 1, pdf_url: null });
    expect(byTitle.TIFF).toMatchObject({ source: "image", image_status: "ready", page_count: 1 });
    expect(byTitle.PDF).toMatchObject({ source: "pdf", image_status: "ready", image_error: null, image_url: null, page_count: 3 });
    expect(byTitle.Rechazada).toMatchObject({ source: "none", image_status: "rejected", image_error: "the PDF has 21 pages; at most 20", pdf_url: null, page_count: null });
    expect(await pageWidths(new Uint8Array(await (await fetch(byTitle.PDF.pdf_url)).arrayBuffer()))).toEqual([591, 592, 593]);
    // The iPhone photo is portrait once upright: its page is portrait A4.
    expect((await sharp(Buffer.from(await (await fetch(byTitle.HEIC.image_url)).arrayBuffer())).metadata()).height).toBeGreaterThan(2000);

    expect(page.consolidated_recipe_pdf).toMatchObject({ status: "ready", page_count: 1 + 1 + 3 + 1 });
    let consolidated = await consolidatedPdf(page);
    await qpdfCheck(consolidated);
    expect(await pageWidths(consolidated)).toEqual([595, 595, 591, 592, 593, 595]);

    // A photo replaces the PDF, and a PDF full of active content replaces the HEIC photo.
    const oldPdfUrl = byTitle.PDF.pdf_url as string;
    const oldHeicUrl = byTitle.HEIC.image_url as string;
    await upload(`/api/recipes/${pdf}/upload-image`, await orientedJpeg(1), "image/jpeg");
    await upload(`/api/recipes/${heic}/upload-pdf`, await activePdf(), "application/pdf");
    await workers().settle();
    ({ page, byTitle } = await recipesOf(course.id));
    expect(byTitle.PDF).toMatchObject({ source: "image", image_status: "ready", pdf_url: null, page_count: 1 });
    expect(byTitle.HEIC).toMatchObject({ source: "pdf", image_status: "ready", image_url: null, page_count: 1 });
    expect((await fetch(oldPdfUrl)).status, "the replaced PDF is removed").toBe(404);
    expect((await fetch(oldHeicUrl)).status, "the replaced photo is removed").toBe(404);
    consolidated = await consolidatedPdf(page);
    await qpdfCheck(consolidated);
    // cover, the cleaned PDF page, the photo (landscape), the scan
    expect(await pageWidths(consolidated)).toEqual([595, 595, 842, 595]);
    const objects = await pdfObjects(consolidated);
    for (const word of ["/JavaScript", "/OpenAction", "/AA", "/EmbeddedFile", "/AcroForm", "/Launch", "javascript:"]) expect(objects, word).not.toContain(word);

    // Something that is not a PDF is refused with its reason; the recipe keeps its photo.
    await upload(`/api/recipes/${pdf}/upload-pdf`, Buffer.from("<!doctype html><p>receta</p>"), "application/pdf");
    await workers().settle();
    ({ byTitle } = await recipesOf(course.id));
    expect(byTitle.PDF).toMatchObject({ source: "image", image_status: "rejected", image_error: "not a PDF (it is an HTML page)", page_count: 1 });
    expect((await fetch(byTitle.PDF.image_url)).status).toBe(200);
    expect(workers().queues.Uploads.deadLetters()).toEqual([]);
    expect(workers().queues.PdfRebuilds.deadLetters()).toEqual([]);
  });

  it("upload-pdf takes application/pdf only, and says so in words", async () => {
    const course = (await api.request("POST", "/api/courses", { token: admin, body: { title: "Tipos", description: "d" } })).body as { id: string };
    const recipe = (await api.request("POST", `/api/courses/${course.id}/recipes`, { token: admin, body: { title: "R", order: 1 } })).body as { id: string };
    const response = await api.request("POST", `/api/recipes/${recipe.id}/upload-pdf`, { token: admin, body: { content_type: "image/jpeg" } });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toEqual({ path: "body.content_type", message: "a file of type image/jpeg is not accepted here; send a PDF (application/pdf)" });
    const presigned = await api.request("POST", `/api/recipes/${recipe.id}/upload-pdf`, { token: admin, body: { content_type: "application/pdf" } });
    expect(presigned.body.max_bytes).toBe(50 * 1024 * 1024);
  });
});

describe("playback", () => {
  it("a student with access gets a presigned GET that serves byte ranges (206), so the player can seek", async () => {
    const course = (await api.request("POST", "/api/courses", { token: admin, body: { title: "Clases", description: "d" } })).body as { id: string };
    const lesson = (await api.request("POST", `/api/courses/${course.id}/lessons`, { token: admin, body: { title: "Masa quebrada" } })).body as { id: string };
    const mp4 = await video("moov-first.mp4");
    await upload(`/api/lessons/${lesson.id}/upload-video`, mp4, "video/mp4");
    await workers().settle();
    const student = await givenUser("USER");
    expect((await api.request("POST", "/api/enrollments", { token: admin, body: { user_id: student.id, course_id: course.id } })).status).toBe(201);
    const token = (await signIn(api, student)).access_token;

    const watched = (await api.request("GET", `/api/lessons/${lesson.id}`, { token })).body;
    expect(watched).toMatchObject({ video_status: "ready", video_duration: 3.2 });
    const start = 1000;
    const end = 1999;
    const response = await fetch(watched.video_url, { headers: { Range: `bytes=${start}-${end}` } });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes ${start}-${end}/${mp4.length}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(mp4.subarray(start, end + 1))).toBe(true);
    // The last bytes, as a player asks for an index at the end of the file (as an explicit range: s3rver answers a
    // suffix range, `bytes=-100`, with 206 and the wrong bytes; S3 itself serves it).
    const tail = await fetch(watched.video_url, { headers: { Range: `bytes=${mp4.length - 100}-${mp4.length - 1}` } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(mp4.subarray(mp4.length - 100))).toBe(true);

    // An audio file sent as the next video is refused with its reason; the lesson keeps its video and duration.
    await upload(`/api/lessons/${lesson.id}/upload-video`, await video("audio-only.mp4"), "video/mp4");
    await workers().settle();
    const after = (await api.request("GET", `/api/lessons/${lesson.id}`, { token })).body;
    expect(after).toMatchObject({ video_status: "rejected", video_error: "the file has no video track (it is audio only)", video_duration: 3.2 });
    expect((await fetch(after.video_url, { headers: { Range: "bytes=0-9" } })).status).toBe(206);
  });
});

describe("avatars", () => {
  async function uploadAs(token: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const presigned = await api.request("POST", "/api/auth/me/upload-avatar", { token, body: { content_type: contentType } });
    expect(presigned.status).toBe(200);
    const form = new FormData();
    for (const [name, value] of Object.entries(presigned.body.fields as Record<string, string>)) form.append(name, value);
    form.append("file", new Blob([new Uint8Array(bytes)], { type: contentType }));
    expect((await fetch(presigned.body.url, { method: "POST", body: form })).status).toBeLessThan(300);
  }

  it("a user's uploaded photo becomes a 256×256 JPEG without metadata, served presigned; the old one is removed; a refused one keeps it", async () => {
    const user = await givenUser("USER");
    const token = (await signIn(api, user)).access_token;
    const me = async () => (await api.request("GET", "/api/auth/me", { token })).body;
    expect(await me()).toMatchObject({ avatar_url: null, avatar_status: "none", avatar_error: null });

    await uploadAs(token, await iphoneHeic(), "image/heic");
    await workers().settle();
    const first = await me();
    expect(first).toMatchObject({ avatar_status: "ready", avatar_error: null });
    const avatar = Buffer.from(await (await fetch(first.avatar_url)).arrayBuffer());
    const metadata = await sharp(avatar).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(["jpeg", 256, 256]);
    expect([metadata.exif, metadata.xmp, metadata.icc]).toEqual([undefined, undefined, undefined]);
    // An admin sees it too.
    const seenByAdmin = (await api.request("GET", `/api/users/${user.id}`, { token: admin })).body;
    expect((await fetch(seenByAdmin.avatar_url)).status).toBe(200);

    await uploadAs(token, await orientedJpeg(6), "image/jpeg");
    await workers().settle();
    const second = await me();
    expect(second.avatar_status).toBe("ready");
    expect((await fetch(first.avatar_url)).status, "the replaced avatar is removed").toBe(404);

    await uploadAs(token, Buffer.from("<html>no</html>"), "image/png");
    await workers().settle();
    const refused = await me();
    expect(refused).toMatchObject({ avatar_status: "rejected", avatar_error: "not an image (it is an HTML page)" });
    expect((await fetch(refused.avatar_url)).status, "the previous avatar stays").toBe(200);

    // An address typed in the profile replaces the upload, which goes.
    const typed = await api.request("PUT", "/api/auth/me", { token, body: { avatar_url: "https://example.com/yo.png" } });
    expect(typed.body.avatar_url).toBe("https://example.com/yo.png");
    expect((await fetch(second.avatar_url)).status, "the uploaded avatar is removed").toBe(404);
    expect(workers().queues.Uploads.deadLetters()).toEqual([]);
  });
});
