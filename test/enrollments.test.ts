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
let student: TestUser;
let studentToken: string;

beforeAll(async () => {
  admin = await givenUser("ADMIN");
  adminToken = (await signIn(api, admin)).access_token;
  student = await givenUser("USER");
  studentToken = (await signIn(api, student)).access_token;
});

function expectProblem(response: ApiResponse, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.body).toMatchObject({ status, detail: expect.any(String) });
}

const asAdmin = (method: string, path: string, body?: unknown) => api.request(method, path, { token: adminToken, body });
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

async function createCourse(title = "Tartas de queso"): Promise<string> {
  const response = await asAdmin("POST", "/api/courses", { title, description: "Del horno a la mesa" });
  expect(response.status).toBe(201);
  return response.body.id;
}

/** A student who only needs to exist (never signs in): written straight to the table, without password hashing. */
async function storedStudent(): Promise<string> {
  const now = new Date().toISOString();
  const userId = newId();
  await db()
    .entities.user.create({ user_id: userId, email: `${userId.toLowerCase()}@example.com`, full_name: "Alumna", password_hash: "unusable", created_at: now, updated_at: now })
    .go();
  return userId;
}

async function enroll(userId: string, courseId: string, expiresAt?: string): Promise<string> {
  const response = await asAdmin("POST", "/api/enrollments", { user_id: userId, course_id: courseId, ...(expiresAt ? { expires_at: expiresAt } : {}) });
  expect(response.status).toBe(201);
  return response.body.id;
}

async function enrolledCount(courseId: string): Promise<number | undefined> {
  return (await db().entities.course.get({ course_id: courseId }).go({ consistent: true })).data?.enrolled_count;
}

const idsOf = (response: ApiResponse) => (response.body.items as { id: string }[]).map((item) => item.id).sort();

describe("POST /api/enrollments", () => {
  let courseId: string;
  beforeAll(async () => {
    courseId = await createCourse();
  });

  it("enrolls a user: 201 with the user and the course nested, and the course counts one more student", async () => {
    const response = await asAdmin("POST", "/api/enrollments", { user_id: student.id, course_id: courseId });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      user_id: student.id,
      course_id: courseId,
      enrolled_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      expires_at: null,
      is_active: true,
      granted_by: admin.id,
      user: expect.objectContaining({ id: student.id, email: student.email, role: "USER" }),
      course: expect.objectContaining({ id: courseId, title: "Tartas de queso", enrolled_count: 1 }),
    });
    expect(response.body.user).not.toHaveProperty("password_hash");
    expect(await enrolledCount(courseId)).toBe(1);
    // The caller, one transaction, then the user and the course side by side.
    expect(response.dynamoCommands).toEqual(["GetItem", "TransactWriteItems", "BatchGetItem", "BatchGetItem"]);
    // The enrollment opens the course to the student.
    expect((await api.request("GET", `/api/courses/${courseId}/recipes`, { token: studentToken })).status).toBe(200);
  });

  it("a second enrollment for the same user and course is a 409 and counts nothing", async () => {
    const response = await asAdmin("POST", "/api/enrollments", { user_id: student.id, course_id: courseId, expires_at: hoursFromNow(24) });
    expectProblem(response, 409);
    expect(response.body.detail).toMatch(/already enrolled/);
    expect(await enrolledCount(courseId)).toBe(1);
  });

  it("an unknown user or course is a 404 naming which, and nothing is written", async () => {
    const ghost = newId();
    const noUser = await asAdmin("POST", "/api/enrollments", { user_id: ghost, course_id: courseId });
    expectProblem(noUser, 404);
    expect(noUser.body.detail).toBe(`There is no user with id ${ghost}.`);
    const noCourse = await asAdmin("POST", "/api/enrollments", { user_id: student.id, course_id: ghost });
    expectProblem(noCourse, 404);
    expect(noCourse.body.detail).toBe(`There is no course with id ${ghost}.`);
    expect(await enrolledCount(courseId)).toBe(1);
    expect((await db().entities.course.get({ course_id: ghost }).go()).data).toBeNull();
  });

  it("expires_at must be in the future, with a time zone; it is kept in UTC", async () => {
    const user = await storedStudent();
    const past = await asAdmin("POST", "/api/enrollments", { user_id: user, course_id: courseId, expires_at: hoursFromNow(-1) });
    expectProblem(past, 400);
    expect(past.body.errors).toEqual([{ path: "body.expires_at", message: "must be in the future" }]);
    const noZone = await asAdmin("POST", "/api/enrollments", { user_id: user, course_id: courseId, expires_at: "2099-01-01T10:00:00" });
    expectProblem(noZone, 400);
    expect(noZone.body.errors).toEqual([{ path: "body.expires_at", message: expect.stringContaining("time zone") }]);

    const withOffset = await asAdmin("POST", "/api/enrollments", { user_id: user, course_id: courseId, expires_at: "2099-01-01T10:00:00-03:00" });
    expect(withOffset.status).toBe(201);
    expect(withOffset.body.expires_at).toBe("2099-01-01T13:00:00.000Z");
  });

  it("refuses malformed ids and unknown fields, naming each", async () => {
    const response = await asAdmin("POST", "/api/enrollments", { user_id: "nope", course_id: courseId, is_active: false });
    expectProblem(response, 400);
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(["body.is_active", "body.user_id"]);
  });

  it("20 concurrent enrollments in one course all succeed and the course counts exactly 20", async () => {
    const course = await createCourse("Concurrida");
    const users = await Promise.all(Array.from({ length: 20 }, () => storedStudent()));
    const responses = await Promise.all(users.map((user) => asAdmin("POST", "/api/enrollments", { user_id: user, course_id: course })));
    expect(responses.map((response) => response.status)).toEqual(users.map(() => 201));
    expect(await enrolledCount(course)).toBe(20);
  });
});

