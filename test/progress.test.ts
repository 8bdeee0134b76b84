import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { clock } from "../core/clock";
import { db } from "../core/db/service";
import { newId } from "../core/ids";
import { useTestApi, type ApiResponse } from "./support/api";
import { givenUser, signIn, type TestUser } from "./support/users";

const api = useTestApi();
const realNow = clock.now;
afterEach(() => {
  clock.now = realNow;
});

let admin: TestUser;
let adminToken: string;

beforeAll(async () => {
  admin = await givenUser("ADMIN");
  adminToken = (await signIn(api, admin)).access_token;
});

const asAdmin = (method: string, path: string, body?: unknown) => api.request(method, path, { token: adminToken, body });
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

function expectProblem(response: ApiResponse, status: number, detail?: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  if (detail) expect(response.body.detail).toMatch(detail);
}

async function createCourse(): Promise<string> {
  const response = await asAdmin("POST", "/api/courses", { title: "Masas quebradas", description: "d" });
  expect(response.status).toBe(201);
  return response.body.id;
}

async function addLesson(courseId: string, body: Record<string, unknown> = {}): Promise<string> {
  const response = await asAdmin("POST", `/api/courses/${courseId}/lessons`, { title: "Lección", ...body });
  expect(response.status).toBe(201);
  return response.body.id;
}

async function enroll(userId: string, courseId: string, expiresAt?: string): Promise<string> {
  const response = await asAdmin("POST", "/api/enrollments", { user_id: userId, course_id: courseId, ...(expiresAt ? { expires_at: expiresAt } : {}) });
  expect(response.status).toBe(201);
  return response.body.id;
}

async function student(): Promise<{ user: TestUser; as: (method: string, path: string, body?: unknown) => Promise<ApiResponse> }> {
  const user = await givenUser("USER");
  const token = (await signIn(api, user)).access_token;
  return { user, as: (method, path, body) => api.request(method, path, { token, body }) };
}

const complete = (as: Awaited<ReturnType<typeof student>>["as"], lessonId: string, completed = true) =>
  as("PUT", `/api/lessons/${lessonId}/complete`, { completed });

