import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import * as z from "zod";
import { SECURITY_HEADERS } from "../../core/http/handler";
import { newId } from "../../core/ids";
import { DOCS_PAGE_CSP } from "../../core/openapi/docs";
import { routeKey, routes, type Route } from "../../core/routes";
import { useTestApi, type ApiResponse } from "../support/api";
import { givenUser, signIn } from "../support/users";

/**
 * Bad input over every route of the route table (a new route is fuzzed without anyone adding it here): malformed
 * JSON, wrong content types, invalid UTF-8, wrong types, null bytes, 1 MB strings, huge numbers, arrays where
 * objects belong, unknown fields and query parameters, integers not written in plain digits, invalid ids and cursors,
 * broken credentials. Every answer must be a 4xx problem+json without a trace of the internals; zero 5xx. Where a
 * case might be valid for a route (its schema accepts it), only "no 5xx, no leak" is required. Every answer, refusal
 * or not, carries the security headers.
 */
const api = useTestApi();
let adminToken: string;

interface Spec {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
}

interface Case {
  name: string;
  path: string;
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Must be refused (4xx); otherwise it only must not break anything. */
  mustRefuse: boolean;
}

async function specOf(route: Route): Promise<Spec> {
  const file = pathToFileURL(path.resolve("functions", `${route.handler}.ts`)).href;
  const module = (await import(/* @vite-ignore */ file)) as { handler: { spec: Spec } };
  return module.handler.spec;
}

const fill = (template: string, value: string) => template.replace(/\{[^}]+\}/g, value);
const MEGABYTE = "x".repeat(1024 * 1024);
const WRONG_VALUES: Array<[string, unknown]> = [
  ["an array", []],
  ["an object", { nested: true }],
  ["a huge number", 1e308],
  ["a negative huge number", -1e308],
  ["a null byte string", "a\u0000b"],
  ["null", null],
  ["a boolean", true],
  ["a lone surrogate", "\ud800"],
];

/** The keys a body schema knows (top-level object shapes only; anything else gets a single made-up key). */
function fieldsOf(schema: z.ZodType | undefined): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> }; schema?: { shape?: Record<string, unknown> } } }) ?? {};
  const keys = Object.keys(shape.shape ?? shape.def?.in?.shape ?? shape.def?.schema?.shape ?? {});
  return keys.length > 0 ? keys : ["value"];
}