describe("GET /api/enrollments", () => {
  let courseA: string;
  let courseB: string;
  let ana: string;
  let berta: string;
  const ids = {} as Record<"anaA" | "anaB" | "bertaA", string>;

  beforeAll(async () => {
    [courseA, courseB, ana, berta] = await Promise.all([createCourse("A"), createCourse("B"), storedStudent(), storedStudent()]);
    ids.anaA = await enroll(ana, courseA);
    ids.anaB = await enroll(ana, courseB, hoursFromNow(2));
    ids.bertaA = await enroll(berta, courseA);
  });

  it("filters by user, by course, by both, or lists them all", async () => {
    expect(idsOf(await asAdmin("GET", `/api/enrollments?user_id=${ana}`))).toEqual([ids.anaA, ids.anaB].sort());
    expect(idsOf(await asAdmin("GET", `/api/enrollments?course_id=${courseA}`))).toEqual([ids.anaA, ids.bertaA].sort());
    const both = await asAdmin("GET", `/api/enrollments?user_id=${ana}&course_id=${courseB}`);
    expect(idsOf(both)).toEqual([ids.anaB]);
    expect(both.body.items[0]).toMatchObject({ user: { id: ana }, course: { id: courseB, title: "B" } });
    const all = await asAdmin("GET", "/api/enrollments?limit=100");
    expect(idsOf(all)).toEqual(expect.arrayContaining(Object.values(ids)));
    expect(idsOf(await asAdmin("GET", `/api/enrollments?user_id=${newId()}`))).toEqual([]);
  });

  it("active=true/false follows the clock: an enrollment stops being active when it expires", async () => {
    expect(idsOf(await asAdmin("GET", `/api/enrollments?user_id=${ana}&active=true`))).toEqual([ids.anaA, ids.anaB].sort());
    expect(idsOf(await asAdmin("GET", `/api/enrollments?user_id=${ana}&active=false`))).toEqual([]);

    const threeHoursLater = new Date(Date.now() + 3 * 3_600_000);
    clock.now = () => threeHoursLater;
    expect(idsOf(await asAdmin("GET", `/api/enrollments?user_id=${ana}&active=true`))).toEqual([ids.anaA]);
    expect(idsOf(await asAdmin("GET", `/api/enrollments?user_id=${ana}&active=false`))).toEqual([ids.anaB]);
  });

  it("pages with next_cursor; a cursor only works for the list and filters it came from", async () => {
    const first = await asAdmin("GET", `/api/enrollments?course_id=${courseA}&limit=1`);
    expect(first.body.items).toHaveLength(1);
    const cursor = encodeURIComponent(first.body.next_cursor);
    const second = await asAdmin("GET", `/api/enrollments?course_id=${courseA}&limit=1&cursor=${cursor}`);
    expect([...idsOf(first), ...idsOf(second)].sort()).toEqual([ids.anaA, ids.bertaA].sort());
    for (const other of [`course_id=${courseB}`, `course_id=${courseA}&active=true`, `user_id=${ana}`]) {
      const response = await asAdmin("GET", `/api/enrollments?${other}&limit=1&cursor=${cursor}`);
      expectProblem(response, 400);
      expect(response.body.errors).toEqual([{ path: "query.cursor", message: "is not a cursor of this list" }]);
    }
    const bad = await asAdmin("GET", "/api/enrollments?active=yes&course_id=nope");
    expectProblem(bad, 400);
    expect(bad.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(["query.active", "query.course_id"]);
  });

  it("a page costs the same few requests however many enrollments it holds: one Query and one BatchGet per entity", async () => {
    const course = await createCourse("Medida");
    const users = await Promise.all(Array.from({ length: 12 }, () => storedStudent()));
    for (const user of users) await enroll(user, course);
    const expected = ["BatchGetItem", "BatchGetItem", "GetItem", "Query"];
    const small = await asAdmin("GET", `/api/enrollments?course_id=${course}&limit=2`);
    const large = await asAdmin("GET", `/api/enrollments?course_id=${course}&limit=12`);
    expect(small.body.items).toHaveLength(2);
    expect(large.body.items).toHaveLength(12);
    expect(large.body.items.map((item: { user: { id: string } }) => item.user.id).sort()).toEqual([...users].sort());
    expect(small.dynamoCommands.sort()).toEqual(expected);
    expect(large.dynamoCommands.sort()).toEqual(expected);
    // One user in many courses: the BatchGet of users asks for each user once.
    const perUser = await asAdmin("GET", `/api/enrollments?user_id=${users[0]}`);
    expect(perUser.status).toBe(200);
    expect(perUser.dynamoCommands.sort()).toEqual(expected);
  });
});

describe("GET, PUT and DELETE /api/enrollments/{id}", () => {
  let courseId: string;
  let userId: string;
  let enrollmentId: string;

  beforeAll(async () => {
    [courseId, userId] = await Promise.all([createCourse("Individual"), storedStudent()]);
    enrollmentId = await enroll(userId, courseId, hoursFromNow(24));
  });

  it("GET answers the enrollment with its user and course; an unknown id is a 404, a malformed one a 400", async () => {
    const response = await asAdmin("GET", `/api/enrollments/${enrollmentId}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: enrollmentId, user_id: userId, course_id: courseId, is_active: true, user: { id: userId }, course: { id: courseId } });
    expect(response.dynamoCommands.sort()).toEqual(["BatchGetItem", "BatchGetItem", "GetItem", "Query"]);
    const unknown = newId();
    for (const [method, body] of [["GET"], ["PUT", { is_active: false }], ["DELETE"]] as const) {
      const missing = await asAdmin(method, `/api/enrollments/${unknown}`, body);
      expectProblem(missing, 404);
      expect(missing.body.detail).toBe(`There is no enrollment with id ${unknown}.`);
      expectProblem(await asAdmin(method, "/api/enrollments/123", body), 400);
    }
  });

  it("PUT expires_at=now ends access at once; a later date extends it; null removes the end", async () => {
    const now = new Date();
    clock.now = () => now;
    const ended = await asAdmin("PUT", `/api/enrollments/${enrollmentId}`, { expires_at: now.toISOString() });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ id: enrollmentId, expires_at: now.toISOString(), is_active: true, course: { id: courseId } });
    expect(ended.dynamoCommands.sort()).toEqual(["BatchGetItem", "BatchGetItem", "GetItem", "Query", "UpdateItem"]);
    expect(idsOf(await asAdmin("GET", `/api/enrollments?user_id=${userId}&active=false`))).toEqual([enrollmentId]);
    expect(idsOf(await asAdmin("GET", `/api/enrollments?user_id=${userId}&active=true`))).toEqual([]);

    const extended = await asAdmin("PUT", `/api/enrollments/${enrollmentId}`, { expires_at: "2099-06-01T00:00:00+02:00" });
    expect(extended.body.expires_at).toBe("2099-05-31T22:00:00.000Z");
    expect(idsOf(await asAdmin("GET", `/api/enrollments?user_id=${userId}&active=true`))).toEqual([enrollmentId]);

    const unlimited = await asAdmin("PUT", `/api/enrollments/${enrollmentId}`, { expires_at: null });
    expect(unlimited.body.expires_at).toBeNull();
    expect((await asAdmin("GET", `/api/enrollments/${enrollmentId}`)).body.expires_at).toBeNull();
  });

  it("PUT is_active=false switches it off without touching the dates; an empty body or unknown field is a 400", async () => {
    const off = await asAdmin("PUT", `/api/enrollments/${enrollmentId}`, { is_active: false });
    expect(off.status).toBe(200);
    expect(off.body.is_active).toBe(false);
    expect(idsOf(await asAdmin("GET", `/api/enrollments?user_id=${userId}&active=false`))).toEqual([enrollmentId]);
    expect((await asAdmin("PUT", `/api/enrollments/${enrollmentId}`, { is_active: true })).body.is_active).toBe(true);

    expectProblem(await asAdmin("PUT", `/api/enrollments/${enrollmentId}`, {}), 400);
    const unknown = await asAdmin("PUT", `/api/enrollments/${enrollmentId}`, { course_id: courseId });
    expectProblem(unknown, 400);
    expect(unknown.body.errors).toContainEqual({ path: "body.course_id", message: "is not a known field" });
  });

  it("DELETE revokes: 204, the course counts one less, and the enrollment is gone", async () => {
    const course = await createCourse("Revocable");
    const user = await storedStudent();
    const id = await enroll(user, course);
    expect(await enrolledCount(course)).toBe(1);

    const response = await asAdmin("DELETE", `/api/enrollments/${id}`);
    expect(response.status).toBe(204);
    expect(response.body).toBe("");
    // The UpdateItem marks the enrollment for the audit log before its deletion (core/audit/stamp.ts).
    expect(response.dynamoCommands).toEqual(["GetItem", "Query", "UpdateItem", "TransactWriteItems"]);
    expect(await enrolledCount(course)).toBe(0);
    expectProblem(await asAdmin("GET", `/api/enrollments/${id}`), 404);
    expectProblem(await asAdmin("DELETE", `/api/enrollments/${id}`), 404);
    expect(await enrolledCount(course)).toBe(0);
    // The pair is free again.
    await enroll(user, course);
    expect(await enrolledCount(course)).toBe(1);
  });
});

describe("an enrollment that outlived its course", () => {
  it("can still be revoked: a course deletion that missed it (gsi2 lagging) leaves nothing undeletable", async () => {
    const course = await createCourse("Borrado a medias");
    const user = await storedStudent();
    const id = await enroll(user, course);
    // What a cascade leaves when gsi2 has not shown it this enrollment yet: the course item gone, the enrollment kept.
    await db().entities.course.delete({ course_id: course }).go();

    const response = await asAdmin("DELETE", `/api/enrollments/${id}`);
    expect(response.status).toBe(204);
    expectProblem(await asAdmin("GET", `/api/enrollments/${id}`), 404);
    const { data } = await db().entities.enrollment.get({ user_id: user, course_id: course }).go();
    expect(data).toBeNull();
  });
});

describe("who may call", () => {
  it("a student gets 403 on every enrollment route, even for their own enrollment", async () => {
    const course = await createCourse("Propia");
    const own = await enroll(student.id, course);
    for (const [method, path, body] of [
      ["GET", "/api/enrollments"],
      ["POST", "/api/enrollments", { user_id: student.id, course_id: course }],
      ["GET", `/api/enrollments/${own}`],
      ["PUT", `/api/enrollments/${own}`, { expires_at: null }],
      ["DELETE", `/api/enrollments/${own}`],
    ] as const) {
      expectProblem(await api.request(method, path, { token: studentToken, body }), 403);
    }
    expect((await asAdmin("GET", `/api/enrollments/${own}`)).status).toBe(200);
  });
});
