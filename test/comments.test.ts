import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../core/db/service";
import { useTestApi, type ApiResponse } from "./support/api";
import { givenUser, signIn, type TestUser } from "./support/users";

const api = useTestApi();

type As = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;
let admin: As;
let adminUser: TestUser;

async function person(role: "ADMIN" | "USER" = "USER"): Promise<{ user: TestUser; as: As }> {
  const user = await givenUser(role);
  const token = (await signIn(api, user)).access_token;
  return { user, as: (method, path, body) => api.request(method, path, { token, body }) };
}

beforeAll(async () => {
  const root = await person("ADMIN");
  admin = root.as;
  adminUser = root.user;
});

function expectProblem(response: ApiResponse, status: number, detail?: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  if (detail) expect(response.body.detail).toMatch(detail);
}

/** A course with two enrolled students and one outsider. */
async function forum() {
  const course = await admin("POST", "/api/courses", { title: "Chocolate", description: "d" });
  const courseId = course.body.id as string;
  const [ana, bea, outsider] = [await person(), await person(), await person()];
  for (const student of [ana, bea]) expect((await admin("POST", "/api/enrollments", { user_id: student.user.id, course_id: courseId })).status).toBe(201);
  return { courseId, ana, bea, outsider };
}

const post = async (as: As, courseId: string, content: string) => {
  const response = await as("POST", `/api/courses/${courseId}/comments`, { content });
  expect(response.status).toBe(201);
  return response.body;
};
const reply = async (as: As, parentId: string, content: string) => {
  const response = await as("POST", `/api/comments/${parentId}/reply`, { content });
  expect(response.status).toBe(201);
  return response.body;
};
const commentsCount = async (courseId: string) => (await admin("GET", `/api/courses/${courseId}`)).body.comments_count;