function casesFor(route: Route, spec: Spec): Case[] {
  const goodPath = fill(route.path, newId());
  const refusesJson = (value: unknown) => spec.body !== undefined && !spec.body.safeParse(value).success;
  const json = (name: string, value: unknown): Case => ({ name, path: goodPath, rawBody: JSON.stringify(value), headers: { "content-type": "application/json" }, mustRefuse: refusesJson(value) });
  const cases: Case[] = [];

  // Path ids: every route with a path variable refuses these (400 for an id, 404 for an unknown file name).
  if (route.path.includes("{")) {
    for (const [name, value] of [
      ["a short id", "123"],
      ["a word", "not-an-id"],
      ["a 300-character id", "A".repeat(300)],
      ["a NUL byte", "%00"],
      ["a path traversal", "..%2F..%2Fetc%2Fpasswd"],
      ["a lower-case ULID with a bad letter", "01hzzzzzzzzzzzzzzzzzzzzzzu"],
    ]) {
      cases.push({ name: `path: ${name}`, path: fill(route.path, value!), mustRefuse: true });
    }
  }

  // Query strings: every route refuses a parameter it does not know; a route without a query knows none.
  const query = spec.query ?? z.strictObject({});
  for (const [name, queryString] of [
    ["a negative limit", "limit=-1"],
    ["a word as limit", "limit=abc"],
    ["an infinite limit", "limit=1e309"],
    ["a limit in exponent notation", "limit=1e1"],
    ["a limit after a space", "limit=%205"],
    ["a limit with a leading zero", "limit=05"],
    ["a limit with a fraction", "limit=5.0"],
    ["a hexadecimal limit", "limit=0x10"],
    ["a forged cursor", "cursor=bm90LWEtY3Vyc29y.AAAAAAAAAAAAAAAAAAAAAA"],
    ["a cursor of garbage", `cursor=${encodeURIComponent("{}\u0000<script>")}`],
    ["an unknown parameter", "zzz_unknown=1"],
  ]) {
    cases.push({ name: `query: ${name}`, path: `${goodPath}?${queryString}`, mustRefuse: !query.safeParse(Object.fromEntries(new URLSearchParams(queryString!))).success });
  }

  // Credentials: refused by every route that needs a caller.
  for (const [name, authorization] of [
    ["no token after Bearer", "Bearer"],
    ["a token that is not a JWT", "Bearer not.a.jwt"],
    ["Basic credentials", "Basic YWRtaW46YWRtaW4="],
    ["a 10 KB token", `Bearer ${"x".repeat(10_000)}`],
  ]) {
    cases.push({ name: `auth: ${name}`, path: goodPath, headers: { authorization: authorization! }, mustRefuse: route.auth !== "public" });
  }

  // Bodies: refused by routes that read one; routes without a body ignore them.
  const readsBody = spec.body !== undefined;
  cases.push(
    { name: "body: malformed JSON", path: goodPath, rawBody: '{"title": ', headers: { "content-type": "application/json" }, mustRefuse: readsBody },
    { name: "body: invalid UTF-8", path: goodPath, rawBody: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), headers: { "content-type": "application/json" }, mustRefuse: readsBody },
    { name: "body: text/plain", path: goodPath, rawBody: "{}", headers: { "content-type": "text/plain" }, mustRefuse: readsBody },
    { name: "body: no content type", path: goodPath, rawBody: "{}", mustRefuse: readsBody },
    { name: "body: 2 MB", path: goodPath, rawBody: JSON.stringify({ value: MEGABYTE + MEGABYTE }), headers: { "content-type": "application/json" }, mustRefuse: readsBody },
    { name: "body: 20,000 levels deep", path: goodPath, rawBody: `${"[".repeat(20_000)}${"]".repeat(20_000)}`, headers: { "content-type": "application/json" }, mustRefuse: readsBody },
    json("body: an array instead of an object", []),
    json("body: null", null),
    json("body: a string", "text"),
    json("body: an unknown field", { zzz_unknown: 1 }),
    json("body: __proto__", JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}')),
  );
  for (const [name, value] of WRONG_VALUES) {
    cases.push(json(`body: every field ${name}`, Object.fromEntries(fieldsOf(spec.body).map((key) => [key, value]))));
  }
  cases.push(json("body: every field a 1 MB string", Object.fromEntries(fieldsOf(spec.body).map((key) => [key, MEGABYTE]))));
  return cases;
}