describe("recording progress", () => {
  it("saves the position and completion, and every lesson response shows them to their owner only", async () => {
    const courseId = await createCourse();
    const lessonId = await addLesson(courseId);
    const ana = await student();
    const bea = await student();
    await enroll(ana.user.id, courseId);
    await enroll(bea.user.id, courseId);

    const saved = await ana.as("POST", `/api/lessons/${lessonId}/progress`, { last_watched_position: 95 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ lesson_id: lessonId, course_id: courseId, completed: false, last_watched_position: 95, completed_at: null });
    // Caller, lesson by id, course ‖ access, the transaction, the read back.
    expect(saved.dynamoCommands.sort()).toEqual(["GetItem", "GetItem", "GetItem", "Query", "Query", "TransactWriteItems"]);

    const done = await complete(ana.as, lessonId);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ completed: true, last_watched_position: 95, completed_at: expect.any(String) });

    const lesson = await ana.as("GET", `/api/lessons/${lessonId}`);
    expect(lesson.body).toMatchObject({ user_completed: true, user_last_position: 95, user_completed_at: done.body.completed_at });
    const list = await ana.as("GET", `/api/courses/${courseId}/lessons`);
    expect(list.body.items[0]).toMatchObject({ id: lessonId, user_completed: true, user_last_position: 95 });
    const page = await ana.as("GET", `/api/courses/${courseId}`);
    expect(page.body.lessons[0]).toMatchObject({ id: lessonId, user_completed: true, user_last_position: 95 });

    const other = await bea.as("GET", `/api/lessons/${lessonId}`);
    expect(other.body).toMatchObject({ user_completed: false, user_last_position: null, user_completed_at: null });
  });

  it("un-completes a lesson, and repeating either call changes nothing", async () => {
    const courseId = await createCourse();
    const lessonId = await addLesson(courseId);
    const ana = await student();
    await enroll(ana.user.id, courseId);

    const first = await complete(ana.as, lessonId);
    const again = await complete(ana.as, lessonId);
    expect(again.status).toBe(200);
    expect(again.body.completed_at).toBe(first.body.completed_at);

    const undone = await complete(ana.as, lessonId, false);
    expect(undone.body).toMatchObject({ completed: false, completed_at: null });
    expect((await complete(ana.as, lessonId, false)).body).toMatchObject({ completed: false, completed_at: null });
    expect((await ana.as("GET", `/api/lessons/${lessonId}`)).body).toMatchObject({ user_completed: false, user_completed_at: null });
  });

  it("refuses a position past the end of the video, a negative one, and a missing one, with the field named", async () => {
    const courseId = await createCourse();
    const lessonId = await addLesson(courseId);
    await db().entities.lesson.patch({ course_id: courseId, lesson_id: lessonId }).set({ video_duration: 600 }).go();
    const ana = await student();
    await enroll(ana.user.id, courseId);

    const past = await ana.as("POST", `/api/lessons/${lessonId}/progress`, { last_watched_position: 601 });
    expectProblem(past, 400, /600 seconds long/);
    expect(past.body.errors).toEqual([{ path: "body.last_watched_position", message: "must be at most 600" }]);
    expect((await ana.as("POST", `/api/lessons/${lessonId}/progress`, { last_watched_position: 600 })).status).toBe(200);
    expectProblem(await ana.as("POST", `/api/lessons/${lessonId}/progress`, { last_watched_position: -1 }), 400);
    expectProblem(await ana.as("POST", `/api/lessons/${lessonId}/progress`, { last_watched_position: 1.5 }), 400);
    expectProblem(await ana.as("POST", `/api/lessons/${lessonId}/progress`, {}), 400);
    expectProblem(await ana.as("PUT", `/api/lessons/${lessonId}/complete`, { completed: "yes" }), 400);
  });

  it("lets anyone signed in record progress in a preview lesson, and nobody without access in the others", async () => {
    const courseId = await createCourse();
    const preview = await addLesson(courseId, { is_preview: true });
    const locked = await addLesson(courseId);
    const visitor = await student();

    expect((await visitor.as("POST", `/api/lessons/${preview}/progress`, { last_watched_position: 10 })).status).toBe(200);
    expect((await complete(visitor.as, preview)).status).toBe(200);
    expectProblem(await visitor.as("POST", `/api/lessons/${locked}/progress`, { last_watched_position: 10 }), 403);
    expectProblem(await complete(visitor.as, locked), 403);
    expectProblem(await visitor.as("GET", `/api/courses/${courseId}/progress`), 403);
  });

  it("a student whose enrollment expired keeps their history (the admin still sees it) but cannot write progress", async () => {
    const courseId = await createCourse();
    const lessonId = await addLesson(courseId);
    await addLesson(courseId);
    const ana = await student();
    const expiresAt = hoursFromNow(1);
    await enroll(ana.user.id, courseId, expiresAt);
    await complete(ana.as, lessonId);

    clock.now = () => new Date(Date.parse(expiresAt) + 1000);
    expectProblem(await ana.as("POST", `/api/lessons/${lessonId}/progress`, { last_watched_position: 5 }), 403);
    expectProblem(await complete(ana.as, lessonId, false), 403);

    const course = await asAdmin("GET", `/api/courses/${courseId}/progress`);
    expect(course.status).toBe(200);
    expect(course.body.students).toEqual([
      expect.objectContaining({ user: expect.objectContaining({ id: ana.user.id }), completed_lessons: 1, total_lessons: 2, progress_percentage: 50 }),
    ]);
    const user = await asAdmin("GET", `/api/users/${ana.user.id}/progress`);
    expect(user.body.items).toEqual([expect.objectContaining({ course: expect.objectContaining({ id: courseId }), completed_lessons: 1, total_lessons: 2 })]);
  });

  it("refuses progress in an inactive lesson (404 for a student) and in a lesson that does not exist", async () => {
    const courseId = await createCourse();
    const hidden = await addLesson(courseId, { is_active: false });
    const ana = await student();
    await enroll(ana.user.id, courseId);
    expectProblem(await complete(ana.as, hidden), 404);
    expectProblem(await complete(ana.as, newId()), 404);
  });
});

