import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDynamoLocal, type DynamoLocal } from "../../dev/dynamodb";
import { useTestApi } from "../support/api";
import { givenUser, signIn } from "../support/users";

/**
 * DynamoDB Local restarted under a running API (what happens to `npm run dev` when Java is restarted, or to
 * the deployed API when DynamoDB is unreachable): while it is down every request is a clear 503 problem with
 * Retry-After, never a 500; once it is back the same API process answers again, with the data it had.
 * This file runs its own DynamoDB Local, on disk, so stopping it affects no other test file.
 */
let dynamo: DynamoLocal;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "dulcevicio-restart-"));
  dynamo = await startDynamoLocal({ port: 0, dataDir });
  // Before the API's first request: the SDK resolves its endpoint from the environment on first use.
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
});
const api = useTestApi();

afterAll(async () => {
  await dynamo.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("the database goes away and comes back", () => {
  it("answers 503 with Retry-After while it is down, and recovers without restarting the API", async () => {
    const admin = await givenUser("ADMIN");
    const { access_token: token } = await signIn(api, admin);
    const course = await api.request("POST", "/api/courses", { token, body: { title: "Antes del corte", description: "d" } });
    expect(course.status).toBe(201);

    await dynamo.stop();
    for (const [method, url, body] of [
      ["GET", "/api/health"],
      ["GET", `/api/courses/${course.body.id}`],
      ["POST", "/api/courses", { title: "Durante el corte", description: "d" }],
      ["POST", "/api/auth/login", { email: admin.email, password: admin.password }],
    ] as const) {
      const response = await api.request(method, url, { token, body });
      expect(response.status, `${method} ${url}`).toBe(503);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.headers.get("retry-after")).toBe("5");
      expect(response.body.detail).toMatch(/cannot reach its database/);
    }

    dynamo = await startDynamoLocal({ port: dynamo.port, dataDir });
    const after = await api.request("GET", `/api/courses/${course.body.id}`, { token });
    expect(after.status).toBe(200);
    expect(after.body.title).toBe("Antes del corte");
    const list = await api.request("GET", "/api/courses", { token });
    expect(list.body.items.map((item: { title: string }) => item.title)).toEqual(["Antes del corte"]);
  });
});
