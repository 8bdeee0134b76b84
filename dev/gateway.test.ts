/**
 * The local API gateway, exercised over real HTTP with a small route table of its own (independent of the app's
 * routes), so these tests pin down the API Gateway behaviour the handlers rely on.
 */
import http from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { CorsPolicy } from "../core/http/cors";
import type { Route } from "../core/routes";
import { MAX_BODY_BYTES, startGateway, type GatewayHandler, type LocalGateway } from "./gateway";

const ALLOWED_ORIGIN = "http://localhost:5173";
const TIMEOUT_MS = 5_000;

const cors: CorsPolicy = {
  allowOrigins: [ALLOWED_ORIGIN],
  allowMethods: ["GET", "POST", "OPTIONS"],
  allowHeaders: ["authorization", "content-type"],
  exposeHeaders: ["x-request-id", "location"],
  maxAgeSeconds: 600,
};

const route = (method: Route["method"], routePath: string, handler: string): Route => ({
  method,
  path: routePath,
  handler,
  auth: "public",
  uses: [],
  summary: handler,
});

// Route order is deliberately unhelpful: specificity, not position in the table, must decide.
const testRoutes: Route[] = [
  route("GET", "/api/things/{id}", "things/get"),
  route("POST", "/api/things", "things/create"),
  route("GET", "/api/files/{proxy+}", "files/get"),
  route("GET", "/api/things/special", "things/special"),
  route("GET", "/api/boom", "boom"),
  route("GET", "/api/plain", "plain"),
  route("GET", "/api/cookies", "cookies"),
  route("GET", "/api/binary", "binary"),
  route("GET", "/api/cors-leak", "cors-leak"),
  route("GET", "/api/slow", "slow"),
  // Last on purpose: the least specific route must not win just because it matches too.
  route("GET", "/api/{proxy+}", "catch-all"),
];

interface Echo {
  event: APIGatewayProxyEventV2;
  context: Context & { remaining: number };
}

/** Sends the event and the context (with the remaining time read inside the handler) back as JSON. */
const echo: GatewayHandler = async (event, context) => ({
  statusCode: 200,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ event, context: { ...context, remaining: context.getRemainingTimeInMillis() } }),
});

const handlers: Record<string, GatewayHandler> = {
  "things/get": echo,
  "things/create": echo,
  "files/get": echo,
  "things/special": echo,
  "catch-all": echo,
  boom: async () => {
    throw new Error("secret database password in this message");
  },
  // Not a structured result: API Gateway serializes it as the body of a 200 JSON response.
  plain: async () => ({ hello: "world", count: 2 }) as unknown as APIGatewayProxyResultV2,
  cookies: async () => ({
    statusCode: 201,
    headers: { "x-custom": "yes" },
    cookies: ["a=1; Path=/; HttpOnly", "b=2; Path=/api"],
    body: "",
  }),
  binary: async () => ({
    statusCode: 200,
    headers: { "content-type": "image/png" },
    body: Buffer.from([0, 1, 2, 255, 254]).toString("base64"),
    isBase64Encoded: true,
  }),
  // A handler trying to open CORS wider than the configuration allows.
  "cors-leak": async () => ({ statusCode: 200, headers: { "access-control-allow-origin": "*" }, body: "ok" }),
  slow: async () => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    return { statusCode: 200, body: "too late" };
  },
};

let gateway: LocalGateway;
const loads = new Map<string, number>();
let invocations = 0;
let staticDir: string;

beforeAll(async () => {
  staticDir = mkdtempSync(path.join(os.tmpdir(), "gateway-static-"));
  writeFileSync(path.join(staticDir, "hello.txt"), "hello static");
  gateway = await startGateway({
    port: 0,
    routes: testRoutes,
    loadHandler: async (r) => {
      loads.set(r.handler, (loads.get(r.handler) ?? 0) + 1);
      const handler = handlers[r.handler];
      if (!handler) throw new Error(`no test handler ${r.handler}`);
      return handler;
    },
    cors,
    timeoutMs: TIMEOUT_MS,
    aroundInvoke: async (r, invoke) => {
      invocations++;
      const result = await invoke();
      return { ...result, headers: { ...result.headers, "x-around": `${r.method} ${r.path}` } };
    },
    staticRoutes: [{ prefix: "/static/", directory: staticDir }],
  });
});

