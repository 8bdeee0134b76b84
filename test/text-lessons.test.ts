import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../core/db/service";
import { newId } from "../core/ids";
import { recipeImageKey } from "../core/media/keys";
import { useTestApi, type ApiResponse } from "./support/api";
import { givenUser, signIn } from "./support/users";

/** Text lessons (issue 17): Markdown in, source and sanitized HTML out, completed by hand. */
const api = useTestApi();
let adminToken: string;
let courseId: string;
let otherCourseId: string;
let studentAs: (method: string, path: string, body?: unknown) => Promise<ApiResponse>;
let outsiderAs: (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

const asAdmin = (method: string, path: string, body?: unknown) => api.request(method, path, { token: adminToken, body });

async function userAs(enrolledIn?: string) {
  const user = await givenUser("USER");
  if (enrolledIn) expect((await asAdmin("POST", "/api/enrollments", { user_id: user.id, course_id: enrolledIn })).status).toBe(201);
  const token = (await signIn(api, user)).access_token;
  return (method: string, path: string, body?: unknown) => api.request(method, path, { token, body });
}

beforeAll(async () => {
  adminToken = (await signIn(api, await givenUser("ADMIN"))).access_token;
  courseId = (await asAdmin("POST", "/api/courses", { title: "Cremas", description: "d" })).body.id;
  otherCourseId = (await asAdmin("POST", "/api/courses", { title: "Otro", description: "d" })).body.id;
  studentAs = await userAs(courseId);
  outsiderAs = await userAs();
});

function expectProblem(response: ApiResponse, status: number, detail?: RegExp) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  if (detail) expect(response.body.detail).toMatch(detail);
}

describe("text lessons", () => {
  it("store the Markdown and show it with its sanitized HTML; the course's own photo as a presigned link, anything else dropped", async () => {
    const ownPhoto = recipeImageKey(courseId, newId(), newId());
    const foreignPhoto = recipeImageKey(otherCourseId, newId(), newId());
    const body = [
      "# Crema pastelera",
      "Calienta la leche. <script>alert(1)</script>",
      `![Lista](${ownPhoto})`,
      `![Ajena](${foreignPhoto})`,
      "![Rastreador](https://evil.example/t.png)",
      "[Más](javascript:alert(1)) y [receta](https://dulcevicio.example/r)",
    ].join("\n\n");
    const created = await asAdmin("POST", `/api/courses/${courseId}/lessons`, { title: "Leer", kind: "text", body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ kind: "text", body, video_url: null, locked: false });

    const read = await studentAs("GET", `/api/lessons/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.body).toBe(body);
    const html: string = read.body.body_html;
    expect(html).toContain("<h1>Crema pastelera</h1>");
    expect(html).not.toMatch(/<script|alert\(|javascript:|evil\.example/i);
    expect(html).not.toContain(foreignPhoto);
    expect(html).toContain('<a href="https://dulcevicio.example/r" rel="nofollow noopener noreferrer">receta</a>');
    // The photo's key became a presigned link to it (attribute-escaped), the only image left.
    const sources = [...html.matchAll(/<img src="([^"]+)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&"));
    expect(sources).toHaveLength(1);
    expect(new URL(sources[0]!).pathname).toMatch(new RegExp(`/${ownPhoto}$`));
    expect(new URL(sources[0]!).searchParams.get("X-Amz-Signature")).toBeTruthy();
    // The caller, the lesson by id, then course ‖ access ‖ progress ‖ its text: one GetItem more than a video lesson.
    expect(read.dynamoCommands.sort()).toEqual(["GetItem", "GetItem", "GetItem", "GetItem", "Query", "Query"]);

    // Lists and the course page name the lesson, never its text (up to 100 KB each).
    const listed = (await studentAs("GET", `/api/courses/${courseId}/lessons`)).body.items.find((item: { id: string }) => item.id === created.body.id);
    expect(listed).toMatchObject({ kind: "text", body: null, body_html: null });
    // Without access, nothing of it: not a preview lesson.
    expectProblem(await outsiderAs("GET", `/api/lessons/${created.body.id}`), 403);
  });

  it("is completed explicitly: no video position, no video upload", async () => {
    const id = (await asAdmin("POST", `/api/courses/${courseId}/lessons`, { title: "Leer", kind: "text", body: "Texto" })).body.id;
    expectProblem(await studentAs("POST", `/api/lessons/${id}/progress`, { last_watched_position: 3 }), 409, /complete/);
    expectProblem(await asAdmin("POST", `/api/lessons/${id}/upload-video`, { content_type: "video/mp4" }), 409);
    const done = await studentAs("PUT", `/api/lessons/${id}/complete`, { completed: true });
    expect(done.status).toBe(200);
    expect(done.body.completed).toBe(true);
  });

  it("an admin rewrites the text; the old rendering is gone", async () => {
    const id = (await asAdmin("POST", `/api/courses/${courseId}/lessons`, { title: "Leer", kind: "text", body: "Primera **versión**" })).body.id;
    const updated = await asAdmin("PUT", `/api/lessons/${id}`, { body: "Segunda _versión_" });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ body: "Segunda _versión_", body_html: "<p>Segunda <em>versión</em></p>\n" });
    expect((await studentAs("GET", `/api/lessons/${id}`)).body.body_html).toBe("<p>Segunda <em>versión</em></p>\n");
    // Deleting the lesson takes its text with it.
    expect((await asAdmin("DELETE", `/api/lessons/${id}`)).status).toBe(204);
    expect((await db().entities.lessonText.get({ course_id: courseId, lesson_id: id }).go()).data).toBeNull();
  });

  it("refuses what does not fit: a text lesson without body, a video lesson with one, more than 100 KB, a body for a video lesson", async () => {
    expectProblem(await asAdmin("POST", `/api/courses/${courseId}/lessons`, { title: "x", kind: "text" }), 400);
    expectProblem(await asAdmin("POST", `/api/courses/${courseId}/lessons`, { title: "x", body: "texto" }), 400);
    expectProblem(await asAdmin("POST", `/api/courses/${courseId}/lessons`, { title: "x", kind: "text", body: "ñ".repeat(50_001) }), 400);
    expect((await asAdmin("POST", `/api/courses/${courseId}/lessons`, { title: "x", kind: "text", body: "a".repeat(100_000) })).status).toBe(201);
    const video = (await asAdmin("POST", `/api/courses/${courseId}/lessons`, { title: "Vídeo" })).body.id;
    expectProblem(await asAdmin("PUT", `/api/lessons/${video}`, { body: "texto" }), 400, /text lesson/);
    expectProblem(await asAdmin("PUT", `/api/lessons/${video}`, { kind: "text" }), 400);
  });
});
