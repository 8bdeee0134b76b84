import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestApi } from "../support/api";
import { givenUser, signIn } from "../support/users";

/**
 * Captures everything the handlers log (Powertools writes JSON lines to stdout/stderr) during a scripted session
 * with passwords, tokens, presigned URLs and failures, and looks for any of those secrets in it.
 */
// Every request line is an INFO log; the other test files keep the logs to warnings. Set before any module
// creates the logger (Powertools resets a changed level to the initial one on every invocation).
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = "INFO";
});

const api = useTestApi();
const captured: string[] = [];
const originals = { stdout: process.stdout.write.bind(process.stdout), stderr: process.stderr.write.bind(process.stderr) };

beforeAll(() => {
  for (const stream of ["stdout", "stderr"] as const) {
    process[stream].write = ((chunk: string | Uint8Array) => {
      captured.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString());
      // Kept out of the test run's output; the originals come back after the test.
      return true;
    }) as typeof process.stdout.write;
  }
});

afterAll(() => {
  process.stdout.write = originals.stdout;
  process.stderr.write = originals.stderr;
});

describe("logs", () => {
  it("hold no password, token, presigned signature or private key after a full scripted session", async () => {
    const adminPassword = "admin secret password 1";
    const admin = await givenUser("ADMIN", { password: adminPassword });
    const adminSession = await signIn(api, { email: admin.email, password: adminPassword });
    const as = (method: string, path: string, body?: unknown, token = adminSession.access_token) => api.request(method, path, { token, body });

    const studentPassword = "student secret password 2";
    const created = await as("POST", "/api/users", { email: `logs-${Date.now()}@example.com`, password: studentPassword, full_name: "Lola" });
    expect(created.status).toBe(201);
    const wrong = await api.request("POST", "/api/auth/login", { body: { email: created.body.email, password: "a wrong password 3" } });
    expect(wrong.status).toBe(401);
    const student = await signIn(api, { email: created.body.email, password: studentPassword });
    const refreshed = await api.request("POST", "/api/auth/refresh", { body: { refresh_token: student.refresh_token } });
    expect(refreshed.status).toBe(200);
    const reused = await api.request("POST", "/api/auth/refresh", { body: { refresh_token: student.refresh_token } });
    expect(reused.status).toBe(401);
    const newPassword = "a brand new password 4";
    const changed = await as("PUT", "/api/auth/change-password", { current_password: studentPassword, new_password: newPassword, confirm_password: newPassword }, refreshed.body.access_token);
    expect(changed.status).toBe(200);

    const course = await as("POST", "/api/courses", { title: "Logs", description: "d" });
    const recipe = await as("POST", `/api/courses/${course.body.id}/recipes`, { title: "Receta" });
    const upload = await as("POST", `/api/recipes/${recipe.body.id}/upload-image`, { content_type: "image/jpeg" });
    expect(upload.status).toBe(200);
    expect((await as("GET", "/api/auth/me", undefined, "not.a.token")).status).toBe(401);
    expect((await as("GET", `/api/courses/${course.body.id}`)).status).toBe(200);

    const logs = captured.join("");
    // Not vacuous: the session was logged, request by request.
    expect(logs).toMatch(/"message":"request"/);
    expect(logs.match(/"message":"request"/g)!.length).toBeGreaterThanOrEqual(10);

    const secrets = [
      adminPassword,
      studentPassword,
      newPassword,
      "a wrong password 3",
      adminSession.access_token,
      adminSession.refresh_token,
      student.access_token,
      student.refresh_token,
      refreshed.body.access_token,
      refreshed.body.refresh_token,
      changed.body.access_token,
      upload.body.fields.Policy,
      upload.body.fields["X-Amz-Signature"],
      process.env.SST_Secret_value_JWT_PRIVATE_KEY!.split("\n")[1]!,
      process.env.SST_Secret_value_CURSOR_KEY!,
    ];
    for (const secret of secrets) {
      expect(secret, "a secret of the session").toBeTruthy();
      expect(logs.includes(secret), `the logs contain ${secret.slice(0, 12)}…`).toBe(false);
    }
    expect(logs).not.toMatch(/X-Amz-Signature|X-Amz-Credential|"authorization"|Bearer /i);
  });
});
