import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { clock } from "../core/clock";
import { db } from "../core/db/service";
import { newId } from "../core/ids";
import { useTestApi } from "./support/api";
import { givenUser, signIn, type TestUser } from "./support/users";

const api = useTestApi();
const realNow = clock.now;
afterEach(() => {
  clock.now = realNow;
});

let admin: string;
let student: TestUser;
let studentToken: string;

beforeAll(async () => {
  admin = (await signIn(api, await givenUser("ADMIN"))).access_token;
  student = await givenUser("USER");
  studentToken = (await signIn(api, student)).access_token;
});

async function createCourse(body: Record<string, unknown> = {}) {
  const response = await api.request("POST", "/api/courses", {
    token: admin,
    body: { title: "Tartas de queso", description: "Del horno a la mesa", ...body },
  });
  expect(response.status).toBe(201);
  return response.body as { id: string; title: string };
}

async function addLesson(courseId: string, body: Record<string, unknown>) {
  const response = await api.request("POST", `/api/courses/${courseId}/lessons`, { token: admin, body: { title: "Lección", ...body } });
  expect(response.status).toBe(201);
  return response.body as { id: string };
}

async function addRecipe(courseId: string, body: Record<string, unknown>) {
  const response = await api.request("POST", `/api/courses/${courseId}/recipes`, { token: admin, body: { title: "Receta", ...body } });
  expect(response.status).toBe(201);
  return response.body as { id: string };
}

/** Enrollment written straight to the table: this file tests courses, not the enrollment endpoints. */
async function enroll(userId: string, courseId: string, expiresAt?: string) {
  const now = clock.now().toISOString();
  await db()
    .entities.enrollment.create({ enrollment_id: newId(), user_id: userId, course_id: courseId, enrolled_at: now, expires_at: expiresAt, granted_by: "test", updated_at: now })
    .go();
}