afterAll(async () => {
  await gateway?.close();
  rmSync(staticDir, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function getEcho(pathAndQuery: string, init?: RequestInit): Promise<Echo> {
  const response = await fetch(gateway.url + pathAndQuery, init);
  expect(response.status).toBe(200);
  return (await response.json()) as Echo;
}

describe("routing", () => {
  it("returns a URL with the real port", () => {
    expect(gateway.port).toBeGreaterThan(0);
    expect(gateway.url).toBe(`http://127.0.0.1:${gateway.port}`);
  });

  it("matches {param} routes and URL-decodes path parameters, keeping rawPath as sent", async () => {
    const { event } = await getEcho("/api/things/caf%C3%A9%20ol%C3%A9");
    expect(event.routeKey).toBe("GET /api/things/{id}");
    expect(event.pathParameters).toEqual({ id: "café olé" });
    expect(event.rawPath).toBe("/api/things/caf%C3%A9%20ol%C3%A9");
  });

  it("lets a literal segment beat a {param}", async () => {
    const { event } = await getEcho("/api/things/special");
    expect(event.routeKey).toBe("GET /api/things/special");
    expect(event.pathParameters).toBeUndefined();
  });

  it("prefers any more specific route to a catch-all {proxy+}, wherever it sits in the table", async () => {
    expect((await getEcho("/api/things/7")).event.routeKey).toBe("GET /api/things/{id}");
    expect((await getEcho("/api/files/x")).event.routeKey).toBe("GET /api/files/{proxy+}");
    expect((await getEcho("/api/other/x")).event.routeKey).toBe("GET /api/{proxy+}");
  });

  it("matches greedy {proxy+} over several segments", async () => {
    const { event } = await getEcho("/api/files/a/b/c%20d.txt");
    expect(event.routeKey).toBe("GET /api/files/{proxy+}");
    expect(event.pathParameters).toEqual({ proxy: "a/b/c d.txt" });
  });

  it("answers 404 problem+json for an unknown path", async () => {
    const response = await fetch(`${gateway.url}/nope`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toEqual({
      type: "about:blank",
      title: "Not Found",
      status: 404,
      detail: "No route for GET /nope",
    });
  });

  it("answers 404 for a known path with another method, without invoking anything", async () => {
    const before = invocations;
    const response = await fetch(`${gateway.url}/api/things/1`, { method: "DELETE" });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { detail: string }).detail).toBe("No route for DELETE /api/things/1");
    expect(invocations).toBe(before);
  });

  it("loads each handler module once", async () => {
    await getEcho("/api/things/1");
    await getEcho("/api/things/2");
    expect(loads.get("things/get")).toBe(1);
  });
});

describe("the event (payload 2.0)", () => {
  it("has lower-cased headers, the cookies array, and no cookie header", async () => {
    const { event } = await getEcho("/api/things/1", {
      headers: { "X-Custom-Header": "Value", Cookie: "session=abc; theme=dark", "User-Agent": "gateway-test/1.0" },
    });
    expect(event.version).toBe("2.0");
    expect(event.headers["x-custom-header"]).toBe("Value");
    expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(event.cookies).toEqual(["session=abc", "theme=dark"]);
    expect(event.headers.cookie).toBeUndefined();
  });

  it("omits cookies, queryStringParameters and body when there are none", async () => {
    const { event } = await getEcho("/api/things/special");
    expect("cookies" in event).toBe(false);
    expect("queryStringParameters" in event).toBe(false);
    expect("body" in event).toBe(false);
    expect(event.isBase64Encoded).toBe(false);
    expect(event.rawQueryString).toBe("");
  });

  it("joins repeated headers with commas (sent as separate header lines)", async () => {
    // fetch folds repeated headers itself, so use node:http to put two real header lines on the wire.
    const body = await new Promise<string>((resolve, reject) => {
      const request = http.request(
        `${gateway.url}/api/things/1`,
        { headers: { "x-multi": ["one", "two"], cookie: ["a=1", "b=2; c=3"] } },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => resolve(text));
        },
      );
      request.on("error", reject);
      request.end();
    });
    const { event } = JSON.parse(body) as Echo;
    expect(event.headers["x-multi"]).toBe("one,two");
    expect(event.cookies).toEqual(["a=1", "b=2", "c=3"]);
  });

  it("joins repeated query keys and decodes values, keeping rawQueryString", async () => {
    const { event } = await getEcho("/api/things/1?tag=a&tag=b&q=hello%20world&empty=");
    expect(event.rawQueryString).toBe("tag=a&tag=b&q=hello%20world&empty=");
    expect(event.queryStringParameters).toEqual({ tag: "a,b", q: "hello world", empty: "" });
  });

  it("passes a JSON body as UTF-8 text", async () => {
    const json = JSON.stringify({ name: "Tarta de limón", n: 1 });
    const { event } = await getEcho("/api/things", {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: json,
    });
    expect(event.routeKey).toBe("POST /api/things");
    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBe(json);
  });

  it("passes a binary body base64-encoded", async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x10, 0x80]);
    const { event } = await getEcho("/api/things", {
      method: "POST",
      headers: { "content-type": "image/jpeg" },
      body: bytes,
    });
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, "base64").equals(bytes)).toBe(true);
  });

  it("fills requestContext like API Gateway", async () => {
    const before = Date.now();
    const { event } = await getEcho("/api/things/42?x=1", { headers: { "user-agent": "gateway-test/1.0" } });
    const ctx = event.requestContext;
    expect(ctx.routeKey).toBe("GET /api/things/{id}");
    expect(ctx.stage).toBe("$default");
    expect(ctx.accountId).toBe("offline");
    expect(ctx.apiId).toBe("local");
    expect(ctx.domainName).toBe("127.0.0.1");
    expect(ctx.http).toEqual({
      method: "GET",
      path: "/api/things/42",
      protocol: "HTTP/1.1",
      sourceIp: "127.0.0.1",
      userAgent: "gateway-test/1.0",
    });
    expect(ctx.requestId).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(ctx.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(ctx.timeEpoch).toBeGreaterThanOrEqual(before);
    expect(ctx.timeEpoch).toBeLessThanOrEqual(Date.now());
    expect(event.headers["x-forwarded-for"]).toBe("127.0.0.1");
  });
});

