import { afterEach, describe, expect, it } from "vitest";
import { clock } from "../core/clock";
import { useTestApi, type ApiResponse } from "./support/api";
import { givenUser, signIn, type TestUser } from "./support/users";
import { workers } from "./support/runtime";
import { handler as countActivity } from "../functions/dashboard/count-activity";
import type { Context, DynamoDBStreamEvent } from "aws-lambda";

/** This file has its own table (test/setup-bindings.ts), so every figure below is exact. */
const api = useTestApi();
const realNow = clock.now;
afterEach(() => {
  clock.now = realNow;
});

type As = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;
async function person(role: "ADMIN" | "USER" = "USER"): Promise<{ user: TestUser; as: As }> {
  const user = await givenUser(role);
  const token = (await signIn(api, user)).access_token;
  return { user, as: (method, path, body) => api.request(method, path, { token, body }) };
}
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

async function ok(response: Promise<ApiResponse>, status = 200): Promise<ApiResponse> {
  const settled = await response;
  expect(settled.status, JSON.stringify(settled.body)).toBe(status);
  return settled;
}

describe("dashboards", () => {
  it("stats, my-courses and my-progress are exact after a scripted sequence", async () => {
    const { as: admin } = await person("ADMIN");
    const [ana, bea, carla, dani] = [await person(), await person(), await person(), await person()];

    const course = async (title: string, isActive = true) =>
      (await ok(admin("POST", "/api/courses", { title, description: "d", is_active: isActive }), 201)).body.id as string;
    const lesson = async (courseId: string) => (await ok(admin("POST", `/api/courses/${courseId}/lessons`, { title: "L" }), 201)).body.id as string;
    const tartas = await course("Tartas");
    const panes = await course("Panes");
    await course("Borrador", false);
    const [t1, t2] = [await lesson(tartas), await lesson(tartas)];
    const p1 = await lesson(panes);

    const anaEnrollment = hoursFromNow(24 * 30);
    await ok(admin("POST", "/api/enrollments", { user_id: ana.user.id, course_id: tartas, expires_at: anaEnrollment }), 201);
    await ok(admin("POST", "/api/enrollments", { user_id: bea.user.id, course_id: tartas, expires_at: hoursFromNow(1) }), 201);
    await ok(admin("POST", "/api/enrollments", { user_id: bea.user.id, course_id: panes }), 201);
    const carlaEnds = hoursFromNow(24 * 7);
    await ok(admin("POST", "/api/memberships", { user_id: carla.user.id, start_date: hoursFromNow(-1), end_date: carlaEnds }), 201);
    await ok(admin("POST", "/api/memberships", { user_id: dani.user.id, start_date: hoursFromNow(-48), end_date: hoursFromNow(-24) }), 201);

    await ok(ana.as("PUT", `/api/lessons/${t1}/complete`, { completed: true }));
    await ok(ana.as("PUT", `/api/lessons/${t2}/complete`, { completed: true }));
    await ok(ana.as("PUT", `/api/lessons/${t2}/complete`, { completed: true })); // a repeat counts once
    await ok(bea.as("PUT", `/api/lessons/${p1}/complete`, { completed: true }));
    await ok(carla.as("PUT", `/api/lessons/${t1}/complete`, { completed: true }));
    await ok(carla.as("PUT", `/api/lessons/${t1}/complete`, { completed: false })); // and an undo uncounts it
    await ok(carla.as("POST", `/api/lessons/${p1}/progress`, { last_watched_position: 30 }));

    const thread = (await ok(ana.as("POST", `/api/courses/${tartas}/comments`, { content: "¡Hola!" }), 201)).body.id;
    await ok(bea.as("POST", `/api/comments/${thread}/reply`, { content: "¡Hola, Ana!" }), 201);
    const removed = (await ok(carla.as("POST", `/api/courses/${panes}/comments`, { content: "Borrar" }), 201)).body.id;
    await ok(carla.as("DELETE", `/api/comments/${removed}`), 204);
    await ok(admin("DELETE", `/api/users/${dani.user.id}`), 204);

    const stats = await ok(admin("GET", "/api/dashboard/stats"));
    expect(stats.body).toMatchObject({
      users: { total: 5, active: 4 },
      courses: { total: 3, active: 2 },
      active_enrollments: 3,
      active_memberships: 1,
      lesson_completions: 3,
      comments_last_7_days: 2,
    });
    expect(stats.dynamoCommands).not.toContain("Scan");

    // Bea's Tartas enrollment expires; a week later the comments are no longer recent.
    clock.now = () => new Date(Date.now() + 2 * 3_600_000);
    expect((await ok(admin("GET", "/api/dashboard/stats"))).body).toMatchObject({ active_enrollments: 2, comments_last_7_days: 2 });
    clock.now = () => new Date(Date.now() + 8 * 24 * 3_600_000);
    expect((await ok(admin("GET", "/api/dashboard/stats"))).body).toMatchObject({ active_memberships: 0, comments_last_7_days: 0 });
    clock.now = realNow;

    const anas = await ok(ana.as("GET", "/api/dashboard/my-courses"));
    expect(anas.body.items).toEqual([
      expect.objectContaining({
        id: tartas,
        total_lessons: 2,
        completed_lessons: 2,
        progress_percentage: 100,
        is_completed: true,
        user_enrolled_at: expect.any(String),
        access: { via: "enrollment", ends_at: anaEnrollment },
      }),
    ]);
    // Caller, grants ‖ progress, then one BatchGet of the courses: bounded, whatever the number of courses.
    expect(anas.dynamoCommands.sort()).toEqual(["BatchGetItem", "GetItem", "Query", "Query"]);

    const carlas = await ok(carla.as("GET", "/api/dashboard/my-courses"));
    expect(carlas.body.items.map((item: { id: string }) => item.id).sort()).toEqual([tartas, panes].sort());
    expect(carlas.body.items.every((item: { access: { via: string; ends_at: string } }) => item.access.via === "membership" && item.access.ends_at === carlaEnds)).toBe(true);
    expect(carlas.dynamoCommands.sort()).toEqual(["GetItem", "Query", "Query", "Query"]);

    expect((await ok(bea.as("GET", "/api/dashboard/my-progress"))).body).toEqual({
      courses_total: 2,
      courses_completed: 1,
      courses_in_progress: 0,
      courses_not_started: 1,
      lessons_total: 3,
      lessons_completed: 1,
      progress_percentage: 33.3,
      last_activity: expect.any(String),
    });
    expect((await ok(carla.as("GET", "/api/dashboard/my-progress"))).body).toMatchObject({
      courses_total: 2,
      courses_completed: 0,
      courses_in_progress: 2,
      courses_not_started: 0,
      lessons_completed: 0,
    });
  });
});

