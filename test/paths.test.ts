import { beforeAll, describe, expect, it } from "vitest";
import { useTestApi, type ApiResponse } from "./support/api";
import { givenUser, signIn } from "./support/users";

/** Learning paths (issue 17): admins group courses in an order; students see the paths they can follow, with progress. */
const api = useTestApi();
let adminToken: string;
const asAdmin = (method: string, path: string, body?: unknown) => api.request(method, path, { token: adminToken, body });
type As = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

beforeAll(async () => {
  adminToken = (await signIn(api, await givenUser("ADMIN"))).access_token;
});

/** A course with `lessons` active lessons; returns its id and its lessons' ids. */
async function course(title: string, lessons: number, isActive = true): Promise<{ id: string; lessons: string[] }> {
  const created = await asAdmin("POST", "/api/courses", { title, description: "d", is_active: isActive });
  expect(created.status).toBe(201);
  const ids: string[] = [];
  for (let n = 1; n <= lessons; n += 1) {
    const lesson = await asAdmin("POST", `/api/courses/${created.body.id}/lessons`, { title: `${title} ${n}`, order: n });
    expect(lesson.status).toBe(201);
    ids.push(lesson.body.id);
  }
  return { id: created.body.id, lessons: ids };
}

async function student(grant: { enrolledIn?: string[]; member?: boolean } = {}): Promise<As> {
  const user = await givenUser("USER");
  for (const courseId of grant.enrolledIn ?? []) expect((await asAdmin("POST", "/api/enrollments", { user_id: user.id, course_id: courseId })).status).toBe(201);
  if (grant.member) expect((await asAdmin("POST", "/api/memberships", { user_id: user.id, start_date: hoursFromNow(-1), end_date: hoursFromNow(24) })).status).toBe(201);
  const token = (await signIn(api, user)).access_token;
  return (method, path, body) => api.request(method, path, { token, body });
}