describe("the Lambda context", () => {
  it("has a fresh awsRequestId per request and the function's identity", async () => {
    const first = (await getEcho("/api/things/1")).context;
    const second = (await getEcho("/api/things/1")).context;
    expect(first.awsRequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second.awsRequestId).not.toBe(first.awsRequestId);
    expect(first.functionName).toBe("dulcevicio-local-things-get");
    expect(first.functionVersion).toBe("$LATEST");
    expect(first.memoryLimitInMB).toBe("512");
    expect(first.invokedFunctionArn).toMatch(/:function:dulcevicio-local-things-get$/);
    expect(first.logGroupName).toBe("/aws/lambda/dulcevicio-local-things-get");
  });

  it("counts the remaining time down from the timeout", async () => {
    const { context } = await getEcho("/api/things/1");
    expect(context.remaining).toBeGreaterThan(0);
    expect(context.remaining).toBeLessThanOrEqual(TIMEOUT_MS);
  });
});

describe("responses", () => {
  it("refuses bodies over 10 MB with 413 problem+json, without invoking", async () => {
    const before = invocations;
    const response = await fetch(`${gateway.url}/api/things`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: Buffer.alloc(MAX_BODY_BYTES + 1, 1),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(((await response.json()) as { status: number }).status).toBe(413);
    expect(invocations).toBe(before);
  });

  it("accepts a body of exactly 10 MB", async () => {
    const response = await fetch(`${gateway.url}/api/things`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: Buffer.alloc(MAX_BODY_BYTES, 1),
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  });

  it("turns a throwing handler into a 500 problem+json without details, and logs the error with the route", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await fetch(`${gateway.url}/api/boom`);
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      type: "about:blank",
      title: "Internal Server Error",
      status: 500,
      detail: "Internal Server Error",
    });
    expect(text).not.toMatch(/secret|at .*\(|\.ts/);
    expect(logged).toHaveBeenCalled();
    expect(String(logged.mock.calls[0]?.[0])).toContain("GET /api/boom");
  });

  it("serializes a non-structured result as a 200 JSON body", async () => {
    const response = await fetch(`${gateway.url}/api/plain`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ hello: "world", count: 2 });
  });

  it("writes status, headers and one set-cookie per cookie", async () => {
    const response = await fetch(`${gateway.url}/api/cookies`);
    expect(response.status).toBe(201);
    expect(response.headers.get("x-custom")).toBe("yes");
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/; HttpOnly", "b=2; Path=/api"]);
  });

  it("decodes a base64 response body", async () => {
    const response = await fetch(`${gateway.url}/api/binary`);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from([0, 1, 2, 255, 254]))).toBe(true);
  });

  it("lets aroundInvoke change the result (also for failures)", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const ok = await fetch(`${gateway.url}/api/things/1`);
    expect(ok.headers.get("x-around")).toBe("GET /api/things/{id}");
    const failed = await fetch(`${gateway.url}/api/boom`);
    expect(failed.status).toBe(500);
    expect(failed.headers.get("x-around")).toBe("GET /api/boom");
  });

  it("answers 504 problem+json when the handler outlives the timeout", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const fast = await startGateway({
      port: 0,
      routes: testRoutes,
      loadHandler: async (r) => handlers[r.handler]!,
      cors,
      timeoutMs: 50,
    });
    try {
      const started = Date.now();
      const response = await fetch(`${fast.url}/api/slow`);
      expect(response.status).toBe(504);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(((await response.json()) as { title: string }).title).toBe("Gateway Timeout");
      expect(Date.now() - started).toBeLessThan(400); // did not wait for the handler
      expect(logged).toHaveBeenCalled();
    } finally {
      await fast.close();
    }
  });
});

