import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { useTestApi, type ApiResponse } from "./support/api";
import { givenUser, signIn, type TestUser } from "./support/users";

const api = useTestApi();

let admin: TestUser;
let adminToken: string;
let studentToken: string;

beforeAll(async () => {
  admin = await givenUser("ADMIN");
  adminToken = (await signIn(api, admin)).access_token;
  studentToken = (await signIn(api, await givenUser("USER"))).access_token;
});

function expectProblem(response: ApiResponse, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.body).toMatchObject({ status, detail: expect.any(String) });
}

const asAdmin = (method: string, path: string, body?: unknown) => api.request(method, path, { token: adminToken, body });

/** A user created over HTTP, as an admin would; returns the UserResponse. */
async function createUser(body: Record<string, unknown>) {
  const response = await asAdmin("POST", "/api/users", { password: "a fine password", full_name: "Alumna", ...body });
  expect(response.status).toBe(201);
  return response.body as { id: string; email: string };
}

const emailsOf = (response: ApiResponse) => (response.body.items as { email: string }[]).map((user) => user.email);

describe("GET /api/users", () => {
  // Emails with a prefix of this file's own, so the filters can be checked exactly.
  const emails = ["lista-a@example.com", "lista-b@example.com", "lista-c@example.com", "lista-d@example.com", "lista-e@example.com"];
  let deactivatedId: string;

  beforeAll(async () => {
    const created = await Promise.all(emails.map((email, index) => createUser({ email, role: index === 1 ? "ADMIN" : "USER" })));
    deactivatedId = created[4]!.id;
    expect((await asAdmin("DELETE", `/api/users/${deactivatedId}`)).status).toBe(204);
  });

  it("q is an email prefix (any case), answered in email order with one Query", async () => {
    const response = await asAdmin("GET", "/api/users?q=LISTA-");
    expect(response.status).toBe(200);
    expect(emailsOf(response)).toEqual(emails);
    expect(response.body.next_cursor).toBeNull();
    expect(response.body.items[0]).toEqual({
      id: expect.any(String),
      email: "lista-a@example.com",
      username: null,
      full_name: "Alumna",
      role: "USER",
      is_active: true,
      avatar_url: null,
      avatar_status: "none",
      avatar_error: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(response.body.items[0]).not.toHaveProperty("password_hash");
    expect(response.dynamoCommands).toEqual(["GetItem", "Query"]);
    expect(emailsOf(await asAdmin("GET", "/api/users?q=lista-c"))).toEqual(["lista-c@example.com"]);
    expect(emailsOf(await asAdmin("GET", "/api/users?q=nobody-has-this"))).toEqual([]);
  });

  it("role filters by role, also without q", async () => {
    expect(emailsOf(await asAdmin("GET", "/api/users?role=ADMIN&q=lista-"))).toEqual(["lista-b@example.com"]);
    const admins = await asAdmin("GET", "/api/users?role=ADMIN&limit=100");
    expect(admins.body.items.map((user: { role: string }) => user.role)).toEqual(admins.body.items.map(() => "ADMIN"));
    expect(emailsOf(admins)).toEqual(expect.arrayContaining([admin.email, "lista-b@example.com"]));
    expect(emailsOf(admins)).not.toContain("lista-a@example.com");
    const students = await asAdmin("GET", "/api/users?role=USER&limit=100");
    expect(emailsOf(students)).toEqual(expect.arrayContaining(["lista-a@example.com", "lista-c@example.com"]));
    expect(emailsOf(students)).not.toContain(admin.email);
  });

  it("is_active filters active and deactivated users", async () => {
    expect(emailsOf(await asAdmin("GET", "/api/users?is_active=false&q=lista-"))).toEqual(["lista-e@example.com"]);
    expect(emailsOf(await asAdmin("GET", "/api/users?is_active=true&q=lista-"))).toEqual(emails.slice(0, 4));
    expect(emailsOf(await asAdmin("GET", "/api/users?is_active=true&role=ADMIN&q=lista-"))).toEqual(["lista-b@example.com"]);
  });

  it("pages with limit and next_cursor: every user once, in order", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/users?q=lista-&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const response = await asAdmin("GET", query);
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...emailsOf(response));
      cursor = response.body.next_cursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(emails);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it("a tampered cursor, or one from another list, is a 400 naming query.cursor", async () => {
    const first = await asAdmin("GET", "/api/users?q=lista-&limit=2");
    const cursor = first.body.next_cursor as string;
    expect(cursor).toEqual(expect.any(String));
    // Skip ahead: the same signature on a start key moved from lista-b to lista-d (ElectroDB's cursor is base64url JSON).
    const [payload, mac] = cursor.split(".");
    const key = Buffer.from(Buffer.from(payload!, "base64url").toString(), "base64url").toString();
    expect(key).toContain("lista-b");
    const moved = Buffer.from(key.replaceAll("lista-b", "lista-d")).toString("base64url");
    const tampered = `${Buffer.from(moved).toString("base64url")}.${mac}`;
    for (const path of [`/api/users?q=lista-&limit=2&cursor=${tampered}`, `/api/users?q=lista-&limit=2&cursor=garbage`, `/api/users?role=USER&q=lista-&limit=2&cursor=${cursor}`]) {
      const response = await asAdmin("GET", path);
      expectProblem(response, 400);
      expect(response.body.errors).toEqual([{ path: "query.cursor", message: "is not a cursor of this list" }]);
    }
  });

  it("refuses bad filter values and unknown parameters with field errors", async () => {
    const response = await asAdmin("GET", "/api/users?role=ROOT&is_active=yes&limit=0&rol=ADMIN");
    expectProblem(response, 400);
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(["query.is_active", "query.limit", "query.rol", "query.role"]);
  });
});

describe("GET and PUT /api/users/{id}", () => {
  let alice: { id: string; email: string };
  let bob: { id: string; email: string };
  beforeAll(async () => {
    [alice, bob] = await Promise.all([createUser({ email: "alice@example.com", username: "alice" }), createUser({ email: "bob@example.com" })]);
  });

  it("GET answers the user, one read after the caller's", async () => {
    const response = await asAdmin("GET", `/api/users/${alice.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: alice.id, email: "alice@example.com", username: "alice", role: "USER", is_active: true });
    expect(response.dynamoCommands).toEqual(["GetItem", "GetItem"]);
  });

  it("PUT changes name, username and avatar; null clears", async () => {
    const updated = await asAdmin("PUT", `/api/users/${bob.id}`, { full_name: " Roberto ", username: "Roberto.B", avatar_url: "https://cdn.example.com/b.png" });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: bob.id, full_name: "Roberto", username: "Roberto.B", avatar_url: "https://cdn.example.com/b.png", is_active: true });
    expect(updated.dynamoCommands).toEqual(["GetItem", "GetItem", "TransactWriteItems"]);
    expect((await asAdmin("GET", `/api/users/${bob.id}`)).body).toMatchObject({ full_name: "Roberto", username: "Roberto.B" });

    const cleared = await asAdmin("PUT", `/api/users/${bob.id}`, { username: null, avatar_url: null });
    expect(cleared.body).toMatchObject({ full_name: "Roberto", username: null, avatar_url: null });
  });

  it("a username taken by someone else (in any case) is a 409; a released one is free again", async () => {
    expectProblem(await asAdmin("PUT", `/api/users/${bob.id}`, { username: "ALICE" }), 409);
    expect((await asAdmin("GET", `/api/users/${bob.id}`)).body.username).not.toBe("ALICE");
    expect((await asAdmin("PUT", `/api/users/${alice.id}`, { username: "alice_2" })).status).toBe(200);
    expect((await asAdmin("PUT", `/api/users/${bob.id}`, { username: "Alice" })).body.username).toBe("Alice");
  });

  it("PUT refuses role changes, unknown fields, an empty body and bad values, naming each field", async () => {
    const response = await asAdmin("PUT", `/api/users/${alice.id}`, { role: "ADMIN", email: "x@example.com", avatar_url: "http://insecure.example.com/a.png", is_active: "no" });
    expectProblem(response, 400);
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(["body.avatar_url", "body.email", "body.is_active", "body.role"]);
    expectProblem(await asAdmin("PUT", `/api/users/${alice.id}`, {}), 400);
    expect((await asAdmin("GET", `/api/users/${alice.id}`)).body.role).toBe("USER");
  });

  it("an unknown id is a 404 and a malformed one a 400, on every route", async () => {
    const unknown = newId();
    for (const [method, path, body] of [
      ["GET", `/api/users/${unknown}`],
      ["PUT", `/api/users/${unknown}`, { full_name: "X" }],
      ["DELETE", `/api/users/${unknown}`],
      ["GET", `/api/users/${unknown}/progress`],
    ] as const) {
      const response = await asAdmin(method, path, body);
      expectProblem(response, 404);
      expect(response.body.detail).toBe(`There is no user with id ${unknown}.`);
      const malformed = await asAdmin(method, path.replace(unknown, "not-an-id"), body);
      expectProblem(malformed, 400);
      expect(malformed.body.errors).toEqual([{ path: "path.id", message: expect.stringContaining("id") }]);
    }
  });

  it("GET /api/users/{id}/progress answers an empty list for now", async () => {
    const response = await asAdmin("GET", `/api/users/${alice.id}/progress`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [] });
  });
});

describe("deactivation", () => {
  it("DELETE deactivates: the user's access and refresh tokens die at once, sign-in answers 403; nothing is deleted", async () => {
    const user = await givenUser("USER");
    const session = await signIn(api, user);
    expect((await api.request("GET", "/api/auth/me", { token: session.access_token })).status).toBe(200);

    const response = await asAdmin("DELETE", `/api/users/${user.id}`);
    expect(response.status).toBe(204);
    expect(response.body).toBe("");
    expect(response.dynamoCommands).toEqual(["GetItem", "GetItem", "TransactWriteItems"]);

    expectProblem(await api.request("GET", "/api/auth/me", { token: session.access_token }), 401);
    expectProblem(await api.request("POST", "/api/auth/refresh", { body: { refresh_token: session.refresh_token } }), 401);
    expectProblem(await api.request("POST", "/api/auth/login", { body: { email: user.email, password: user.password } }), 403);
    expect((await asAdmin("GET", `/api/users/${user.id}`)).body).toMatchObject({ id: user.id, email: user.email, is_active: false });

    // Idempotent: a second DELETE is another 204, for one read and no write.
    const again = await asAdmin("DELETE", `/api/users/${user.id}`);
    expect(again.status).toBe(204);
    expect(again.dynamoCommands).toEqual(["GetItem", "GetItem"]);
  });

  it("PUT is_active=true reactivates: the user signs in again, but tokens from before stay dead", async () => {
    const user = await givenUser("USER");
    const before = await signIn(api, user);
    expect((await asAdmin("PUT", `/api/users/${user.id}`, { is_active: false })).body.is_active).toBe(false);
    expectProblem(await api.request("GET", "/api/auth/me", { token: before.access_token }), 401);

    const reactivated = await asAdmin("PUT", `/api/users/${user.id}`, { is_active: true });
    expect(reactivated.status).toBe(200);
    expect(reactivated.body.is_active).toBe(true);
    const after = await signIn(api, user);
    expect((await api.request("GET", "/api/auth/me", { token: after.access_token })).status).toBe(200);
    expectProblem(await api.request("GET", "/api/auth/me", { token: before.access_token }), 401);
    expectProblem(await api.request("POST", "/api/auth/refresh", { body: { refresh_token: before.refresh_token } }), 401);
  });

  it("an admin cannot deactivate themself, by DELETE or by PUT; other changes to themself are fine", async () => {
    const deleted = await asAdmin("DELETE", `/api/users/${admin.id}`);
    expectProblem(deleted, 409);
    expect(deleted.body.detail).toMatch(/your own account/);
    expectProblem(await asAdmin("PUT", `/api/users/${admin.id}`, { is_active: false, full_name: "Yo" }), 409);
    expect((await asAdmin("GET", `/api/users/${admin.id}`)).body).toMatchObject({ is_active: true, full_name: expect.not.stringMatching(/^Yo$/) });
    expect((await asAdmin("PUT", `/api/users/${admin.id}`, { full_name: "Admin Renombrada" })).body.full_name).toBe("Admin Renombrada");
  });

  it("another admin can be deactivated", async () => {
    const other = await givenUser("ADMIN");
    const session = await signIn(api, other);
    expect((await asAdmin("DELETE", `/api/users/${other.id}`)).status).toBe(204);
    expectProblem(await api.request("GET", "/api/users", { token: session.access_token }), 401);
  });
});

describe("who may call", () => {
  it("a student gets 403 and an anonymous caller 401 on every admin user route", async () => {
    const target = admin.id;
    for (const [method, path, body] of [
      ["GET", "/api/users"],
      ["GET", `/api/users/${target}`],
      ["PUT", `/api/users/${target}`, { full_name: "Hacked" }],
      ["DELETE", `/api/users/${target}`],
      ["GET", `/api/users/${target}/progress`],
    ] as const) {
      expectProblem(await api.request(method, path, { token: studentToken, body }), 403);
      expectProblem(await api.request(method, path, { body }), 401);
    }
    expect((await asAdmin("GET", `/api/users/${target}`)).body.is_active).toBe(true);
  });
});