describe("course page", () => {
  it("an admin creates a course and sees it with every lesson and recipe sorted by order, in one partition query", async () => {
    const course = await createCourse({ difficulty_level: "ADVANCED", estimated_duration_minutes: 90, order: 3 });
    const second = await addLesson(course.id, { title: "Segunda", order: 2 });
    const first = await addLesson(course.id, { title: "Primera", order: 1, is_preview: true });
    const hidden = await addLesson(course.id, { title: "Borrador", order: 3, is_active: false });
    const recipe = await addRecipe(course.id, { title: "Base de galleta", order: 1, recipe_text: "200 g de galletas" });

    const page = await api.request("GET", `/api/courses/${course.id}`, { token: admin });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ id: course.id, difficulty_level: "ADVANCED", estimated_duration_minutes: 90, order: 3, lessons_count: 3, recipes_count: 1 });
    expect(page.body.lessons.map((lesson: { id: string }) => lesson.id)).toEqual([first.id, second.id, hidden.id]);
    expect(page.body.recipes).toEqual([expect.objectContaining({ id: recipe.id, recipe_text: "200 g de galletas", image_url: null })]);
    expect(page.body.access).toEqual({ granted: true, via: "admin", ends_at: null, since: null });
    // The caller, then the partition ‖ the caller's own progress (an admin needs no access Query).
    expect(page.dynamoCommands.sort()).toEqual(["GetItem", "Query", "Query"]);
  });

  it("lessons and recipes created without order go to the end of their kind, past any order given, for one Query more", async () => {
    const course = await createCourse();
    const created = async (kind: "lessons" | "recipes", body: Record<string, unknown>) => {
      const response = await api.request("POST", `/api/courses/${course.id}/${kind}`, { token: admin, body: { title: "Sin orden", ...body } });
      expect(response.status).toBe(201);
      return response;
    };
    const lessonOrders = [];
    for (const body of [{}, {}, { order: 10 }, {}, { order: 4 }, {}]) lessonOrders.push((await created("lessons", body)).body.order);
    expect(lessonOrders).toEqual([1, 2, 10, 11, 4, 12]);
    // Recipes count on their own: the course's lessons do not push them back.
    const recipeOrders = [];
    for (const body of [{}, { order: 3 }, {}]) recipeOrders.push((await created("recipes", body)).body.order);
    expect(recipeOrders).toEqual([1, 3, 4]);

    // The caller, the Query of the course's items of that kind, the transaction; with an order given, no Query.
    expect((await created("lessons", {})).dynamoCommands).toEqual(["GetItem", "Query", "TransactWriteItems"]);
    expect((await created("recipes", { order: 1 })).dynamoCommands).toEqual(["GetItem", "TransactWriteItems"]);
  });

  it("an enrolled student sees active lessons and recipes and the WhatsApp group, for 4 DynamoDB requests (caller, then page ‖ access ‖ progress)", async () => {
    const course = await createCourse();
    await addLesson(course.id, { title: "Activa" });
    await addLesson(course.id, { title: "Inactiva", is_active: false });
    await addRecipe(course.id, { title: "Receta activa" });
    await addRecipe(course.id, { title: "Receta inactiva", is_active: false });
    await api.request("PUT", `/api/courses/${course.id}/whatsapp-group`, { token: admin, body: { whatsapp_group_url: "https://chat.whatsapp.com/AbCdEf1234567890" } });
    const enrolled = await givenUser("USER");
    await enroll(enrolled.id, course.id);
    const token = (await signIn(api, enrolled)).access_token;

    const page = await api.request("GET", `/api/courses/${course.id}`, { token });
    expect(page.status).toBe(200);
    expect(page.body.lessons.map((lesson: { title: string }) => lesson.title)).toEqual(["Activa"]);
    expect(page.body.recipes.map((recipe: { title: string }) => recipe.title)).toEqual(["Receta activa"]);
    expect(page.body.whatsapp_group_url).toBe("https://chat.whatsapp.com/AbCdEf1234567890");
    expect(page.body.access).toMatchObject({ granted: true, via: "enrollment" });
    expect(page.dynamoRequests).toBe(4);
    expect(page.dynamoCommands.sort()).toEqual(["GetItem", "Query", "Query", "Query"]);
  });

  it("a student without access sees the summary and preview lessons only: no recipes, no WhatsApp link", async () => {
    const course = await createCourse();
    await addLesson(course.id, { title: "Gratis", is_preview: true });
    await addLesson(course.id, { title: "De pago" });
    await addLesson(course.id, { title: "Preview inactiva", is_preview: true, is_active: false });
    await addRecipe(course.id, { title: "Secreta" });
    await api.request("PUT", `/api/courses/${course.id}/whatsapp-group`, { token: admin, body: { whatsapp_group_url: "https://chat.whatsapp.com/AbCdEf1234567890" } });

    const page = await api.request("GET", `/api/courses/${course.id}`, { token: studentToken });
    expect(page.status).toBe(200);
    expect(page.body.lessons.map((lesson: { title: string }) => lesson.title)).toEqual(["Gratis"]);
    expect(page.body.recipes).toEqual([]);
    expect(page.body.whatsapp_group_url).toBeNull();
    expect(page.body.access).toEqual({ granted: false, via: null, ends_at: null, since: null });

    expect((await api.request("GET", `/api/courses/${course.id}/lessons`, { token: studentToken })).body.items).toHaveLength(1);
    expect((await api.request("GET", `/api/courses/${course.id}/recipes`, { token: studentToken })).status).toBe(403);
  });

  it("an inactive course is the admin's alone: 404 for students, listed for the admin", async () => {
    const course = await createCourse({ is_active: false, title: "Oculto" });
    await enroll(student.id, course.id);
    expect((await api.request("GET", `/api/courses/${course.id}`, { token: studentToken })).status).toBe(404);
    expect((await api.request("GET", `/api/courses/${course.id}`, { token: admin })).status).toBe(200);
    const studentList = await api.request("GET", "/api/courses", { token: studentToken });
    expect(studentList.body.items.map((item: { id: string }) => item.id)).not.toContain(course.id);
  });
});