describe("CORS", () => {
  it("answers an allowed preflight itself with 204 and the allow headers", async () => {
    const before = invocations;
    const response = await fetch(`${gateway.url}/api/things`, {
      method: "OPTIONS",
      headers: {
        origin: ALLOWED_ORIGIN,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,authorization",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get("access-control-allow-methods")).toBe("GET,POST,OPTIONS");
    expect(response.headers.get("access-control-allow-headers")).toBe("authorization,content-type");
    expect(response.headers.get("access-control-max-age")).toBe("600");
    expect(invocations).toBe(before);
  });

  it("answers a preflight from a disallowed origin with 204 and no allow headers", async () => {
    const response = await fetch(`${gateway.url}/api/things`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-methods")).toBeNull();
  });

  it("answers 404 to an OPTIONS that is not a preflight", async () => {
    const response = await fetch(`${gateway.url}/unknown`, { method: "OPTIONS" });
    expect(response.status).toBe(404);
  });

  it("adds allow-origin, expose-headers and vary to responses for an allowed origin", async () => {
    const response = await fetch(`${gateway.url}/api/things/1`, { headers: { origin: ALLOWED_ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get("access-control-expose-headers")).toBe("x-request-id,location");
    expect(response.headers.get("vary")).toMatch(/\borigin\b/i);
  });

  it("gives a disallowed origin no CORS headers, even if the handler sets some", async () => {
    const response = await fetch(`${gateway.url}/api/cors-leak`, { headers: { origin: "https://evil.example" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const allowed = await fetch(`${gateway.url}/api/cors-leak`, { headers: { origin: ALLOWED_ORIGIN } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
  });
});

describe("static files", () => {
  it("serves a file under the prefix and nothing outside the directory", async () => {
    const response = await fetch(`${gateway.url}/static/hello.txt`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("hello static");
    // %2f is not a separator for the URL parser, so this reaches the gateway as `..` segments once decoded.
    const escape = await fetch(`${gateway.url}/static/..%2f..%2fetc%2fpasswd`);
    expect(escape.status).toBe(404);
  });
});

describe("close", () => {
  it("closes promptly with a keep-alive connection open and a request still running", async () => {
    let release: () => void = () => {};
    const hanging = new Promise<void>((resolve) => (release = resolve));
    const other = await startGateway({
      port: 0,
      routes: testRoutes,
      loadHandler: async (r) => (r.handler === "slow" ? async () => (await hanging, { statusCode: 200 }) : echo),
      cors,
    });
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      http.get(`${other.url}/api/things/1`, { agent }, (response) => response.resume().on("end", resolve)).on("error", reject);
    });
    const inFlight = fetch(`${other.url}/api/slow`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the request reach the handler
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(500);
    expect(await inFlight).toBeInstanceOf(Error); // the connection was cut, not answered
    release();
    agent.destroy();
    await expect(fetch(`${other.url}/api/things/1`)).rejects.toThrow();
  });
});
