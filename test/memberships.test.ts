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

/** A student who only needs to exist (never signs in): written straight to the table, without password hashing. */
async function storedStudent(): Promise<string> {
  const now = new Date().toISOString();
  const userId = newId();
  await db()
    .entities.user.create({ user_id: userId, email: `${userId.toLowerCase()}@example.com`, full_name: "Socia", password_hash: "unusable", created_at: now, updated_at: now })
    .go();
  return userId;
}

async function grant(userId: string, startHours: number, endHours: number, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await asAdmin("POST", "/api/memberships", { user_id: userId, start_date: hoursFromNow(startHours), end_date: hoursFromNow(endHours), ...extra });
  expect(response.status).toBe(201);
  return response.body.id;
}

const idsOf = (response: ApiResponse) => (response.body.items as { id: string }[]).map((item) => item.id);

describe("POST /api/memberships", () => {
  it("grants a membership: 201 with the user nested, dates in UTC; it opens every course", async () => {
    const courseId = (await asAdmin("POST", "/api/courses", { title: "Macarons", description: "d" })).body.id as string;
    expect((await api.request("GET", `/api/courses/${courseId}/recipes`, { token: studentToken })).status).toBe(403);

    const start = new Date(Date.now() - 3_600_000);
    const response = await asAdmin("POST", "/api/memberships", {
      user_id: student.id,
      start_date: start.toISOString(),
      end_date: "2099-12-31T21:00:00-03:00",
      notes: " Pagó en efectivo ",
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      user_id: student.id,
      membership_type: "FULL_ACCESS",
      start_date: start.toISOString(),
      end_date: "2100-01-01T00:00:00.000Z",
      is_active: true,
      granted_by: admin.id,
      notes: "Pagó en efectivo",
      created_at: expect.any(String),
      user: expect.objectContaining({ id: student.id, email: student.email }),
    });
    // The caller, the transaction (user check + membership), the user for the answer.
    expect(response.dynamoCommands).toEqual(["GetItem", "TransactWriteItems", "GetItem"]);
    expect((await api.request("GET", `/api/courses/${courseId}/recipes`, { token: studentToken })).status).toBe(200);
  });

  it("end_date at or before start_date is a 400 naming body.end_date", async () => {
    const user = await storedStudent();
    for (const end_date of [hoursFromNow(1), hoursFromNow(0.5)]) {
      const response = await asAdmin("POST", "/api/memberships", { user_id: user, start_date: hoursFromNow(1), end_date });
      expectProblem(response, 400);
      expect(response.body.errors).toEqual([{ path: "body.end_date", message: "must be after start_date" }]);
    }
    // The same instant written in two time zones is still the same instant.
    const sameInstant = await asAdmin("POST", "/api/memberships", { user_id: user, start_date: "2030-01-01T12:00:00Z", end_date: "2030-01-01T09:00:00-03:00" });
    expect(sameInstant.body.errors).toEqual([{ path: "body.end_date", message: "must be after start_date" }]);
    expect((await asAdmin("GET", `/api/memberships?user_id=${user}`)).body.items).toEqual([]);
  });

  it("an unknown user is a 404 and nothing is written; bad fields are 400s naming each", async () => {
    const ghost = newId();
    const response = await asAdmin("POST", "/api/memberships", { user_id: ghost, start_date: hoursFromNow(0), end_date: hoursFromNow(1) });
    expectProblem(response, 404);
    expect(response.body.detail).toBe(`There is no user with id ${ghost}.`);
    expect((await asAdmin("GET", `/api/memberships?user_id=${ghost}`)).body.items).toEqual([]);

    const invalid = await asAdmin("POST", "/api/memberships", { user_id: "x", start_date: "mañana", end_date: hoursFromNow(1), notes: "n".repeat(2001), membership_type: "VIP" });
    expectProblem(invalid, 400);
    expect(invalid.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(["body.membership_type", "body.notes", "body.start_date", "body.user_id"]);
  });
});

describe("GET /api/memberships", () => {
  let ana: string;
  let berta: string;
  const ids = {} as Record<"current" | "future" | "past" | "switchedOff" | "berta", string>;

  beforeAll(async () => {
    [ana, berta] = await Promise.all([storedStudent(), storedStudent()]);
    ids.past = await grant(ana, -48, -24);
    ids.current = await grant(ana, -1, 24);
    ids.future = await grant(ana, 24, 48);
    ids.switchedOff = await grant(ana, -1, 24);
    expect((await asAdmin("PUT", `/api/memberships/${ids.switchedOff}`, { is_active: false })).body.is_active).toBe(false);
    ids.berta = await grant(berta, -1, 1);
  });

  it("user_id lists one user's memberships, newest first", async () => {
    const response = await asAdmin("GET", `/api/memberships?user_id=${ana}`);
    expect(idsOf(response)).toEqual([ids.switchedOff, ids.future, ids.current, ids.past]);
    expect(response.body.items[0].user.id).toBe(ana);
    expect(response.dynamoCommands.sort()).toEqual(["BatchGetItem", "GetItem", "Query"]);
  });

  it("active=true keeps only what opens the courses now; active=false the rest; both follow the clock", async () => {
    expect(idsOf(await asAdmin("GET", `/api/memberships?user_id=${ana}&active=true`))).toEqual([ids.current]);
    expect(idsOf(await asAdmin("GET", `/api/memberships?user_id=${ana}&active=false`))).toEqual([ids.switchedOff, ids.future, ids.past]);
    const inThirtyHours = new Date(Date.now() + 30 * 3_600_000);
    clock.now = () => inThirtyHours;
    expect(idsOf(await asAdmin("GET", `/api/memberships?user_id=${ana}&active=true`))).toEqual([ids.future]);
  });

  it("without user_id lists every membership, newest first, one BatchGet for all their users", async () => {
    const response = await asAdmin("GET", "/api/memberships?limit=100");
    const all = idsOf(response);
    expect(all.slice(0, 5)).toEqual([ids.berta, ids.switchedOff, ids.future, ids.current, ids.past]);
    expect(response.dynamoCommands.sort()).toEqual(["BatchGetItem", "GetItem", "Query"]);
    expect(idsOf(await asAdmin("GET", "/api/memberships?active=true&limit=100"))).toEqual(expect.arrayContaining([ids.berta, ids.current]));
    expect(idsOf(await asAdmin("GET", "/api/memberships?active=true&limit=100"))).not.toContain(ids.future);
  });

  it("pages with next_cursor, bound to its filters", async () => {
    const first = await asAdmin("GET", `/api/memberships?user_id=${ana}&limit=3`);
    expect(idsOf(first)).toEqual([ids.switchedOff, ids.future, ids.current]);
    const cursor = encodeURIComponent(first.body.next_cursor);
    expect(idsOf(await asAdmin("GET", `/api/memberships?user_id=${ana}&limit=3&cursor=${cursor}`))).toEqual([ids.past]);
    expectProblem(await asAdmin("GET", `/api/memberships?user_id=${berta}&limit=3&cursor=${cursor}`), 400);
    expectProblem(await asAdmin("GET", "/api/memberships?active=1"), 400);
  });
});

describe("GET, PUT and DELETE /api/memberships/{id}", () => {
  let userId: string;
  beforeAll(async () => {
    userId = await storedStudent();
  });

  it("GET answers the membership; unknown ids are 404, malformed ones 400, on every route", async () => {
    const id = await grant(userId, -1, 1, { notes: "regalo" });
    const response = await asAdmin("GET", `/api/memberships/${id}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id, user_id: userId, notes: "regalo", is_active: true, user: { id: userId } });
    expect(response.dynamoCommands).toEqual(["GetItem", "Query", "GetItem"]);
    const unknown = newId();
    for (const [method, body] of [["GET"], ["PUT", { notes: "x" }], ["DELETE"]] as const) {
      const missing = await asAdmin(method, `/api/memberships/${unknown}`, body);
      expectProblem(missing, 404);
      expect(missing.body.detail).toBe(`There is no membership with id ${unknown}.`);
      expectProblem(await asAdmin(method, "/api/memberships/nope", body), 400);
    }
  });

  it("PUT extends, deactivates and reactivates; notes null clears them", async () => {
    const id = await grant(userId, -2, -1, { notes: "primer mes" });
    expect(idsOf(await asAdmin("GET", `/api/memberships?user_id=${userId}&active=true`))).not.toContain(id);

    const extended = await asAdmin("PUT", `/api/memberships/${id}`, { end_date: "2099-01-01T00:00:00Z", notes: null });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ id, end_date: "2099-01-01T00:00:00.000Z", notes: null, is_active: true });
    expect(extended.dynamoCommands.sort()).toEqual(["GetItem", "GetItem", "Query", "UpdateItem"]);
    expect(idsOf(await asAdmin("GET", `/api/memberships?user_id=${userId}&active=true`))).toContain(id);

    const off = await asAdmin("PUT", `/api/memberships/${id}`, { is_active: false });
    expect(off.body).toMatchObject({ is_active: false, end_date: "2099-01-01T00:00:00.000Z" });
    expect(idsOf(await asAdmin("GET", `/api/memberships?user_id=${userId}&active=true`))).not.toContain(id);
    expect((await asAdmin("PUT", `/api/memberships/${id}`, { is_active: true })).body.is_active).toBe(true);
  });

  it("an update that would end the membership before it starts is a 400 naming the field sent, and changes nothing", async () => {
    const id = await grant(userId, 1, 10);
    const before = (await asAdmin("GET", `/api/memberships/${id}`)).body;

    const earlyEnd = await asAdmin("PUT", `/api/memberships/${id}`, { end_date: before.start_date });
    expectProblem(earlyEnd, 400);
    expect(earlyEnd.body.errors).toEqual([{ path: "body.end_date", message: expect.stringContaining("must be after start_date") }]);

    const lateStart = await asAdmin("PUT", `/api/memberships/${id}`, { start_date: hoursFromNow(11) });
    expectProblem(lateStart, 400);
    expect(lateStart.body.errors).toEqual([{ path: "body.start_date", message: expect.stringContaining("must be before end_date") }]);

    const both = await asAdmin("PUT", `/api/memberships/${id}`, { start_date: hoursFromNow(20), end_date: hoursFromNow(15) });
    expectProblem(both, 400);
    expect(both.body.errors[0].path).toBe("body.end_date");

    expect((await asAdmin("GET", `/api/memberships/${id}`)).body).toEqual(before);
    // Moving both together is fine.
    const moved = await asAdmin("PUT", `/api/memberships/${id}`, { start_date: "2098-01-01T00:00:00Z", end_date: "2098-02-01T00:00:00Z" });
    expect(moved.body).toMatchObject({ start_date: "2098-01-01T00:00:00.000Z", end_date: "2098-02-01T00:00:00.000Z" });
  });

  it("DELETE removes it: 204, then 404", async () => {
    const id = await grant(userId, -1, 1);
    const response = await asAdmin("DELETE", `/api/memberships/${id}`);
    expect(response.status).toBe(204);
    // The UpdateItem marks the membership for the audit log before its deletion (core/audit/stamp.ts).
    expect(response.dynamoCommands).toEqual(["GetItem", "Query", "UpdateItem", "DeleteItem"]);
    expectProblem(await asAdmin("GET", `/api/memberships/${id}`), 404);
    expectProblem(await asAdmin("DELETE", `/api/memberships/${id}`), 404);
    expect(idsOf(await asAdmin("GET", `/api/memberships?user_id=${userId}`))).not.toContain(id);
  });
});

describe("who may call", () => {
  it("a student gets 403 on every membership route", async () => {
    const id = await grant(student.id, -1, 1);
    for (const [method, path, body] of [
      ["GET", "/api/memberships"],
      ["POST", "/api/memberships", { user_id: student.id, start_date: hoursFromNow(0), end_date: hoursFromNow(9999) }],
      ["GET", `/api/memberships/${id}`],
      ["PUT", `/api/memberships/${id}`, { end_date: "2199-01-01T00:00:00Z" }],
      ["DELETE", `/api/memberships/${id}`],
    ] as const) {
      expectProblem(await api.request(method, path, { token: studentToken, body }), 403);
    }
    expect((await asAdmin("GET", `/api/memberships/${id}`)).body.end_date).not.toBe("2199-01-01T00:00:00.000Z");
  });
});