describe("the activity chart's daily counts (GET /api/dashboard/activity)", () => {
  type Counts = { date: string; new_users: number; new_enrollments: number; lesson_completions: number; comments: number };
  const today = () => new Date().toISOString().slice(0, 10);
  async function todays(admin: As) {
    await workers().settle();
    const response = await ok(admin("GET", "/api/dashboard/activity?days=7"));
    // The caller's user (the token check), then one Query over the date range.
    expect(response.dynamoRequests).toBe(2);
    expect(response.dynamoCommands).toEqual(["GetItem", "Query"]);
    const days = response.body.days as { date: string }[];
    expect(days).toHaveLength(7);
    expect(days.at(-1)!.date).toBe(today());
    return days.at(-1) as unknown as Counts;
  }

  it("counts a scripted sequence exactly, every day present, zeros included", async () => {
    const { as: admin } = await person("ADMIN");
    const before = await todays(admin);
    const [ana, bea] = [await person(), await person()];
    const courseId = (await ok(admin("POST", "/api/courses", { title: "Actividad", description: "d" }), 201)).body.id as string;
    const lessonId = (await ok(admin("POST", `/api/courses/${courseId}/lessons`, { title: "L" }), 201)).body.id as string;
    await ok(admin("POST", "/api/enrollments", { user_id: ana.user.id, course_id: courseId }), 201);
    await ok(admin("POST", "/api/enrollments", { user_id: bea.user.id, course_id: courseId }), 201);
    await ok(ana.as("POST", `/api/lessons/${lessonId}/progress`, { last_watched_position: 10 })); // a position, not a completion
    await ok(ana.as("PUT", `/api/lessons/${lessonId}/complete`, { completed: true }));
    await ok(ana.as("PUT", `/api/lessons/${lessonId}/complete`, { completed: true })); // already completed
    await ok(ana.as("POST", `/api/lessons/${lessonId}/progress`, { last_watched_position: 20 }));
    const thread = (await ok(ana.as("POST", `/api/courses/${courseId}/comments`, { content: "Hola" }), 201)).body.id;
    await ok(bea.as("POST", `/api/comments/${thread}/reply`, { content: "Hola, Ana" }), 201);

    const after = await todays(admin);
    expect(after).toEqual({
      date: today(),
      new_users: before.new_users + 2,
      new_enrollments: before.new_enrollments + 2,
      lesson_completions: before.lesson_completions + 1,
      comments: before.comments + 2,
    });
    const days = (await ok(admin("GET", "/api/dashboard/activity"))).body.days as Record<string, number | string>[];
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({ date: new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10), new_users: 0, new_enrollments: 0, lesson_completions: 0, comments: 0 });
  });

  it("a redelivered stream record counts once", async () => {
    const { as: admin } = await person("ADMIN");
    const before = await todays(admin);
    const record = {
      eventID: `redelivered-${Date.now()}`,
      eventName: "INSERT" as const,
      dynamodb: { NewImage: { __edb_e__: { S: "comment" } }, ApproximateCreationDateTime: Date.now() / 1000, SequenceNumber: "1" },
    };
    const event = { Records: [record] } as DynamoDBStreamEvent;
    expect(await countActivity(event, {} as Context)).toEqual({ batchItemFailures: [] });
    expect(await countActivity(event, {} as Context)).toEqual({ batchItemFailures: [] });
    expect((await todays(admin)).comments).toBe(before.comments + 1);
  });

  it("days out of 1..90 is a 400 problem; a student gets 403", async () => {
    const { as: admin } = await person("ADMIN");
    for (const days of ["0", "91", "x", "1.5"]) {
      const response = await admin("GET", `/api/dashboard/activity?days=${days}`);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
    expect((await ok(admin("GET", "/api/dashboard/activity?days=90"))).body.days).toHaveLength(90);
    const student = await person();
    expect((await student.as("GET", "/api/dashboard/activity")).status).toBe(403);
  });
});