describe("lessons and recipes by id", () => {
  let courseId: string;
  let preview: { id: string };
  let paid: { id: string };
  let inactive: { id: string };
  let recipe: { id: string };
  beforeAll(async () => {
    courseId = (await createCourse()).id;
    preview = await addLesson(courseId, { title: "Preview", is_preview: true });
    paid = await addLesson(courseId, { title: "Paid" });
    inactive = await addLesson(courseId, { title: "Inactive", is_active: false });
    recipe = await addRecipe(courseId, { title: "Recipe" });
  });

  it("without access: a preview lesson is 200, other lessons and recipes 403, an inactive lesson 404", async () => {
    expect((await api.request("GET", `/api/lessons/${preview.id}`, { token: studentToken })).status).toBe(200);
    expect((await api.request("GET", `/api/lessons/${paid.id}`, { token: studentToken })).status).toBe(403);
    expect((await api.request("GET", `/api/recipes/${recipe.id}`, { token: studentToken })).status).toBe(403);
    expect((await api.request("GET", `/api/lessons/${inactive.id}`, { token: studentToken })).status).toBe(404);
    expect((await api.request("GET", `/api/lessons/${inactive.id}`, { token: admin })).status).toBe(200);
  });

  it("updates a lesson and a recipe; null or an empty text clears an optional field", async () => {
    const updated = await api.request("PUT", `/api/lessons/${paid.id}`, { token: admin, body: { title: "Renamed", description: "Algo", order: 7 } });
    expect(updated.body).toMatchObject({ title: "Renamed", description: "Algo", order: 7 });
    const cleared = await api.request("PUT", `/api/lessons/${paid.id}`, { token: admin, body: { description: null } });
    expect(cleared.body).toMatchObject({ title: "Renamed", description: null });
    await api.request("PUT", `/api/lessons/${paid.id}`, { token: admin, body: { description: "Otra vez" } });
    const emptied = await api.request("PUT", `/api/lessons/${paid.id}`, { token: admin, body: { description: "  " } });
    expect(emptied.body).toMatchObject({ description: null });
    expect((await api.request("GET", `/api/lessons/${paid.id}`, { token: admin })).body.description).toBeNull();
    const recipeUpdate = await api.request("PUT", `/api/recipes/${recipe.id}`, { token: admin, body: { recipe_text: "x", is_active: false } });
    expect(recipeUpdate.body).toMatchObject({ recipe_text: "x", is_active: false });
    const recipeEmptied = await api.request("PUT", `/api/recipes/${recipe.id}`, { token: admin, body: { recipe_text: "", description: "" } });
    expect(recipeEmptied.body).toMatchObject({ recipe_text: null, description: null });
    expect((await api.request("GET", `/api/recipes/${recipe.id}`, { token: admin })).body).toMatchObject({ recipe_text: null, description: null });
  });

  it("deleting a lesson or a recipe removes it and its count", async () => {
    const extra = await addLesson(courseId, { title: "Extra" });
    const extraRecipe = await addRecipe(courseId, { title: "Extra" });
    const before = (await api.request("GET", `/api/courses/${courseId}`, { token: admin })).body;
    expect((await api.request("DELETE", `/api/lessons/${extra.id}`, { token: admin })).status).toBe(204);
    expect((await api.request("DELETE", `/api/recipes/${extraRecipe.id}`, { token: admin })).status).toBe(204);
    const after = (await api.request("GET", `/api/courses/${courseId}`, { token: admin })).body;
    expect(after.lessons_count).toBe(before.lessons_count - 1);
    expect(after.recipes_count).toBe(before.recipes_count - 1);
    expect((await api.request("GET", `/api/lessons/${extra.id}`, { token: admin })).status).toBe(404);
    expect((await api.request("DELETE", `/api/lessons/${extra.id}`, { token: admin })).status).toBe(404);
  });

  it("unknown and malformed ids: 404 and 400", async () => {
    const unknown = newId();
    expect((await api.request("GET", `/api/lessons/${unknown}`, { token: admin })).status).toBe(404);
    expect((await api.request("GET", `/api/recipes/${unknown}`, { token: admin })).status).toBe(404);
    expect((await api.request("GET", `/api/courses/${unknown}`, { token: admin })).status).toBe(404);
    expect((await api.request("POST", `/api/courses/${unknown}/lessons`, { token: admin, body: { title: "x" } })).status).toBe(404);
    const malformed = await api.request("GET", "/api/lessons/not-an-id", { token: admin });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ path: "path.id", message: expect.stringContaining("id") }]);
  });
});

