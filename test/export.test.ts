import { beforeAll, describe, expect, it } from "vitest";
import { useTestApi } from "./support/api";
import { givenUser, signIn } from "./support/users";

const api = useTestApi();
let adminToken: string;

beforeAll(async () => {
  adminToken = (await signIn(api, await givenUser("ADMIN"))).access_token;
});

const asAdmin = (method: string, path: string, body?: unknown) => api.request(method, path, { token: adminToken, body });

/** A student with one of every kind of item: an enrollment, a membership, progress, a thread and a reply. */
async function studentWithEverything(courseId: string, lessonId: string, threadOfOther?: string) {
  const user = await givenUser();
  const token = (await signIn(api, user)).access_token;
  const as = (method: string, path: string, body?: unknown) => api.request(method, path, { token, body });
  const enrollment = await asAdmin("POST", "/api/enrollments", { user_id: user.id, course_id: courseId });
  expect(enrollment.status).toBe(201);
  const membership = await asAdmin("POST", "/api/memberships", { user_id: user.id, start_date: "2026-01-01T00:00:00Z", end_date: "2099-01-01T00:00:00Z" });
  expect(membership.status).toBe(201);
  expect((await as("POST", `/api/lessons/${lessonId}/progress`, { last_watched_position: 12 })).status).toBe(200);
  const thread = await as("POST", `/api/courses/${courseId}/comments`, { content: `Pregunta de ${user.email}` });
  expect(thread.status).toBe(201);
  const reply = await as("POST", `/api/comments/${threadOfOther ?? thread.body.id}/reply`, { content: `Respuesta de ${user.email}` });
  expect(reply.status).toBe(201);
  return { user, token, ids: { enrollment: enrollment.body.id, membership: membership.body.id, thread: thread.body.id, reply: reply.body.id } };
}

async function download(response: { status: number; body: { url: string; counts: Record<string, number> } }) {
  expect(response.status).toBe(200);
  const file = await fetch(response.body.url);
  expect(file.status).toBe(200);
  const text = await file.text();
  return { text, document: JSON.parse(text), counts: response.body.counts };
}

describe("a personal data export", () => {
  it("contains every kind of item the person owns and nothing of anyone else, for them and for an admin", async () => {
    const course = await asAdmin("POST", "/api/courses", { title: "Chocolate", description: "d" });
    const lesson = await asAdmin("POST", `/api/courses/${course.body.id}/lessons`, { title: "Templado" });
    const ana = await studentWithEverything(course.body.id, lesson.body.id);
    // Ben's items live next to Ana's: the same course, the same lesson, a reply in Ana's thread.
    const ben = await studentWithEverything(course.body.id, lesson.body.id, ana.ids.thread);

    const own = await download(await api.request("GET", "/api/auth/me/export", { token: ana.token }));
    const byAdmin = await download(await asAdmin("GET", `/api/users/${ana.user.id}/export`));
    for (const { document, text, counts } of [own, byAdmin]) {
      expect(document.profile).toMatchObject({ id: ana.user.id, email: ana.user.email });
      expect(document.enrollments.map((item: { enrollment_id: string }) => item.enrollment_id)).toEqual([ana.ids.enrollment]);
      expect(document.memberships.map((item: { membership_id: string }) => item.membership_id)).toEqual([ana.ids.membership]);
      expect(document.progress).toMatchObject([{ user_id: ana.user.id, lesson_id: lesson.body.id, last_watched_position: 12 }]);
      expect(document.comments.map((item: { comment_id: string }) => item.comment_id).sort()).toEqual([ana.ids.thread, ana.ids.reply].sort());
      expect(counts).toEqual({ enrollments: 1, memberships: 1, progress: 1, comments: 2 });
      // Every item is hers; nothing of Ben's, not even his reply in her thread.
      for (const kind of ["enrollments", "memberships", "progress", "comments"]) {
        for (const item of document[kind]) expect(item.user_id, kind).toBe(ana.user.id);
      }
      for (const id of [ben.user.id, ben.user.email, ...Object.values(ben.ids)]) expect(text).not.toContain(id);
      // Keys to her account are not information about her.
      expect(text).not.toContain(ana.user.password);
      expect(text).not.toMatch(/password|token_version|scrypt/i);
    }
  });

  it("is refused for a user who does not exist", async () => {
    expect((await asAdmin("GET", "/api/users/01ARZ3NDEKTSV4RRFFQ69G5FAV/export")).status).toBe(404);
  });
});
