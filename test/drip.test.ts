import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { clock } from "../core/clock";
import { db } from "../core/db/service";
import { newId } from "../core/ids";
import { videoKey } from "../core/media/keys";
import { useTestApi, type ApiResponse } from "./support/api";
import { givenUser, signIn, type TestUser } from "./support/users";

/** Drip release (issue 17): one rule in core/access/access.ts `lessonRelease`, moved through with the clock. */
const api = useTestApi();
const realNow = clock.now;
afterEach(() => {
  clock.now = realNow;
});

const DAY = 24 * 3_600_000;
let adminToken: string;
beforeAll(async () => {
  adminToken = (await signIn(api, await givenUser("ADMIN"))).access_token;
});

const asAdmin = (method: string, path: string, body?: unknown) => api.request(method, path, { token: adminToken, body });
const at = (date: Date) => {
  clock.now = () => date;
};

async function createCourse(): Promise<string> {
  const response = await asAdmin("POST", "/api/courses", { title: "Bollería", description: "d" });
  expect(response.status).toBe(201);
  return response.body.id;
}

/** A lesson with a video already in place (written straight to its item, as the media pipeline would). */
async function addLesson(courseId: string, body: Record<string, unknown>): Promise<{ id: string; key: string }> {
  const response = await asAdmin("POST", `/api/courses/${courseId}/lessons`, { title: "Lección", ...body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  const key = videoKey(courseId, response.body.id, newId(), "mp4");
  await db().entities.lesson.patch({ course_id: courseId, lesson_id: response.body.id }).set({ video_key: key, video_status: "ready" }).go();
  return { id: response.body.id, key };
}

async function student(): Promise<{ user: TestUser; as: (method: string, path: string, body?: unknown) => Promise<ApiResponse> }> {
  const user = await givenUser("USER");
  const token = (await signIn(api, user)).access_token;
  return { user, as: (method, path, body) => api.request(method, path, { token, body }) };
}

/** Every answer a student reads a lesson through: none may carry the video's key (nor a link to it) while locked. */
async function everyView(as: (method: string, path: string) => Promise<ApiResponse>, courseId: string, lessonId: string) {
  const [page, list, lesson, myCourses, myProgress, progress] = await Promise.all([
    as("GET", `/api/courses/${courseId}`),
    as("GET", `/api/courses/${courseId}/lessons`),
    as("GET", `/api/lessons/${lessonId}`),
    as("GET", "/api/dashboard/my-courses"),
    as("GET", "/api/dashboard/my-progress"),
    as("GET", `/api/courses/${courseId}/progress`),
  ]);
  for (const response of [page, list, lesson, myCourses, myProgress, progress]) expect(response.status).toBe(200);
  return {
    page: page.body.lessons.find((item: { id: string }) => item.id === lessonId),
    listed: list.body.items.find((item: { id: string }) => item.id === lessonId),
    lesson: lesson.body,
    all: JSON.stringify([page.body, list.body, lesson.body, myCourses.body, myProgress.body, progress.body]),
  };
}

async function expectLocked(as: (method: string, path: string, body?: unknown) => Promise<ApiResponse>, courseId: string, lesson: { id: string; key: string }, opensAt: Date) {
  const views = await everyView(as, courseId, lesson.id);
  for (const shown of [views.page, views.listed, views.lesson]) {
    expect(shown).toMatchObject({ id: lesson.id, title: "Lección", locked: true, available_at: opensAt.toISOString(), video_url: null, body: null, body_html: null });
  }
  expect(views.all).not.toContain(lesson.key);
  expect(views.all).not.toContain("X-Amz-Signature");
  const progress = await as("POST", `/api/lessons/${lesson.id}/progress`, { last_watched_position: 10 });
  expect(progress.status).toBe(403);
  expect(progress.body.detail).toContain(opensAt.toISOString());
  expect((await as("PUT", `/api/lessons/${lesson.id}/complete`, { completed: true })).status).toBe(403);
}

async function expectOpen(as: (method: string, path: string, body?: unknown) => Promise<ApiResponse>, courseId: string, lesson: { id: string; key: string }) {
  const views = await everyView(as, courseId, lesson.id);
  for (const shown of [views.page, views.listed, views.lesson]) {
    expect(shown).toMatchObject({ locked: false, video_url: expect.stringContaining(lesson.key) });
  }
  expect((await as("POST", `/api/lessons/${lesson.id}/progress`, { last_watched_position: 10 })).status).toBe(200);
}

describe("drip release", () => {
  it("available_after_days counts from the enrollment: locked one second before, open one second after", async () => {
    const t0 = new Date(Date.now() - 60_000);
    const courseId = await createCourse();
    const lesson = await addLesson(courseId, { available_after_days: 3 });
    const ana = await student();
    at(t0);
    expect((await asAdmin("POST", "/api/enrollments", { user_id: ana.user.id, course_id: courseId })).status).toBe(201);
    const opensAt = new Date(t0.getTime() + 3 * DAY);

    at(new Date(opensAt.getTime() - 1000));
    await expectLocked(ana.as, courseId, lesson, opensAt);
    at(new Date(opensAt.getTime() + 1000));
    await expectOpen(ana.as, courseId, lesson);
  });

  it("available_after_days counts from the membership's start", async () => {
    const start = new Date(Date.now() - 10 * DAY);
    const courseId = await createCourse();
    const lesson = await addLesson(courseId, { available_after_days: 12 });
    const carla = await student();
    const membership = await asAdmin("POST", "/api/memberships", { user_id: carla.user.id, start_date: start.toISOString(), end_date: new Date(start.getTime() + 365 * DAY).toISOString() });
    expect(membership.status).toBe(201);
    const opensAt = new Date(start.getTime() + 12 * DAY);

    at(new Date(opensAt.getTime() - 1000));
    await expectLocked(carla.as, courseId, lesson, opensAt);
    at(new Date(opensAt.getTime() + 1000));
    await expectOpen(carla.as, courseId, lesson);
  });

  it("counts from whichever grant opened the course first: an earlier membership beats a later enrollment", async () => {
    const start = new Date(Date.now() - 5 * DAY);
    const courseId = await createCourse();
    const lesson = await addLesson(courseId, { available_after_days: 6 });
    const dora = await student();
    await asAdmin("POST", "/api/memberships", { user_id: dora.user.id, start_date: start.toISOString(), end_date: new Date(start.getTime() + 365 * DAY).toISOString() });
    await asAdmin("POST", "/api/enrollments", { user_id: dora.user.id, course_id: courseId });
    const opensAt = new Date(start.getTime() + 6 * DAY);
    at(new Date(opensAt.getTime() - 1000));
    await expectLocked(dora.as, courseId, lesson, opensAt);
  });

  it("available_at opens at a fixed instant for everyone; admins see the lesson whole before it", async () => {
    const opensAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 7 * DAY);
    const courseId = await createCourse();
    const lesson = await addLesson(courseId, { available_at: opensAt.toISOString() });
    const eva = await student();
    await asAdmin("POST", "/api/enrollments", { user_id: eva.user.id, course_id: courseId });

    at(new Date(opensAt.getTime() - 1000));
    await expectLocked(eva.as, courseId, lesson, opensAt);
    const asAdminView = await asAdmin("GET", `/api/lessons/${lesson.id}`);
    expect(asAdminView.body).toMatchObject({ locked: false, available_at: opensAt.toISOString(), video_url: expect.stringContaining(lesson.key) });
    at(new Date(opensAt.getTime() + 1000));
    await expectOpen(eva.as, courseId, lesson);
  });

  it("a preview lesson is never locked, and a lesson without a rule opens with the access", async () => {
    const courseId = await createCourse();
    const preview = await addLesson(courseId, { is_preview: true, available_after_days: 30 });
    const plain = await addLesson(courseId, {});
    const fede = await student();
    await asAdmin("POST", "/api/enrollments", { user_id: fede.user.id, course_id: courseId });
    const lessons = (await fede.as("GET", `/api/courses/${courseId}/lessons`)).body.items;
    expect(lessons.map((item: { id: string; locked: boolean }) => [item.id, item.locked])).toEqual([
      [preview.id, false],
      [plain.id, false],
    ]);
  });

  it("an admin sets, replaces and clears the rule; both rules at once are a 400", async () => {
    const courseId = await createCourse();
    const lesson = await addLesson(courseId, { available_after_days: 2 });
    const both = await asAdmin("PUT", `/api/lessons/${lesson.id}`, { available_at: new Date().toISOString(), available_after_days: 1 });
    expect(both.status).toBe(400);
    expect(both.headers.get("content-type")).toBe("application/problem+json");
    const fixed = new Date(Math.floor(Date.now() / 1000) * 1000 + DAY).toISOString();
    const replaced = await asAdmin("PUT", `/api/lessons/${lesson.id}`, { available_at: fixed });
    expect(replaced.body).toMatchObject({ available_at: fixed, available_after_days: null });
    const cleared = await asAdmin("PUT", `/api/lessons/${lesson.id}`, { available_at: null });
    expect(cleared.body).toMatchObject({ available_at: null, available_after_days: null });
    expect((await asAdmin("POST", `/api/courses/${courseId}/lessons`, { title: "x", available_after_days: -1 })).status).toBe(400);
  });
});