describe("completion percentages", () => {
  it("count only active lessons, and stay right when lessons are added, deactivated, reactivated or deleted", async () => {
    const courseId = await createCourse();
    const [a, b, c] = [await addLesson(courseId, { order: 1 }), await addLesson(courseId, { order: 2 }), await addLesson(courseId, { order: 3 })];
    const ana = await student();
    await enroll(ana.user.id, courseId);
    const progress = async () => (await ana.as("GET", `/api/courses/${courseId}/progress`)).body;

    await complete(ana.as, a);
    expect(await progress()).toMatchObject({ total_lessons: 3, completed_lessons: 1, progress_percentage: 33.3, is_completed: false });

    const d = await addLesson(courseId, { order: 4 });
    expect(await progress()).toMatchObject({ total_lessons: 4, completed_lessons: 1, progress_percentage: 25 });

    expect((await asAdmin("PUT", `/api/lessons/${d}`, { is_active: false })).status).toBe(200);
    expect(await progress()).toMatchObject({ total_lessons: 3, completed_lessons: 1, progress_percentage: 33.3 });

    await complete(ana.as, b);
    expect((await asAdmin("PUT", `/api/lessons/${b}`, { is_active: false })).status).toBe(200);
    expect(await progress()).toMatchObject({ total_lessons: 2, completed_lessons: 1, progress_percentage: 50 });
    expect((await asAdmin("PUT", `/api/lessons/${b}`, { is_active: true })).status).toBe(200);
    expect(await progress()).toMatchObject({ total_lessons: 3, completed_lessons: 2, progress_percentage: 66.7 });

    expect((await asAdmin("DELETE", `/api/lessons/${a}`)).status).toBe(204);
    expect(await progress()).toMatchObject({ total_lessons: 2, completed_lessons: 1, progress_percentage: 50 });

    await complete(ana.as, c);
    const done = await progress();
    expect(done).toMatchObject({ total_lessons: 2, completed_lessons: 2, progress_percentage: 100, is_completed: true });
    expect(done.lessons.map((lesson: { lesson_id: string; completed: boolean }) => [lesson.lesson_id, lesson.completed])).toEqual([
      [b, true],
      [c, true],
    ]);

    // The dashboards read the same figures from the course item, without the lessons.
    const mine = await ana.as("GET", "/api/dashboard/my-courses");
    expect(mine.body.items).toEqual([expect.objectContaining({ id: courseId, total_lessons: 2, completed_lessons: 2, is_completed: true })]);
    await complete(ana.as, c, false);
    expect(await progress()).toMatchObject({ completed_lessons: 1, progress_percentage: 50, is_completed: false });
  });

  it("an admin sees every student of the course, enrolled or not yet started", async () => {
    const courseId = await createCourse();
    const lessonId = await addLesson(courseId);
    const ana = await student();
    const bea = await student();
    await enroll(ana.user.id, courseId);
    await enroll(bea.user.id, courseId);
    await complete(ana.as, lessonId);

    const response = await asAdmin("GET", `/api/courses/${courseId}/progress`);
    const byUser = Object.fromEntries(response.body.students.map((row: { user: { id: string } }) => [row.user.id, row]));
    expect(byUser[ana.user.id]).toMatchObject({ completed_lessons: 1, progress_percentage: 100, is_completed: true, last_activity: expect.any(String) });
    expect(byUser[bea.user.id]).toMatchObject({ completed_lessons: 0, progress_percentage: 0, is_completed: false, last_activity: null });
    expect(Object.keys(byUser)).toHaveLength(2);

    const own = await ana.as("GET", `/api/courses/${courseId}/progress`);
    expect(own.body.students).toBeNull();
  });

  it("deleting a course deletes its progress", async () => {
    const courseId = await createCourse();
    const lessonId = await addLesson(courseId);
    const ana = await student();
    await enroll(ana.user.id, courseId);
    await complete(ana.as, lessonId);
    expect((await asAdmin("GET", `/api/users/${ana.user.id}/progress`)).body.items).toHaveLength(1);

    expect((await asAdmin("DELETE", `/api/courses/${courseId}`)).status).toBe(204);
    expect((await asAdmin("GET", `/api/users/${ana.user.id}/progress`)).body.items).toEqual([]);
    const { data } = await db().entities.lessonProgress.query.byUser({ user_id: ana.user.id }).go();
    expect(data).toEqual([]);
  });
});