async function createPath(body: Record<string, unknown>): Promise<string> {
  const response = await asAdmin("POST", "/api/paths", { description: "Del bizcocho al entremet", ...body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id;
}

const idsOf = (response: ApiResponse): string[] => response.body.items.map((path: { id: string }) => path.id);

function expectProblem(response: ApiResponse, status: number, detail?: RegExp) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  if (detail) expect(response.body.detail).toMatch(detail);
}

describe("learning paths", () => {
  it("a student lists the active paths holding a course they can open, and only the courses they can see", async () => {
    const [basics, creams, hidden, other] = [await course("Bases", 2), await course("Cremas", 1), await course("Borrador", 1, false), await course("Panes", 1)];
    const theirs = await createPath({ title: "Pastelería", course_ids: [basics.id, hidden.id, creams.id] });
    const notTheirs = await createPath({ title: "Panadería", course_ids: [other.id] });
    const draft = await createPath({ title: "Borrador", course_ids: [basics.id], is_active: false });
    const as = await student({ enrolledIn: [basics.id] });

    const listed = await as("GET", "/api/paths");
    expect(listed.status).toBe(200);
    expect(idsOf(listed)).toContain(theirs);
    expect(idsOf(listed)).not.toContain(notTheirs);
    expect(idsOf(listed)).not.toContain(draft);
    const path = listed.body.items.find((item: { id: string }) => item.id === theirs);
    // The inactive course is in the path but not shown to a student; the order is the path's.
    expect(path.courses.map((c: { id: string; can_open: boolean }) => [c.id, c.can_open])).toEqual([
      [basics.id, true],
      [creams.id, false],
    ]);
    expect(path.course_ids).toEqual([basics.id, hidden.id, creams.id]);

    expectProblem(await as("GET", `/api/paths/${notTheirs}`), 404, /no learning path/);
    expectProblem(await as("GET", `/api/paths/${draft}`), 404);
    expect((await as("GET", `/api/paths/${theirs}`)).status).toBe(200);

    // Without any grant, nothing; with a membership, every active path of active courses.
    expect(idsOf(await (await student())("GET", "/api/paths"))).toEqual([]);
    const member = await (await student({ member: true }))("GET", "/api/paths");
    expect(idsOf(member)).toEqual(expect.arrayContaining([theirs, notTheirs]));
    expect(idsOf(member)).not.toContain(draft);
    // Admins see every path, drafts and inactive courses included.
    const admin = await asAdmin("GET", `/api/paths/${theirs}`);
    expect(admin.body.courses.map((c: { id: string }) => c.id)).toEqual([basics.id, hidden.id, creams.id]);
    expect(idsOf(await asAdmin("GET", "/api/paths"))).toEqual(expect.arrayContaining([theirs, notTheirs, draft]));
  });

  it("progress across the path follows the student's completed lessons, course by course", async () => {
    const [first, second] = [await course("Masas", 2), await course("Glaseados", 2)];
    const pathId = await createPath({ title: "Ruta", course_ids: [first.id, second.id] });
    const as = await student({ member: true });

    const before = (await as("GET", `/api/paths/${pathId}`)).body;
    expect(before.progress).toEqual({ total_courses: 2, completed_courses: 0, total_lessons: 4, completed_lessons: 0, progress_percentage: 0, is_completed: false, next_course_id: first.id });

    for (const lessonId of first.lessons) expect((await as("PUT", `/api/lessons/${lessonId}/complete`, { completed: true })).status).toBe(200);
    expect((await as("PUT", `/api/lessons/${second.lessons[0]}/complete`, { completed: true })).status).toBe(200);

    const after = (await as("GET", `/api/paths/${pathId}`)).body;
    expect(after.progress).toEqual({ total_courses: 2, completed_courses: 1, total_lessons: 4, completed_lessons: 3, progress_percentage: 75, is_completed: false, next_course_id: second.id });
    expect(after.courses.map((c: { completed_lessons: number; is_completed: boolean }) => [c.completed_lessons, c.is_completed])).toEqual([
      [2, true],
      [1, false],
    ]);
    // The list says the same as the path itself.
    const listed = (await as("GET", "/api/paths")).body.items.find((item: { id: string }) => item.id === pathId);
    expect(listed.progress).toEqual(after.progress);

    expect((await as("PUT", `/api/lessons/${second.lessons[1]}/complete`, { completed: true })).status).toBe(200);
    const done = (await as("GET", `/api/paths/${pathId}`)).body.progress;
    expect(done).toMatchObject({ completed_courses: 2, completed_lessons: 4, progress_percentage: 100, is_completed: true, next_course_id: null });
  });

  it("admins create, reorder, rename and delete; the courses stay, and a deleted course drops out", async () => {
    const [a, b, c] = [await course("A", 1), await course("B", 1), await course("C", 1)];
    const pathId = await createPath({ title: "Orden", course_ids: [a.id, b.id] });

    const reordered = await asAdmin("PUT", `/api/paths/${pathId}`, { course_ids: [c.id, a.id, b.id] });
    expect(reordered.status).toBe(200);
    expect(reordered.body.courses.map((course: { id: string }) => course.id)).toEqual([c.id, a.id, b.id]);
    const renamed = await asAdmin("PUT", `/api/paths/${pathId}`, { title: "Otro nombre" });
    expect(renamed.body).toMatchObject({ title: "Otro nombre", description: "Del bizcocho al entremet", is_active: true, course_ids: [c.id, a.id, b.id] });

    expect((await asAdmin("DELETE", `/api/courses/${a.id}`)).status).toBe(204);
    const afterDelete = await asAdmin("GET", `/api/paths/${pathId}`);
    expect(afterDelete.body.courses.map((course: { id: string }) => course.id)).toEqual([c.id, b.id]);

    expect((await asAdmin("DELETE", `/api/paths/${pathId}`)).status).toBe(204);
    expectProblem(await asAdmin("GET", `/api/paths/${pathId}`), 404);
    expectProblem(await asAdmin("DELETE", `/api/paths/${pathId}`), 404);
    expectProblem(await asAdmin("PUT", `/api/paths/${pathId}`, { title: "x" }), 404);
    expect((await asAdmin("GET", `/api/courses/${b.id}`)).status).toBe(200);
  });

  it("refuses a path of unknown, repeated or no courses with a 400 naming the field, and stores nothing", async () => {
    const real = await course("Real", 1);
    const unknown = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
    const before = idsOf(await asAdmin("GET", "/api/paths")).length;

    const missing = await asAdmin("POST", "/api/paths", { title: "Mala", course_ids: [real.id, unknown] });
    expectProblem(missing, 400, /courses that exist/);
    expect(missing.body.errors).toEqual([{ path: "body.course_ids", message: `there is no course with id ${unknown}` }]);
    const twice = await asAdmin("POST", "/api/paths", { title: "Mala", course_ids: [real.id, real.id] });
    expectProblem(twice, 400);
    expect(twice.body.errors[0].path).toBe("body.course_ids");
    expectProblem(await asAdmin("POST", "/api/paths", { title: "Mala", course_ids: [] }), 400);
    expect(idsOf(await asAdmin("GET", "/api/paths"))).toHaveLength(before);

    const pathId = await createPath({ title: "Buena", course_ids: [real.id] });
    expectProblem(await asAdmin("PUT", `/api/paths/${pathId}`, { course_ids: [unknown] }), 400, /courses that exist/);
    expectProblem(await asAdmin("PUT", `/api/paths/${pathId}`, {}), 400);
    expect((await asAdmin("GET", `/api/paths/${pathId}`)).body.course_ids).toEqual([real.id]);
  });

  it("costs a known number of DynamoDB requests, whatever the number of paths", async () => {
    const [a, b] = [await course("Uno", 1), await course("Dos", 1)];
    const pathId = await createPath({ title: "Medida", course_ids: [a.id, b.id] });
    await createPath({ title: "Medida 2", course_ids: [b.id] });
    const as = await student({ enrolledIn: [a.id] });

    // caller; paths Query ‖ progress Query ‖ access Query; BatchGet of the courses.
    expect((await as("GET", "/api/paths")).dynamoRequests).toBe(5);
    // caller; GetItem ‖ progress Query ‖ access Query; BatchGet.
    expect((await as("GET", `/api/paths/${pathId}`)).dynamoRequests).toBe(5);
    // Admins need no access Query.
    expect((await asAdmin("GET", "/api/paths")).dynamoRequests).toBe(4);
    // caller; BatchGet ‖ progress Query; PutItem.
    const created = await asAdmin("POST", "/api/paths", { title: "Nueva", course_ids: [a.id] });
    expect(created.dynamoRequests).toBe(4);
    // caller; BatchGet ‖ progress Query; UpdateItem — or caller; progress Query; UpdateItem; BatchGet.
    expect((await asAdmin("PUT", `/api/paths/${created.body.id}`, { course_ids: [b.id, a.id] })).dynamoRequests).toBe(4);
    expect((await asAdmin("PUT", `/api/paths/${created.body.id}`, { title: "Renombrada" })).dynamoRequests).toBe(4);
    // caller; the audit stamp of the deletion (core/audit/stamp.ts: one UpdateItem per deleted item); DeleteItem.
    const removed = await asAdmin("DELETE", `/api/paths/${created.body.id}`);
    expect(removed.dynamoCommands).toEqual(["GetItem", "UpdateItem", "DeleteItem"]);
  });
});