/** Nothing of the machinery may show: no stack frame, file path, module or AWS/ElectroDB name. */
const LEAK = /\bat\s+\S+\s+\(|\.ts:\d+|node_modules|\/work\/|ElectroError|DynamoDB|ConditionalCheck|ValidationException|TypeError|SyntaxError|ReferenceError|\bstack\b/i;

/**
 * The headers a reply sets itself win over the defaults (core/http/handler.ts): the only routes that do are the
 * public keys and the docs page's files (cacheable) and the docs page (a CSP that lets Swagger UI run), and only
 * on success. Any other route or answer that drops or weakens a security header fails, including a route added
 * later.
 */
const OWN_HEADERS_ON_SUCCESS: Record<string, Record<string, string>> = {
  "GET /.well-known/jwks.json": { "cache-control": "public, max-age=3600" },
  "GET /api/docs": { "content-security-policy": DOCS_PAGE_CSP },
  "GET /api/docs/{asset}": { "cache-control": "public, max-age=86400" },
};

describe("the security headers every answer gets", () => {
  // Spelled out here, not only read from the code under test: weakening the constant itself must fail a test.
  it("are the ones the API promises", () => {
    expect(SECURITY_HEADERS).toEqual({
      "strict-transport-security": "max-age=63072000; includeSubDomains",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
      "referrer-policy": "no-referrer",
      "cache-control": "no-store",
    });
  });
});

/** What is wrong with an answer's security headers and request id (nothing: an empty list). */
function headerProblems(route: Route, response: ApiResponse): string[] {
  const key = routeKey(route);
  const expected = { ...SECURITY_HEADERS, ...(response.status < 400 ? OWN_HEADERS_ON_SUCCESS[key] : {}) };
  const problems = Object.entries(expected)
    .filter(([name, value]) => response.headers.get(name) !== value)
    .map(([name, value]) => `${key} answered ${response.status} with ${name}: ${JSON.stringify(response.headers.get(name))}, expected ${JSON.stringify(value)}`);
  // The request id is what ties a client's report to the logs (a 5xx is logged with it).
  if (!/^[0-9a-f-]{36}$/.test(response.headers.get("x-request-id") ?? "")) problems.push(`${key} answered ${response.status} without a request id`);
  return problems;
}

beforeAll(async () => {
  adminToken = (await signIn(api, await givenUser("ADMIN"))).access_token;
});

describe("bad input on every route", () => {
  for (const route of routes) {
    it(`${routeKey(route)}: at least 20 malformed requests, every one a clean 4xx or harmless, with the security headers`, async () => {
      const cases = casesFor(route, await specOf(route));
      expect(cases.length).toBeGreaterThanOrEqual(20);
      const failures: string[] = [];
      for (const testCase of cases) {
        const headers = { authorization: `Bearer ${adminToken}`, ...testCase.headers };
        let response: ApiResponse;
        try {
          response = await api.request(route.method, testCase.path, { headers, rawBody: route.method === "GET" ? undefined : testCase.rawBody });
        } catch (error) {
          failures.push(`${testCase.name}: request failed (${(error as Error).message})`);
          continue;
        }
        failures.push(...headerProblems(route, response).map((problem) => `${testCase.name}: ${problem}`));
        const text = typeof response.body === "string" ? response.body : JSON.stringify(response.body);
        if (response.status >= 500) failures.push(`${testCase.name}: ${response.status} ${text.slice(0, 200)}`);
        if (testCase.mustRefuse && (response.status < 400 || response.status >= 500)) failures.push(`${testCase.name}: expected a 4xx, got ${response.status}`);
        if (response.status >= 400) {
          if (response.headers.get("content-type") !== "application/problem+json") failures.push(`${testCase.name}: ${response.status} is not problem+json`);
          else if (!(response.body.status === response.status && typeof response.body.detail === "string")) failures.push(`${testCase.name}: not a problem document`);
          if (LEAK.test(text)) failures.push(`${testCase.name}: the answer shows internals: ${text.slice(0, 300)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});

describe("query strings", () => {
  it("an integer is plain digits: 1e1, ' 5', 05, 5.0 and 0x10 are 400s that say so, 5 is fine", async () => {
    for (const limit of ["1e1", "%205", "05", "5.0", "0x10", "", "%2B5"]) {
      const response = await api.request("GET", `/api/users?limit=${limit}`, { token: adminToken });
      expect(response.status, limit).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.body.errors, limit).toEqual([{ path: "query.limit", message: "must be a whole number written in plain digits" }]);
    }
    expect((await api.request("GET", "/api/users?limit=0", { token: adminToken })).body.errors).toEqual([{ path: "query.limit", message: "must be at least 1" }]);
    expect((await api.request("GET", "/api/users?limit=5", { token: adminToken })).status).toBe(200);
  });

  it("a parameter a route does not know is a 400 naming it, on routes with and without a query", async () => {
    for (const path of ["/api/health?verbose=1", "/api/openapi.json?v=2", "/api/users?limt=5", "/api/auth/me?x="]) {
      const response = await api.request("GET", path, { token: adminToken });
      expect(response.status, path).toBe(400);
      const name = new URLSearchParams(path.split("?")[1]).keys().next().value;
      expect(response.body.errors, path).toEqual([{ path: `query.${name}`, message: "is not a known field" }]);
    }
  });
});