describe("threads", () => {
  it("a reply to a reply stays in its thread, three levels deep, with replies_count exact", async () => {
    const { courseId, ana, bea } = await forum();
    const thread = await post(ana.as, courseId, "¿Mantequilla fría o pomada?");
    expect(thread).toMatchObject({ course_id: courseId, thread_id: thread.id, parent_id: null, replies_count: 0, replies: [], is_admin_response: false });
    expect(thread.user).toEqual({ id: ana.user.id, full_name: expect.any(String), is_admin: false });

    const second = await reply(bea.as, thread.id, "Pomada, para cremar.");
    const third = await reply(ana.as, second.id, "¿Y para la masa quebrada?");
    const answer = await reply(admin, third.id, "Fría, siempre.");
    expect(second).toMatchObject({ thread_id: thread.id, parent_id: thread.id, is_admin_response: false });
    expect(third).toMatchObject({ thread_id: thread.id, parent_id: second.id });
    expect(answer).toMatchObject({ thread_id: thread.id, parent_id: third.id, is_admin_response: true, user: { id: adminUser.id, is_admin: true } });

    const read = await bea.as("GET", `/api/comments/${thread.id}`);
    expect(read.status).toBe(200);
    expect(read.body.replies_count).toBe(3);
    expect(read.body.replies.map((comment: { id: string }) => comment.id)).toEqual([second.id, third.id, answer.id]);
    expect(await commentsCount(courseId)).toBe(4);

    const single = await bea.as("GET", `/api/comments/${third.id}`);
    expect(single.body).toMatchObject({ id: third.id, parent_id: second.id, replies: [] });
  });

  it("lists threads newest first in pages, each with its replies, in a bounded number of requests", async () => {
    const { courseId, ana, bea } = await forum();
    const threads = [];
    for (const n of [1, 2, 3, 4, 5]) threads.push(await post(ana.as, courseId, `Pregunta ${n}`));
    await reply(admin, threads[4].id, "Respuesta a la 5");
    await reply(admin, threads[3].id, "Respuesta a la 4");
    await reply(admin, threads[1].id, "Respuesta a la 2");

    const first = await ana.as("GET", `/api/courses/${courseId}/comments?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((item: { content: string }) => item.content)).toEqual(["Pregunta 5", "Pregunta 4"]);
    expect(first.body.items.map((item: { replies: Array<{ content: string }> }) => item.replies.map((r) => r.content))).toEqual([["Respuesta a la 5"], ["Respuesta a la 4"]]);
    // Caller; course ‖ access ‖ threads; the page's replies in one range Query ‖ the authors in one BatchGet ‖ the
    // caller's reactions in the course in one Query (issue 17).
    expect(first.dynamoCommands.sort()).toEqual(["BatchGetItem", "GetItem", "GetItem", "Query", "Query", "Query", "Query"]);

    const second = await ana.as("GET", `/api/courses/${courseId}/comments?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`);
    expect(second.body.items.map((item: { content: string }) => item.content)).toEqual(["Pregunta 3", "Pregunta 2"]);
    expect(second.body.items[0].replies).toEqual([]);
    expect(second.body.items[1].replies.map((r: { content: string }) => r.content)).toEqual(["Respuesta a la 2"]);
    const third = await ana.as("GET", `/api/courses/${courseId}/comments?limit=2&cursor=${encodeURIComponent(second.body.next_cursor)}`);
    expect(third.body.items.map((item: { content: string }) => item.content)).toEqual(["Pregunta 1"]);
    expectProblem(await ana.as("GET", `/api/courses/${courseId}/comments?cursor=forged.cursor`), 400);
    // A cursor is Ana's: another student of the course cannot carry it on.
    expectProblem(await bea.as("GET", `/api/courses/${courseId}/comments?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`), 400, /cursor/);
  });

  it("keeps HTML and script text as the same plain text, trims it, and refuses empty or 5001-character content", async () => {
    const { courseId, ana } = await forum();
    const html = `<script>alert("x")</script><b>negrita</b> & "comillas" 🍰`;
    const thread = await post(ana.as, courseId, `  ${html}  `);
    expect(thread.content).toBe(html);
    expect((await ana.as("GET", `/api/comments/${thread.id}`)).body.content).toBe(html);

    const exactly = "🍰".repeat(5000);
    expect((await ana.as("POST", `/api/courses/${courseId}/comments`, { content: exactly })).status).toBe(201);
    const tooLong = await ana.as("POST", `/api/courses/${courseId}/comments`, { content: "a".repeat(5001) });
    expectProblem(tooLong, 400);
    expect(tooLong.body.errors).toEqual([{ path: "body.content", message: "must be at most 5000 characters" }]);
    expectProblem(await ana.as("POST", `/api/courses/${courseId}/comments`, { content: "   " }), 400);
    expectProblem(await ana.as("POST", `/api/courses/${courseId}/comments`, {}), 400);
    expectProblem(await ana.as("POST", `/api/comments/${thread.id}/reply`, { content: "" }), 400);
    expectProblem(await ana.as("PUT", `/api/comments/${thread.id}`, { content: "x".repeat(5001) }), 400);
  });

  it("only callers with access to the course read or write its forum", async () => {
    const { courseId, ana, outsider } = await forum();
    const thread = await post(ana.as, courseId, "Hola");
    expectProblem(await outsider.as("GET", `/api/courses/${courseId}/comments`), 403);
    expectProblem(await outsider.as("POST", `/api/courses/${courseId}/comments`, { content: "Hola" }), 403);
    expectProblem(await outsider.as("GET", `/api/comments/${thread.id}`), 403);
    expectProblem(await outsider.as("POST", `/api/comments/${thread.id}/reply`, { content: "Hola" }), 403);
  });
});

describe("editing and deleting", () => {
  it("authors edit and delete their own comments; someone else's is a 403; an admin deletes any", async () => {
    const { courseId, ana, bea } = await forum();
    const thread = await post(ana.as, courseId, "Primera versión");
    const edited = await ana.as("PUT", `/api/comments/${thread.id}`, { content: "Segunda versión" });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ content: "Segunda versión", created_at: thread.created_at });

    expectProblem(await bea.as("PUT", `/api/comments/${thread.id}`, { content: "Hackeado" }), 403, /own comments/);
    expectProblem(await bea.as("DELETE", `/api/comments/${thread.id}`), 403, /own comments/);
    expectProblem(await admin("PUT", `/api/comments/${thread.id}`, { content: "Editado por admin" }), 403);

    const beas = await post(bea.as, courseId, "Mío");
    expect((await bea.as("DELETE", `/api/comments/${beas.id}`)).status).toBe(204);
    expectProblem(await bea.as("GET", `/api/comments/${beas.id}`), 404);
    expect((await admin("DELETE", `/api/comments/${thread.id}`)).status).toBe(204);
    expect((await ana.as("GET", `/api/courses/${courseId}/comments`)).body.items).toEqual([]);
    expect(await commentsCount(courseId)).toBe(0);
  });

  it("a deleted thread with replies stays as an empty placeholder; deleting replies keeps every counter exact", async () => {
    const { courseId, ana, bea } = await forum();
    const thread = await post(ana.as, courseId, "¿Cuánto azúcar?");
    const first = await reply(bea.as, thread.id, "100 g");
    const second = await reply(ana.as, first.id, "Gracias");
    expect(await commentsCount(courseId)).toBe(3);

    expect((await ana.as("DELETE", `/api/comments/${thread.id}`)).status).toBe(204);
    const placeholder = await bea.as("GET", `/api/comments/${thread.id}`);
    expect(placeholder.body).toMatchObject({ is_deleted: true, content: null, user: null, replies_count: 2 });
    expect(placeholder.body.replies.map((r: { id: string }) => r.id)).toEqual([first.id, second.id]);
    expect(await commentsCount(courseId)).toBe(2);
    expectProblem(await bea.as("POST", `/api/comments/${thread.id}/reply`, { content: "¿?" }), 409);
    expectProblem(await ana.as("DELETE", `/api/comments/${thread.id}`), 404);

    expect((await ana.as("DELETE", `/api/comments/${second.id}`)).status).toBe(204);
    expect((await bea.as("GET", `/api/comments/${thread.id}`)).body.replies_count).toBe(1);
    expect((await bea.as("DELETE", `/api/comments/${first.id}`)).status).toBe(204);
    expect(await commentsCount(courseId)).toBe(0);
    // A placeholder with nothing left under it is gone for everyone.
    expectProblem(await bea.as("GET", `/api/comments/${thread.id}`), 404);
    expect((await bea.as("GET", `/api/courses/${courseId}/comments`)).body.items).toEqual([]);
  });

  it("counts stay exact when 10 students reply to one thread at once", async () => {
    const { courseId, ana } = await forum();
    const thread = await post(ana.as, courseId, "¿Quién hizo el brownie?");
    const students = await Promise.all(Array.from({ length: 10 }, () => person()));
    for (const student of students) await admin("POST", "/api/enrollments", { user_id: student.user.id, course_id: courseId });
    const replies = await Promise.all(students.map((student) => student.as("POST", `/api/comments/${thread.id}/reply`, { content: "¡Yo!" })));
    expect(replies.map((response) => response.status)).toEqual(Array(10).fill(201));
    expect((await ana.as("GET", `/api/comments/${thread.id}`)).body.replies_count).toBe(10);
    expect(await commentsCount(courseId)).toBe(11);
  });
});

describe("moderation", () => {
  it("a hidden comment vanishes for students (even by id) and stays visible to admins with its state", async () => {
    const { courseId, ana, bea } = await forum();
    const thread = await post(ana.as, courseId, "Spam");
    const visible = await post(ana.as, courseId, "Pregunta seria");
    const hiddenReply = await reply(bea.as, visible.id, "Otro spam");
    await reply(bea.as, visible.id, "Respuesta útil");

    expectProblem(await bea.as("PUT", `/api/comments/${thread.id}/moderate`, { is_active: false }), 403);
    const hidden = await admin("PUT", `/api/comments/${thread.id}/moderate`, { is_active: false });
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ id: thread.id, is_active: false, content: "Spam" });
    expect((await admin("PUT", `/api/comments/${hiddenReply.id}/moderate`, { is_active: false })).body).toMatchObject({ is_active: false });

    const students = await bea.as("GET", `/api/courses/${courseId}/comments`);
    expect(students.body.items.map((item: { id: string }) => item.id)).toEqual([visible.id]);
    expect(students.body.items[0].replies.map((r: { content: string }) => r.content)).toEqual(["Respuesta útil"]);
    expect(students.body.items[0].replies_count).toBe(1);
    expectProblem(await bea.as("GET", `/api/comments/${thread.id}`), 404);
    expectProblem(await ana.as("GET", `/api/comments/${hiddenReply.id}`), 404);
    expectProblem(await ana.as("PUT", `/api/comments/${thread.id}`, { content: "Ya no es spam" }), 404);

    const admins = await admin("GET", `/api/courses/${courseId}/comments`);
    expect(admins.body.items.map((item: { id: string; is_active: boolean }) => [item.id, item.is_active])).toEqual([
      [visible.id, true],
      [thread.id, false],
    ]);
    expect(admins.body.items[0].replies_count).toBe(2);

    // Hiding twice changes nothing; showing again brings it back for everyone.
    await admin("PUT", `/api/comments/${hiddenReply.id}/moderate`, { is_active: false });
    await admin("PUT", `/api/comments/${hiddenReply.id}/moderate`, { is_active: true });
    await admin("PUT", `/api/comments/${thread.id}/moderate`, { is_active: true });
    const again = await bea.as("GET", `/api/courses/${courseId}/comments`);
    expect(again.body.items.map((item: { id: string }) => item.id)).toEqual([visible.id, thread.id]);
    expect(again.body.items[0].replies_count).toBe(2);
  });

  it("deleting the course removes its forum", async () => {
    const { courseId, ana } = await forum();
    const thread = await post(ana.as, courseId, "Hola");
    await reply(ana.as, thread.id, "Adiós");
    expect((await admin("DELETE", `/api/courses/${courseId}`)).status).toBe(204);
    const { data } = await db().entities.comment.query.byCourse({ course_id: courseId }).go();
    expect(data).toEqual([]);
    expectProblem(await admin("GET", `/api/comments/${thread.id}`), 404);
  });
});