describe("course updates", () => {
  it("PUT with If-Match refuses a stale write with 412 and accepts a fresh one", async () => {
    const course = await createCourse();
    const read = await api.request("GET", `/api/courses/${course.id}`, { token: admin });
    const etag = read.headers.get("etag")!;
    expect(etag).toBe('"v1"');
    const first = await api.request("PUT", `/api/courses/${course.id}`, { token: admin, body: { title: "Admin A" }, headers: { "if-match": etag } });
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).toBe('"v2"');
    const stale = await api.request("PUT", `/api/courses/${course.id}`, { token: admin, body: { title: "Admin B" }, headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
    expect(stale.body.detail).toMatch(/changed since you read it/);
    expect((await api.request("GET", `/api/courses/${course.id}`, { token: admin })).body.title).toBe("Admin A");
  });

  it("an If-Match that is not an ETag is a 400 that says so; a weak ETag of the current version is accepted", async () => {
    const course = await createCourse();
    for (const ifMatch of ["v1", '"1"', "*", '"v1", "v2"', "garbage"]) {
      const refused = await api.request("PUT", `/api/courses/${course.id}`, { token: admin, body: { order: 4 }, headers: { "if-match": ifMatch } });
      expect(refused.status, ifMatch).toBe(400);
      expect(refused.body.errors, ifMatch).toEqual([{ path: "header.if-match", message: 'must be an ETag of this course, like "v3"' }]);
    }
    const weak = await api.request("PUT", `/api/courses/${course.id}`, { token: admin, body: { order: 4 }, headers: { "if-match": 'W/"v1"' } });
    expect(weak.status).toBe(200);
    expect(weak.headers.get("etag")).toBe('"v2"');
  });

  it("an update with no field is a 400 naming the fields it could have", async () => {
    const course = await createCourse();
    const empty = await api.request("PUT", `/api/courses/${course.id}`, { token: admin, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ path: "body", message: "give at least one of title, description, difficulty_level, estimated_duration_minutes, order, is_active, tags" }]);
  });

  it("two admins saving the same course at the same moment: one wins, the other gets a 412, no update is lost silently", async () => {
    const course = await createCourse();
    const etag = (await api.request("GET", `/api/courses/${course.id}`, { token: admin })).headers.get("etag")!;
    const otherAdmin = (await signIn(api, await givenUser("ADMIN"))).access_token;
    const [a, b] = await Promise.all([
      api.request("PUT", `/api/courses/${course.id}`, { token: admin, body: { title: "Versión de Ana" }, headers: { "if-match": etag } }),
      api.request("PUT", `/api/courses/${course.id}`, { token: otherAdmin, body: { description: "Versión de Bea" }, headers: { "if-match": etag } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const loser = a.status === 412 ? a : b;
    expect(loser.headers.get("content-type")).toBe("application/problem+json");
    expect(loser.body.detail).toMatch(/changed since you read it.*reload/);
    const final = (await api.request("GET", `/api/courses/${course.id}`, { token: admin })).body;
    // Exactly the winner's change is stored, and the version moved once.
    expect([final.title === "Versión de Ana", final.description === "Versión de Bea"].filter(Boolean)).toHaveLength(1);
    expect((await api.request("GET", `/api/courses/${course.id}`, { token: admin })).headers.get("etag")).toBe('"v2"');
  });

  it("an update changes only the fields it names (a hidden course stays hidden after a retitle)", async () => {
    const course = await createCourse({ is_active: false, order: 7, difficulty_level: "ADVANCED", estimated_duration_minutes: 45 });
    const updated = await api.request("PUT", `/api/courses/${course.id}`, { token: admin, body: { title: "Solo el título" } });
    expect(updated.body).toMatchObject({ title: "Solo el título", is_active: false, order: 7, difficulty_level: "ADVANCED", estimated_duration_minutes: 45 });
    expect((await api.request("PUT", `/api/courses/${course.id}`, { token: admin, body: {} })).status).toBe(400);
  });

  it("two admins saving different fields at once both land (partial updates)", async () => {
    const course = await createCourse();
    const [a, b] = await Promise.all([
      api.request("PUT", `/api/courses/${course.id}`, { token: admin, body: { title: "Nuevo título" } }),
      api.request("PUT", `/api/courses/${course.id}`, { token: admin, body: { order: 42 } }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await api.request("GET", `/api/courses/${course.id}`, { token: admin })).body).toMatchObject({ title: "Nuevo título", order: 42 });
  });

  it("validates: empty or 10 KB titles, unknown difficulty, non-WhatsApp links", async () => {
    const empty = await api.request("POST", "/api/courses", { token: admin, body: { title: "   ", description: "d" } });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ path: "body.title", message: "must not be empty" }]);
    const huge = await api.request("POST", "/api/courses", { token: admin, body: { title: "x".repeat(10_240), description: "d" } });
    expect(huge.body.errors).toEqual([{ path: "body.title", message: "must be at most 200 characters" }]);
    const level = await api.request("POST", "/api/courses", { token: admin, body: { title: "t", description: "d", difficulty_level: "EXPERT" } });
    expect(level.body.errors[0].path).toBe("body.difficulty_level");
    const course = await createCourse();
    for (const url of ["https://evil.example.com/chat.whatsapp.com/abc", "http://chat.whatsapp.com/AbCdEf1234567890", "javascript:alert(1)"]) {
      const response = await api.request("PUT", `/api/courses/${course.id}/whatsapp-group`, { token: admin, body: { whatsapp_group_url: url } });
      expect(response.status, url).toBe(400);
      expect(response.body.errors[0].path).toBe("body.whatsapp_group_url");
    }
    const cleared = await api.request("PUT", `/api/courses/${course.id}/whatsapp-group`, { token: admin, body: { whatsapp_group_url: null } });
    expect(cleared.body.whatsapp_group_url).toBeNull();
  });
});

describe("course lists", () => {
  it("an admin lists every course, page by page, with a cursor that cannot be tampered with", async () => {
    for (let i = 0; i < 3; i += 1) await createCourse({ title: `Paginado ${i}` });
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: { status: number; body: { items: { id: string }[]; next_cursor: string | null } } = await api.request(
        "GET",
        `/api/courses?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        { token: admin },
      );
      expect(response.status).toBe(200);
      for (const item of response.body.items) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
      }
      cursor = response.body.next_cursor;
      pages += 1;
    } while (cursor && pages < 50);
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect(pages).toBeGreaterThan(1);

    const first = await api.request("GET", "/api/courses?limit=1", { token: admin });
    const tampered = `${first.body.next_cursor.slice(0, -2)}xx`;
    const refused = await api.request("GET", `/api/courses?limit=1&cursor=${encodeURIComponent(tampered)}`, { token: admin });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: "query.cursor", message: "is not a cursor of this list" }]);
    expect((await api.request("GET", "/api/courses?limit=0", { token: admin })).status).toBe(400);
  });

  it("a student lists exactly the active courses their active enrollments open; a member lists every active course", async () => {
    const mine = await createCourse({ title: "Mío" });
    const expired = await createCourse({ title: "Caducado" });
    const notMine = await createCourse({ title: "Ajeno" });
    const reader = await givenUser("USER");
    await enroll(reader.id, mine.id);
    await enroll(reader.id, expired.id, new Date(Date.now() - 1000).toISOString());
    const token = (await signIn(api, reader)).access_token;
    const list = await api.request("GET", "/api/courses", { token });
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([mine.id]);
    expect(list.body.next_cursor).toBeNull();

    const member = await givenUser("USER");
    const now = Date.now();
    await db()
      .entities.membership.create({
        membership_id: newId(),
        user_id: member.id,
        start_date: new Date(now - 1000).toISOString(),
        end_date: new Date(now + 86_400_000).toISOString(),
        granted_by: "test",
        created_at: new Date(now).toISOString(),
        updated_at: new Date(now).toISOString(),
      })
      .go();
    const memberToken = (await signIn(api, member)).access_token;
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string; is_active: boolean }[]; next_cursor: string | null } } = await api.request(
        "GET",
        `/api/courses?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        { token: memberToken },
      );
      expect(page.body.items.every((item) => item.is_active)).toBe(true);
      all.push(...page.body.items.map((item) => item.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(all).toEqual(expect.arrayContaining([mine.id, expired.id, notMine.id]));
  });
});

/** Every page of `path` for `token`, following next_cursor; fails the test on anything but 200. */
async function allPages(path: string, token: string, limit: number): Promise<{ ids: string[]; pages: number; cursors: string[] }> {
  const ids: string[] = [];
  const cursors: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const response: { status: number; body: { items: { id: string }[]; next_cursor: string | null } } = await api.request(
      "GET",
      `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      { token },
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.items.length).toBeLessThanOrEqual(limit);
    ids.push(...response.body.items.map((item) => item.id));
    cursor = response.body.next_cursor;
    if (cursor) cursors.push(cursor);
    pages += 1;
  } while (cursor && pages < 100);
  return { ids, pages, cursors };
}

async function givenMember(): Promise<TestUser> {
  const member = await givenUser("USER");
  const now = Date.now();
  await db()
    .entities.membership.create({
      membership_id: newId(),
      user_id: member.id,
      start_date: new Date(now - 1000).toISOString(),
      end_date: new Date(now + 86_400_000).toISOString(),
      granted_by: "test",
      created_at: new Date(now).toISOString(),
      updated_at: new Date(now).toISOString(),
    })
    .go();
  return member;
}

const refusedCursor = (response: { status: number; headers: Headers; body: { errors?: unknown } }) => {
  expect(response.status).toBe(400);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.body.errors).toEqual([{ path: "query.cursor", message: "is not a cursor of this list" }]);
};

describe("a student's course list pages like every other list", () => {
  let reader: TestUser;
  let readerToken: string;
  let enrolledIds: string[];
  let hiddenId: string;

  beforeAll(async () => {
    reader = await givenUser("USER");
    // Created out of catalogue order: the list is sorted by `order`, then id.
    const third = await createCourse({ title: "Tercero", order: 30 });
    const first = await createCourse({ title: "Primero", order: 10 });
    const second = await createCourse({ title: "Segundo", order: 20 });
    const hidden = await createCourse({ title: "Oculto", order: 15, is_active: false });
    for (const course of [third, first, second, hidden]) await enroll(reader.id, course.id);
    enrolledIds = [first.id, second.id, third.id];
    hiddenId = hidden.id;
    readerToken = (await signIn(api, reader)).access_token;
  });

  it("?limit=1 answers one course and a cursor to the next, in catalogue order, until the last page says null", async () => {
    const { ids, pages } = await allPages("/api/courses", readerToken, 1);
    expect(ids).toEqual(enrolledIds);
    expect(pages).toBe(3);
    const two = await allPages("/api/courses", readerToken, 2);
    expect(two.ids).toEqual(enrolledIds);
    expect(two.pages).toBe(2);
  });

  it("costs 3 DynamoDB requests a page (caller, grants, one BatchGet of the enrolled courses), with or without a cursor", async () => {
    const first = await api.request("GET", "/api/courses?limit=1", { token: readerToken });
    expect(first.dynamoCommands.sort()).toEqual(["BatchGetItem", "GetItem", "Query"]);
    const second = await api.request("GET", `/api/courses?limit=1&cursor=${encodeURIComponent(first.body.next_cursor)}`, { token: readerToken });
    expect(second.body.items.map((item: { id: string }) => item.id)).toEqual([enrolledIds[1]]);
    expect(second.dynamoCommands.sort()).toEqual(["BatchGetItem", "GetItem", "Query"]);
  });

  it("a member pages through every active course with limit and cursor", async () => {
    const member = await givenMember();
    const token = (await signIn(api, member)).access_token;
    const { ids, pages } = await allPages("/api/courses", token, 2);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(enrolledIds));
    expect(ids).not.toContain(hiddenId);
  });

  it("a garbage or altered cursor is a 400 problem for a student, as for an admin", async () => {
    for (const garbage of ["garbage", "a.b", "a.b.c", "%00", "x".repeat(2048)]) {
      refusedCursor(await api.request("GET", `/api/courses?cursor=${encodeURIComponent(garbage)}`, { token: readerToken }));
      refusedCursor(await api.request("GET", `/api/courses?cursor=${encodeURIComponent(garbage)}`, { token: admin }));
    }
    const { cursors } = await allPages("/api/courses", readerToken, 1);
    refusedCursor(await api.request("GET", `/api/courses?limit=1&cursor=${encodeURIComponent(`${cursors[0]!.slice(0, -2)}xx`)}`, { token: readerToken }));
  });

  it("a cursor handed to another caller is refused, even one with the very same courses", async () => {
    const twin = await givenUser("USER");
    for (const id of enrolledIds) await enroll(twin.id, id);
    const twinToken = (await signIn(api, twin)).access_token;
    const [readersCursor] = (await allPages("/api/courses", readerToken, 1)).cursors;
    refusedCursor(await api.request("GET", `/api/courses?limit=1&cursor=${encodeURIComponent(readersCursor!)}`, { token: twinToken }));

    const otherAdmin = (await signIn(api, await givenUser("ADMIN"))).access_token;
    const [adminsCursor] = (await allPages("/api/courses", admin, 1)).cursors;
    refusedCursor(await api.request("GET", `/api/courses?limit=1&cursor=${encodeURIComponent(adminsCursor!)}`, { token: otherAdmin }));
    // The cursor still works for the caller it was handed to.
    expect((await api.request("GET", `/api/courses?limit=1&cursor=${encodeURIComponent(adminsCursor!)}`, { token: admin })).status).toBe(200);

    // Every other list binds its cursors to the caller too.
    await givenMember();
    await givenMember();
    for (const list of ["/api/users", "/api/enrollments", "/api/memberships", `/api/courses/${enrolledIds[0]}/students`]) {
      const first = await api.request("GET", `${list}?limit=1`, { token: admin });
      expect(first.body.next_cursor, list).toEqual(expect.any(String));
      const cursor = encodeURIComponent(first.body.next_cursor);
      refusedCursor(await api.request("GET", `${list}?limit=1&cursor=${cursor}`, { token: otherAdmin }));
      expect((await api.request("GET", `${list}?limit=1&cursor=${cursor}`, { token: admin })).status, list).toBe(200);
    }
  });

  it("a cursor from another list is refused: users, students, enrollments, another kind of course list", async () => {
    await givenUser("USER");
    const usersCursor = (await api.request("GET", "/api/users?limit=1", { token: admin })).body.next_cursor as string;
    expect(usersCursor).toEqual(expect.any(String));
    refusedCursor(await api.request("GET", `/api/courses?cursor=${encodeURIComponent(usersCursor)}`, { token: admin }));
    refusedCursor(await api.request("GET", `/api/memberships?cursor=${encodeURIComponent(usersCursor)}`, { token: admin }));

    const twinCourse = await createCourse({ title: "Con dos alumnos" });
    await enroll(reader.id, twinCourse.id);
    await enroll((await givenUser("USER")).id, twinCourse.id);
    const students = await api.request("GET", `/api/courses/${twinCourse.id}/students?limit=1`, { token: admin });
    expect(students.body.next_cursor).toEqual(expect.any(String));
    refusedCursor(await api.request("GET", `/api/enrollments?cursor=${encodeURIComponent(students.body.next_cursor)}`, { token: admin }));
    refusedCursor(await api.request("GET", `/api/courses/${enrolledIds[0]}/students?cursor=${encodeURIComponent(students.body.next_cursor)}`, { token: admin }));

    // A student who becomes a member reads another list: the enrolled list's cursor does not carry over.
    const [enrolledCursor] = (await allPages("/api/courses", readerToken, 1)).cursors;
    const now = Date.now();
    await db()
      .entities.membership.create({
        membership_id: newId(),
        user_id: reader.id,
        start_date: new Date(now - 1000).toISOString(),
        end_date: new Date(now + 86_400_000).toISOString(),
        granted_by: "test",
        created_at: new Date(now).toISOString(),
        updated_at: new Date(now).toISOString(),
      })
      .go();
    refusedCursor(await api.request("GET", `/api/courses?limit=1&cursor=${encodeURIComponent(enrolledCursor!)}`, { token: readerToken }));
  });
});

describe("course deletion", () => {
  it("removes the course, its lessons, recipes and enrollments: no orphan item remains and it leaves every list at once", async () => {
    const course = await createCourse({ title: "Para borrar" });
    const lesson = await addLesson(course.id, { title: "L" });
    const recipe = await addRecipe(course.id, { title: "R" });
    const enrolled = await givenUser("USER");
    await enroll(enrolled.id, course.id);

    expect((await api.request("DELETE", `/api/courses/${course.id}`, { token: admin })).status).toBe(204);

    expect((await api.request("GET", `/api/courses/${course.id}`, { token: admin })).status).toBe(404);
    expect((await api.request("GET", `/api/lessons/${lesson.id}`, { token: admin })).status).toBe(404);
    expect((await api.request("GET", `/api/recipes/${recipe.id}`, { token: admin })).status).toBe(404);
    const partition = await db().collections.coursePage({ course_id: course.id }).go({ pages: "all" });
    expect([...partition.data.course, ...partition.data.lesson, ...partition.data.recipe]).toEqual([]);
    expect((await db().entities.enrollment.query.byCourse({ course_id: course.id }).go()).data).toEqual([]);
    expect((await db().entities.enrollment.query.byUser({ user_id: enrolled.id }).go()).data).toEqual([]);
    const list = await api.request("GET", "/api/courses?limit=100", { token: admin });
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(course.id);
    expect((await api.request("DELETE", `/api/courses/${course.id}`, { token: admin })).status).toBe(404);
  });

  it("a course interrupted half-way through deletion is hidden, and a repeated DELETE finishes it", async () => {
    const course = await createCourse({ title: "A medias" });
    await addLesson(course.id, { title: "L" });
    await db().entities.course.patch({ course_id: course.id }).set({ lifecycle: "deleting" }).go();
    expect((await api.request("GET", `/api/courses/${course.id}`, { token: admin })).status).toBe(404);
    expect((await api.request("DELETE", `/api/courses/${course.id}`, { token: admin })).status).toBe(204);
    const partition = await db().collections.coursePage({ course_id: course.id }).go({ pages: "all" });
    expect([...partition.data.course, ...partition.data.lesson]).toEqual([]);
  });
});

describe("counters", () => {
  it("stay exact under 20 concurrent lesson creations on one course", async () => {
    const course = await createCourse({ title: "Concurrido" });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.request("POST", `/api/courses/${course.id}/lessons`, { token: admin, body: { title: `L${i}`, order: i } })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
    const page = await api.request("GET", `/api/courses/${course.id}`, { token: admin });
    expect(page.body.lessons_count).toBe(20);
    expect(page.body.lessons).toHaveLength(20);
  });
});
