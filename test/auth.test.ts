import { createHmac, createPrivateKey, createPublicKey, sign } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { signAccessToken } from "../core/auth/access-token";
import { generateSigningKey, loadSigningKey } from "../core/auth/keys";
import { LIMITS } from "../core/auth/throttle";
import { db } from "../core/db/service";
import { SECURITY_HEADERS } from "../core/http/handler";
import { useTestApi } from "./support/api";
import { givenUser, signIn, type TestUser } from "./support/users";

const api = useTestApi();

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A JWT with any header and payload, signed by any EC key (or unsigned). */
function forgeToken(header: object, payload: object, privateKeyPem?: string): string {
  const input = `${b64(header)}.${b64(payload)}`;
  if (!privateKeyPem) return `${input}.`;
  const signature = sign("sha256", Buffer.from(input), { key: createPrivateKey(privateKeyPem), dsaEncoding: "ieee-p1363" });
  return `${input}.${signature.toString("base64url")}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
}

function expectProblem(response: { status: number; headers: Headers; body: unknown }, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.body).toMatchObject({ type: "about:blank", status, title: expect.any(String), detail: expect.any(String) });
  expect(JSON.stringify(response.body)).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack frames
}

describe("sign-in", () => {
  let student: TestUser;
  beforeAll(async () => {
    student = await givenUser("USER");
  });

  it("gives a token pair and the user for the right email and password", async () => {
    const response = await api.request("POST", "/api/auth/login", { body: { email: student.email.toUpperCase(), password: student.password } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ token_type: "Bearer", expires_in: 900, user: { id: student.id, email: student.email, role: "USER" } });
    expect(response.body.user).not.toHaveProperty("password_hash");
    const claims = claimsOf(response.body.access_token);
    expect(claims).toMatchObject({ sub: student.id, role: "USER", ver: 1, token_use: "access", iss: "urn:dulcevicio:test", aud: "urn:dulcevicio:api" });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
    expect(response.body.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Throttle counters and the email's owner in parallel, then the user, then the new session.
    expect(response.dynamoCommands.sort()).toEqual(["BatchGetItem", "GetItem", "GetItem", "TransactWriteItems"]);
  });

  it("answers a wrong password and an unknown email with the same 401", async () => {
    const wrongPassword = await api.request("POST", "/api/auth/login", { body: { email: student.email, password: "not the password" } });
    const unknownEmail = await api.request("POST", "/api/auth/login", { body: { email: "nobody-here@example.com", password: "not the password" } });
    expectProblem(wrongPassword, 401);
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
  });

  it("throttles an account after repeated failures with 429 and Retry-After, even for the right password", async () => {
    const victim = await givenUser("USER");
    for (let attempt = 0; attempt < LIMITS.account; attempt += 1) {
      const response = await api.request("POST", "/api/auth/login", { body: { email: victim.email, password: `guess ${attempt}` } });
      expect(response.status).toBe(401);
    }
    const blocked = await api.request("POST", "/api/auth/login", { body: { email: victim.email, password: victim.password } });
    expectProblem(blocked, 429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
    // Other accounts from the same address are not locked out by one account's failures.
    expect((await api.request("POST", "/api/auth/login", { body: { email: student.email, password: student.password } })).status).toBe(200);
  });

  it("refuses a deactivated user's correct password with 403", async () => {
    const user = await givenUser("USER");
    await db().entities.user.patch({ user_id: user.id }).set({ is_active: false }).go();
    const response = await api.request("POST", "/api/auth/login", { body: { email: user.email, password: user.password } });
    expectProblem(response, 403);
  });
});

describe("refresh tokens", () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await givenUser("USER");
  });

  it("rotate: a refresh gives a new pair and spends the old refresh token", async () => {
    const first = await signIn(api, user);
    const second = await api.request("POST", "/api/auth/refresh", { body: { refresh_token: first.refresh_token } });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(second.dynamoCommands).toEqual(["GetItem", "GetItem", "TransactWriteItems"]);
    expect((await api.request("GET", "/api/auth/me", { token: second.body.access_token })).status).toBe(200);
    // The new refresh token works once more.
    const third = await api.request("POST", "/api/auth/refresh", { body: { refresh_token: second.body.refresh_token } });
    expect(third.status).toBe(200);
  });

  it("presenting a spent refresh token revokes its whole family", async () => {
    const first = await signIn(api, user);
    const second = await api.request("POST", "/api/auth/refresh", { body: { refresh_token: first.refresh_token } });
    expect(second.status).toBe(200);

    const replay = await api.request("POST", "/api/auth/refresh", { body: { refresh_token: first.refresh_token } });
    expectProblem(replay, 401);
    expect(replay.body.detail).toMatch(/already used/);
    // The token issued to the legitimate holder dies with the family.
    const afterRevocation = await api.request("POST", "/api/auth/refresh", { body: { refresh_token: second.body.refresh_token } });
    expectProblem(afterRevocation, 401);
  });

  it("an unknown refresh token is a 401", async () => {
    expectProblem(await api.request("POST", "/api/auth/refresh", { body: { refresh_token: "x".repeat(43) } }), 401);
  });

  it("logout ends the session: its refresh token no longer works; logout is 204 even for unknown tokens", async () => {
    const session = await signIn(api, user);
    const logout = await api.request("POST", "/api/auth/logout", { body: { refresh_token: session.refresh_token } });
    expect(logout.status).toBe(204);
    expect(logout.body).toBe("");
    expectProblem(await api.request("POST", "/api/auth/refresh", { body: { refresh_token: session.refresh_token } }), 401);
    expect((await api.request("POST", "/api/auth/logout", { body: { refresh_token: "never-issued" } })).status).toBe(204);
  });
});

describe("access tokens", () => {
  let user: TestUser;
  let session: { access_token: string; refresh_token: string };
  beforeAll(async () => {
    user = await givenUser("USER");
    session = await signIn(api, user);
  });

  it("GET /api/auth/me answers with the caller, for exactly one DynamoDB read", async () => {
    const response = await api.request("GET", "/api/auth/me", { token: session.access_token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: user.id, email: user.email, role: "USER", is_active: true });
    expect(response.dynamoCommands).toEqual(["GetItem"]);
  });

  it("no token, a malformed header or a refresh token in place of an access token: 401", async () => {
    expectProblem(await api.request("GET", "/api/auth/me"), 401);
    expectProblem(await api.request("GET", "/api/auth/me", { headers: { authorization: `Basic ${session.access_token}` } }), 401);
    expectProblem(await api.request("GET", "/api/auth/me", { token: session.refresh_token }), 401);
  });

  it("an expired access token is refused with a hint to refresh", async () => {
    const sixteenMinutesAgo = new Date(Date.now() - 16 * 60 * 1000);
    const expired = signAccessToken({ sub: user.id, role: "USER", ver: 1 }, sixteenMinutesAgo);
    const response = await api.request("GET", "/api/auth/me", { token: expired });
    expectProblem(response, 401);
    expect(response.body.detail).toMatch(/expired/);
  });

  it("a tampered payload (role raised to ADMIN) fails the signature check", async () => {
    const [header, , signature] = session.access_token.split(".");
    const tampered = `${header}.${b64({ ...claimsOf(session.access_token), role: "ADMIN" })}.${signature}`;
    expectProblem(await api.request("GET", "/api/auth/me", { token: tampered }), 401);
    expectProblem(await api.request("POST", "/api/users", { token: tampered, body: {} }), 401);
  });

  it("alg none, another key, the wrong issuer or audience: all 401", async () => {
    const claims = claimsOf(session.access_token);
    const kid = JSON.parse(Buffer.from(session.access_token.split(".")[0]!, "base64url").toString()).kid as string;
    const ourKey = process.env.SST_Secret_value_JWT_PRIVATE_KEY!;
    const otherKey = generateSigningKey().privateKeyPem;

    const unsigned = forgeToken({ alg: "none", typ: "JWT", kid }, claims);
    const otherKeyOurKid = forgeToken({ alg: "ES256", typ: "JWT", kid }, claims, otherKey);
    const otherKeyOwnKid = forgeToken({ alg: "ES256", typ: "JWT", kid: loadSigningKey(otherKey).kid }, claims, otherKey);
    const wrongIssuer = forgeToken({ alg: "ES256", typ: "JWT", kid }, { ...claims, iss: "urn:dulcevicio:prod" }, ourKey);
    const wrongAudience = forgeToken({ alg: "ES256", typ: "JWT", kid }, { ...claims, aud: "someone-else" }, ourKey);
    const notAccess = forgeToken({ alg: "ES256", typ: "JWT", kid }, { ...claims, token_use: "refresh" }, ourKey);
    const control = forgeToken({ alg: "ES256", typ: "JWT", kid }, claims, ourKey);

    for (const token of [unsigned, otherKeyOurKid, otherKeyOwnKid, wrongIssuer, wrongAudience, notAccess]) {
      expectProblem(await api.request("GET", "/api/auth/me", { token }), 401);
    }
    // The forging helper itself is sound: the same claims signed with our key pass.
    expect((await api.request("GET", "/api/auth/me", { token: control })).status).toBe(200);
  });

  it("HS256 signed with our public key, an unknown kid, or a token not valid yet: all 401", async () => {
    const claims = claimsOf(session.access_token);
    const kid = JSON.parse(Buffer.from(session.access_token.split(".")[0]!, "base64url").toString()).kid as string;
    const ourKey = process.env.SST_Secret_value_JWT_PRIVATE_KEY!;
    // Key confusion: a verifier that took `alg` from the token would check this HMAC with the public key as secret.
    const publicKeyPem = createPublicKey(createPrivateKey(ourKey)).export({ format: "pem", type: "spki" }).toString();
    const publicJwk = (await api.request("GET", "/.well-known/jwks.json")).body.keys[0];
    const hmacInput = (secret: string) => {
      const input = `${b64({ alg: "HS256", typ: "JWT", kid })}.${b64(claims)}`;
      return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
    };
    const now = Math.floor(Date.now() / 1000);
    const tokens = [
      hmacInput(publicKeyPem),
      hmacInput(JSON.stringify(publicJwk)),
      forgeToken({ alg: "ES256", typ: "JWT", kid: "not-our-kid" }, claims, ourKey),
      forgeToken({ alg: "ES256", typ: "JWT", kid }, { ...claims, nbf: now + 600, iat: now + 600, exp: now + 1500 }, ourKey),
    ];
    for (const token of tokens) expectProblem(await api.request("GET", "/api/auth/me", { token }), 401);
  });

  it("a deactivated user's unexpired access token is refused at once", async () => {
    const other = await givenUser("USER");
    const otherSession = await signIn(api, other);
    await db().entities.user.patch({ user_id: other.id }).set({ is_active: false }).go();
    expectProblem(await api.request("GET", "/api/auth/me", { token: otherSession.access_token }), 401);
  });
});

describe("profile and password", () => {
  it("PUT /api/auth/me updates name, username and avatar; a taken username is 409; null clears", async () => {
    const alice = await givenUser("USER");
    const bob = await givenUser("USER");
    const aliceSession = await signIn(api, alice);
    const bobSession = await signIn(api, bob);

    const username = `alice_${Date.now()}`;
    const updated = await api.request("PUT", "/api/auth/me", {
      token: aliceSession.access_token,
      body: { full_name: "  Alice Pâtissière ", username, avatar_url: "https://cdn.example.com/a.png" },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ full_name: "Alice Pâtissière", username, avatar_url: "https://cdn.example.com/a.png" });

    const taken = await api.request("PUT", "/api/auth/me", { token: bobSession.access_token, body: { username: username.toUpperCase() } });
    expectProblem(taken, 409);

    const cleared = await api.request("PUT", "/api/auth/me", { token: aliceSession.access_token, body: { username: null, avatar_url: null } });
    expect(cleared.body).toMatchObject({ username: null, avatar_url: null, full_name: "Alice Pâtissière" });
    // The username is free again.
    expect((await api.request("PUT", "/api/auth/me", { token: bobSession.access_token, body: { username } })).status).toBe(200);
  });

  it("PUT /api/auth/me refuses unknown fields, role changes and bad URLs with field errors", async () => {
    const user = await givenUser("USER");
    const session = await signIn(api, user);
    const response = await api.request("PUT", "/api/auth/me", { token: session.access_token, body: { role: "ADMIN", avatar_url: "javascript:alert(1)" } });
    expectProblem(response, 400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { path: "body.role", message: "is not a known field" },
        { path: "body.avatar_url", message: "must be an https URL" },
      ]),
    );
  });

  it("a password change refuses earlier access and refresh tokens and gives a new working pair", async () => {
    const user = await givenUser("USER");
    const before = await signIn(api, user);
    const change = await api.request("PUT", "/api/auth/change-password", {
      token: before.access_token,
      body: { current_password: user.password, new_password: "a brand new secret", confirm_password: "a brand new secret" },
    });
    expect(change.status).toBe(200);
    expectProblem(await api.request("GET", "/api/auth/me", { token: before.access_token }), 401);
    expectProblem(await api.request("POST", "/api/auth/refresh", { body: { refresh_token: before.refresh_token } }), 401);
    expect((await api.request("GET", "/api/auth/me", { token: change.body.access_token })).status).toBe(200);
    expect((await api.request("POST", "/api/auth/login", { body: { email: user.email, password: user.password } })).status).toBe(401);
    expect((await api.request("POST", "/api/auth/login", { body: { email: user.email, password: "a brand new secret" } })).status).toBe(200);
  });

  it("a wrong current password, a short new one or a mismatched confirmation are 400s naming the field", async () => {
    const user = await givenUser("USER");
    const session = await signIn(api, user);
    const wrong = await api.request("PUT", "/api/auth/change-password", {
      token: session.access_token,
      body: { current_password: "not it", new_password: "long enough pw", confirm_password: "long enough pw" },
    });
    expectProblem(wrong, 400);
    expect(wrong.body.errors).toEqual([{ path: "body.current_password", message: "is incorrect" }]);

    const invalid = await api.request("PUT", "/api/auth/change-password", {
      token: session.access_token,
      body: { current_password: user.password, new_password: "short", confirm_password: "different" },
    });
    expectProblem(invalid, 400);
    // Both are wrong: the new password is too short, and the confirmation does not repeat it.
    expect(invalid.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(["body.confirm_password", "body.new_password"]);

    const mismatch = await api.request("PUT", "/api/auth/change-password", {
      token: session.access_token,
      body: { current_password: user.password, new_password: "long enough pw", confirm_password: "long enough pX" },
    });
    expect(mismatch.body.errors).toEqual([{ path: "body.confirm_password", message: "must be the same as new_password" }]);
    // Nothing changed: the old password still signs in.
    expect((await api.request("POST", "/api/auth/login", { body: { email: user.email, password: user.password } })).status).toBe(200);
  });
});

describe("POST /api/users", () => {
  let admin: { access_token: string };
  beforeAll(async () => {
    admin = await signIn(api, await givenUser("ADMIN"));
  });

  it("an admin creates a user who can then sign in; the email is unique regardless of case", async () => {
    const email = `new-${Date.now()}@example.com`;
    const createdUser = await api.request("POST", "/api/users", {
      token: admin.access_token,
      body: { email, password: "initial password", full_name: "Nueva Alumna" },
    });
    expect(createdUser.status).toBe(201);
    expect(createdUser.body).toMatchObject({ email, role: "USER", is_active: true, username: null });
    expect(createdUser.body.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect((await api.request("POST", "/api/auth/login", { body: { email, password: "initial password" } })).status).toBe(200);

    const duplicate = await api.request("POST", "/api/users", {
      token: admin.access_token,
      body: { email: email.toUpperCase(), password: "another password", full_name: "Copy" },
    });
    expectProblem(duplicate, 409);
  });

  it("a student cannot create users (403) and an anonymous caller gets 401", async () => {
    const student = await signIn(api, await givenUser("USER"));
    const body = { email: `x-${Date.now()}@example.com`, password: "whatever123", full_name: "X", role: "ADMIN" };
    expectProblem(await api.request("POST", "/api/users", { token: student.access_token, body }), 403);
    expectProblem(await api.request("POST", "/api/users", { body }), 401);
  });

  it("validates email, password length and role, naming each field", async () => {
    const response = await api.request("POST", "/api/users", {
      token: admin.access_token,
      body: { email: "not-an-email", password: "short", full_name: "", role: "ROOT" },
    });
    expectProblem(response, 400);
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(["body.email", "body.full_name", "body.password", "body.role"]);
    const tooLong = await api.request("POST", "/api/users", {
      token: admin.access_token,
      body: { email: "ok@example.com", password: "x".repeat(129), full_name: "Ok" },
    });
    expect(tooLong.body.errors).toEqual([{ path: "body.password", message: "must be at most 128 characters" }]);
  });
});

describe("the HTTP contract", () => {
  it("malformed JSON is 400, a non-JSON body 415, a missing body 400, a missing field 'is required'", async () => {
    expectProblem(await api.request("POST", "/api/auth/login", { rawBody: '{"email": "a@b.co",', headers: { "content-type": "application/json" } }), 400);
    expectProblem(await api.request("POST", "/api/auth/login", { rawBody: "email=a@b.co&password=x", headers: { "content-type": "application/x-www-form-urlencoded" } }), 415);
    expectProblem(await api.request("POST", "/api/auth/login", { headers: { "content-type": "application/json" } }), 400);
    const missing = await api.request("POST", "/api/auth/login", { body: { email: "a@b.co" } });
    expect(missing.body.errors).toEqual([{ path: "body.password", message: "is required" }]);
    const wrongType = await api.request("POST", "/api/auth/login", { body: { email: "a@b.co", password: 12345678 } });
    expect(wrongType.body.errors).toEqual([{ path: "body.password", message: "must be a string" }]);
    expectProblem(await api.request("POST", "/api/auth/login", { body: [1, 2] }), 400);
  });

  it("a body over 256 KB is 413 without touching the database", async () => {
    const response = await api.request("POST", "/api/auth/login", { body: { email: "a@b.co", password: "x".repeat(300_000) } });
    expectProblem(response, 413);
    expect(response.dynamoRequests).toBe(0);
  });

  it("an unknown route is a 404 problem", async () => {
    const response = await api.request("GET", "/api/no-such-thing");
    expectProblem(response, 404);
    expect((await api.request("DELETE", "/api/auth/me")).status).toBe(404);
  });

  it("every answer carries the security headers and a request id, errors included", async () => {
    const responses = [
      await api.request("GET", "/api/health"),
      await api.request("GET", "/api/auth/me"),
      await api.request("POST", "/api/auth/login", { body: {} }),
    ];
    for (const response of responses) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
      expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("GET /api/health answers ok once the table is reachable", async () => {
    const response = await api.request("GET", "/api/health");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok" });
    expect(response.dynamoCommands).toEqual(["GetItem"]);
  });

  it("GET /.well-known/jwks.json publishes the ES256 public key that verifies our tokens, and nothing private", async () => {
    const response = await api.request("GET", "/.well-known/jwks.json");
    expect(response.status).toBe(200);
    expect(response.body.keys).toHaveLength(1);
    const [key] = response.body.keys;
    expect(key).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    expect(key).not.toHaveProperty("d");
    const user = await givenUser("USER");
    const session = await signIn(api, user);
    expect(JSON.parse(Buffer.from(session.access_token.split(".")[0]!, "base64url").toString()).kid).toBe(key.kid);
  });
});
