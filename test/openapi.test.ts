/**
 * The OpenAPI document (GET /api/openapi.json): valid for an independent validator, one operation per route of the
 * route table and nothing else, the bundle the stack deploys serves the same document, and the API's real answers
 * are exactly what it documents.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Validator } from "@seriousme/openapi-schema-validator";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import type { DocumentedSpec, HttpHandler } from "../core/http/handler";
import { successStatus, type OpenApiDocument } from "../core/openapi/document";
import { routeKey, routes, type Route } from "../core/routes";
import { loadHandlerModule } from "../functions/docs/handler-modules";
import { routeHandlerModules } from "../stacks/bundling";
import { useTestApi, type ApiResponse, type RequestOptions } from "./support/api";
import { givenUser, signIn } from "./support/users";

const api = useTestApi();

type Json = Record<string, unknown>;
let document: OpenApiDocument;

beforeAll(async () => {
  const response = await api.request<OpenApiDocument>("GET", "/api/openapi.json");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  document = response.body;
});

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** Every operation of the document as `[route key, operation]`. */
function operations(): [string, Json][] {
  return Object.entries(document.paths).flatMap(([pathName, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, operation]): [string, Json] => [`${method.toUpperCase()} ${pathName}`, operation as unknown as Json]),
  );
}

function operation(key: string): Json {
  const found = operations().find(([candidate]) => candidate === key);
  if (!found) throw new Error(`${key} is not in the document`);
  return found[1];
}

/** Follows a `#/components/...` reference. */
function resolve(schema: Json): Json {
  const ref = schema.$ref;
  if (typeof ref !== "string") return schema;
  const target = ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<unknown>((node, part) => (node as Json)[part], document);
  return resolve(target as Json);
}

const jsonSchemaOf = (content: unknown, mediaType = "application/json"): Json => resolve((content as Record<string, { schema: Json }>)[mediaType]!.schema);

describe("GET /api/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document for an independent validator", async () => {
    const validator = new Validator();
    const result = await validator.validate(document as unknown as Json);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("has one operation per route of the route table, and nothing else", () => {
    expect(operations().map(([key]) => key).sort()).toEqual(routes.map(routeKey).sort());
  });

  it("names each operation after its handler and takes the summary and the area from the route table", () => {
    for (const route of routes) {
      const op = operation(routeKey(route));
      expect(op.summary, routeKey(route)).toBe(route.summary);
      expect(op.tags, routeKey(route)).toEqual([route.handler.split("/")[0]]);
    }
    expect(operation("POST /api/courses/{id}/generate-recipe-pdf").operationId).toBe("coursesGenerateRecipePdf");
    expect(new Set(operations().map(([, op]) => op.operationId)).size).toBe(routes.length);
  });

  it("names its server (the API that serves it), describes every tag, and says on each operation who may call it", () => {
    expect(document.servers).toEqual([{ url: "/", description: expect.stringContaining("serves this document") }]);
    expect(document.tags.map(({ name }) => name).sort()).toEqual([...new Set(routes.map((route) => route.handler.split("/")[0]!))].sort());
    for (const tag of document.tags) expect(tag.description, tag.name).toMatch(/\w/);
    for (const route of routes) {
      expect(operation(routeKey(route)).description, routeKey(route)).toBe({ public: "For anyone: no credentials needed.", user: "For any signed-in user.", admin: "For admins." }[route.auth]);
    }
  });

  it("asks for a bearer JWT on every user and admin route, and for nothing on public ones", () => {
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer", bearerFormat: "JWT" });
    for (const route of routes) {
      const op = operation(routeKey(route));
      expect(op.security, routeKey(route)).toEqual(route.auth === "public" ? [] : [{ bearerAuth: [] }]);
      const responses = op.responses as Json;
      if (route.auth !== "public") expect(responses["401"], routeKey(route)).toEqual({ $ref: "#/components/responses/Unauthorized" });
      if (route.auth === "admin") expect(responses["403"], routeKey(route)).toEqual({ $ref: "#/components/responses/Forbidden" });
    }
  });

  it("documents the problems that follow from a route's input, as problem+json", () => {
    expect(Object.keys(operation("POST /api/users").responses as Json)).toEqual(["201", "400", "401", "403", "409", "413", "415"]);
    expect(Object.keys(operation("DELETE /api/memberships/{id}").responses as Json)).toEqual(["204", "400", "401", "403", "404"]);
    // A route without input still refuses query parameters it does not know.
    expect(Object.keys(operation("GET /api/health").responses as Json)).toEqual(["200", "400", "503"]);
    expect(Object.keys(operation("PUT /api/courses/{id}").responses as Json)).toContain("412");
    expect(Object.keys(operation("POST /api/auth/login").responses as Json)).toContain("429");

    const badRequest = document.components.responses.BadRequest!;
    const problem = jsonSchemaOf(badRequest.content, "application/problem+json");
    expect(problem.required).toEqual(["type", "title", "status", "detail"]);
    expect(Object.keys(problem.properties as Json)).toEqual(["type", "title", "status", "detail", "errors"]);
    expect(document.components.responses.Unauthorized!.headers).toHaveProperty("WWW-Authenticate");
    expect(document.components.responses.TooManyRequests!.headers).toHaveProperty("Retry-After");
  });

  it("the login request requires an email and a password, and nothing else", () => {
    const body = jsonSchemaOf(resolve(operation("POST /api/auth/login").requestBody as Json).content);
    expect(body.required).toEqual(["email", "password"]);
    expect(body.additionalProperties).toBe(false);
    expect(body.properties).toMatchObject({ email: { type: "string", format: "email" }, password: { type: "string", minLength: 1 } });
  });

  it("the course list is paginated: limit and cursor in, items and next_cursor out", () => {
    const op = operation("GET /api/courses");
    const parameters = op.parameters as Json[];
    expect(parameters.map(({ name, in: location, required }) => ({ name, in: location, required }))).toEqual([
      { name: "limit", in: "query", required: false },
      { name: "cursor", in: "query", required: false },
      { name: "tag", in: "query", required: false },
    ]);
    expect(parameters[0]!.schema).toEqual({ type: "integer", minimum: 1, maximum: 100, default: 20 });
    expect(parameters[1]!.description).toMatch(/next_cursor/);

    const page = jsonSchemaOf((op.responses as Record<string, Json>)["200"]!.content);
    expect(page.required).toEqual(["items", "next_cursor"]);
    expect(resolve((page.properties as Record<string, Json>).items!.items as Json)).toBe(document.components.schemas.CourseResponse);
    expect((page.properties as Record<string, Json>).next_cursor).toMatchObject({ type: ["string", "null"] });
  });

  it("describes query and path parameters as a client sends them (before zod's transforms)", () => {
    const parameters = Object.fromEntries((operation("GET /api/users").parameters as Json[]).map((parameter) => [parameter.name, parameter]));
    expect(parameters.is_active).toMatchObject({ in: "query", required: false, schema: { type: "string", enum: ["true", "false"] } });
    expect(parameters.role).toMatchObject({ schema: { type: "string", enum: ["ADMIN", "USER"] } });
    const [id] = operation("GET /api/users/{id}").parameters as Json[];
    expect(id).toMatchObject({ name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[0-9A-HJKMNP-TV-Z]{26}$" } });
    // Defaults make a field optional for the client.
    const createCourse = jsonSchemaOf(resolve(operation("POST /api/courses").requestBody as Json).content);
    expect(createCourse.required).toEqual(["title", "description"]);
  });

  it("states the rules the server checks: at least one field in an update, no blank text, https avatars, comment limits", () => {
    const schemas = Object.fromEntries(
      Object.entries(document.components.requestBodies).map(([name, body]) => [name, jsonSchemaOf(body.content)]),
    ) as Record<string, Json>;
    const updates = Object.keys(schemas).filter((name) => /^Update\w+Request$/.test(name));
    expect(updates.sort()).toEqual(["UpdateCourseRequest", "UpdateEnrollmentRequest", "UpdateLessonRequest", "UpdateMembershipRequest", "UpdateNotificationSettingsRequest", "UpdatePathRequest", "UpdateProfileRequest", "UpdateRecipeRequest", "UpdateUserRequest"]);
    // The notification settings change topics inside `email`: there, at least one.
    const changes = (name: string) => (name === "UpdateNotificationSettingsRequest" ? ((schemas[name]!.properties as Record<string, Json>).email as Json) : schemas[name]!);
    for (const name of updates) expect(changes(name).minProperties, name).toBe(1);

    const property = (schema: string, field: string) => (schemas[schema]!.properties as Record<string, Json>)[field]!;
    const patternsOf = (field: Json): string[] => {
      const variants = (field.anyOf as Json[] | undefined) ?? [field];
      return variants.flatMap((variant) => [variant.pattern, ...((variant.allOf as Json[] | undefined) ?? []).map((part) => part.pattern)]).filter((p): p is string => typeof p === "string");
    };
    const refuses = (field: Json, value: string) => patternsOf(field).some((pattern) => !new RegExp(pattern, "u").test(value));
    for (const [schema, field] of [["CreateCourseRequest", "title"], ["CreateLessonRequest", "title"], ["CreateRecipeRequest", "title"], ["CreateUserRequest", "full_name"], ["UpdateProfileRequest", "full_name"], ["WriteCommentRequest", "content"]] as const) {
      expect(refuses(property(schema, field), " \t\n "), `${schema}.${field} refuses blank text`).toBe(true);
      expect(refuses(property(schema, field), " x "), `${schema}.${field} accepts text`).toBe(false);
    }
    const q = (operation("GET /api/users").parameters as Json[]).find((parameter) => parameter.name === "q")!;
    expect(refuses(q.schema as Json, "   ")).toBe(true);

    const content = property("WriteCommentRequest", "content");
    expect(content.maxLength).toBe(5000);
    expect(refuses(content, "a\u0000b")).toBe(true);
    const avatar = property("UpdateProfileRequest", "avatar_url");
    expect(refuses(avatar, "http://example.com/me.png")).toBe(true);
    expect(refuses(avatar, "https://example.com/me.png")).toBe(false);
    expect((avatar.anyOf as Json[])[0]).toMatchObject({ format: "uri", maxLength: 2048 });
  });

  it("documents If-Match on course updates and the ETag that course answers carry", () => {
    const ifMatch = (operation("PUT /api/courses/{id}").parameters as Json[]).find((parameter) => parameter.in === "header");
    expect(ifMatch).toMatchObject({ name: "If-Match", required: false, schema: { type: "string" } });
    expect(ifMatch!.description).toMatch(/412/);
    for (const [key, status] of [["PUT /api/courses/{id}", "200"], ["POST /api/courses", "201"], ["GET /api/courses/{id}", "200"]] as const) {
      const success = (operation(key).responses as Record<string, Json>)[status]!;
      expect((success.headers as Record<string, Json>).ETag, key).toMatchObject({ description: expect.stringMatching(/If-Match/), schema: { type: "string" } });
    }
  });

  it("files named request bodies under components.requestBodies, where a default leaves a field optional for generators", () => {
    expect(operation("POST /api/courses").requestBody).toEqual({ $ref: "#/components/requestBodies/CreateCourseRequest" });
    expect(resolve(operation("POST /api/courses").requestBody as Json)).toMatchObject({ required: true });
    const requestNames = Object.keys(document.components.requestBodies);
    expect(requestNames).toContain("CreateUserRequest");
    expect(Object.keys(document.components.schemas).filter((name) => requestNames.includes(name))).toEqual([]);
    // Every defaulted property of a request lives under a request body, never in a schema component.
    const defaulted = (schema: Json): boolean => Object.values((schema.properties as Record<string, Json>) ?? {}).some((property) => "default" in property);
    expect(Object.entries(document.components.schemas).filter(([, schema]) => defaulted(schema as Json)).map(([name]) => name)).toEqual([]);
  });

  it("lesson answers may carry the caller's progress", () => {
    const lesson = document.components.schemas.LessonResponse!;
    expect(lesson.properties).toMatchObject({
      user_completed: { type: "boolean" },
      user_last_position: { type: ["number", "null"] },
      user_completed_at: { type: ["string", "null"] },
    });
    expect(lesson.required).not.toContain("user_completed");
  });

  it("files the docs page and its files under their own media types", () => {
    const page = (operation("GET /api/docs").responses as Record<string, Json>)["200"]!;
    expect(Object.keys(page.content as Json)).toEqual(["text/html"]);
  });

  it("is the same from the bundle the stack deploys (its handler modules bundled by the stack's esbuild plugin)", async () => {
    const outdir = await mkdtemp(path.join(tmpdir(), "dulcevicio-openapi-bundle-"));
    try {
      // The options SST gives esbuild for an ESM function (sst/runtime/handlers/node.js), plus the stack's plugin.
      await build({
        entryPoints: ["functions/docs/openapi.ts"],
        outfile: path.join(outdir, "openapi.mjs"),
        bundle: true,
        platform: "node",
        format: "esm",
        target: "esnext",
        mainFields: ["module", "main"],
        external: ["sharp", "pg-native"],
        banner: { js: "import { createRequire as topLevelCreateRequire } from 'module';\nconst require = topLevelCreateRequire(import.meta.url);" },
        logLevel: "silent",
        plugins: [routeHandlerModules()],
      });
      const { handler } = (await import(pathToFileURL(path.join(outdir, "openapi.mjs")).href)) as { handler: HttpHandler };
      const event = { routeKey: "GET /api/openapi.json", rawPath: "/api/openapi.json", headers: {}, requestContext: { http: { sourceIp: "127.0.0.1" } } };
      const result = await handler(event as unknown as Parameters<HttpHandler>[0], { awsRequestId: "bundle-test" } as Parameters<HttpHandler>[1]);
      expect(result.statusCode).toBe(200);
      expect(JSON.parse(result.body!)).toEqual(document);
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** The route a request reaches: a literal segment beats a `{param}`, as in API Gateway. */
function routeOf(method: string, requestPath: string): Route {
  const pathOnly = requestPath.split("?")[0]!;
  const matches = routes.filter(
    (route) => route.method === method && new RegExp(`^${route.path.replace(/[.]/g, "\\.").replace(/\{\w+\}/g, "[^/]+")}$`).test(pathOnly),
  );
  const best = matches.sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0))[0];
  if (!best) throw new Error(`no route for ${method} ${pathOnly}`);
  return best;
}

async function specOf(route: Route): Promise<DocumentedSpec> {
  return ((await loadHandlerModule(route.handler)) as { handler: { spec: DocumentedSpec } }).handler.spec;
}

/**
 * Calls the API and holds the answer to its route's documented success: the status, and a body that the response
 * schema parses to exactly itself (zod drops undocumented fields, so any would show as a difference).
 */
async function documented<T = Json>(method: string, requestPath: string, options?: RequestOptions): Promise<ApiResponse<T>> {
  const route = routeOf(method, requestPath);
  const spec = await specOf(route);
  const response = await api.request<T>(method, requestPath, options);
  const where = `${method} ${requestPath} (${routeKey(route)})`;
  expect(response.status, `${where}: ${JSON.stringify(response.body)}`).toBe(successStatus(spec));
  if (spec.response) expect(spec.response.parse(response.body), where).toEqual(response.body);
  else expect(response.body, where).toBe("");
  for (const [name, schema] of Object.entries(spec.responseHeaders ?? {})) {
    const value = response.headers.get(name);
    expect(value, `${where}: the documented ${name} header`).not.toBeNull();
    expect(schema.safeParse(value).success, `${where}: ${name}: ${value}`).toBe(true);
  }
  return response;
}

describe("the API answers what the document says", () => {
  it("every answer of a walk through auth, users, courses, lessons, recipes, enrollments and memberships", async () => {
    const adminUser = await givenUser("ADMIN");
    const session = await documented<{ access_token: string; refresh_token: string }>("POST", "/api/auth/login", {
      body: { email: adminUser.email, password: adminUser.password },
    });
    const token = session.body.access_token;
    const as = (options: RequestOptions = {}): RequestOptions => ({ token, ...options });

    await documented("GET", "/api/health");
    await documented("GET", "/.well-known/jwks.json");
    await documented("GET", "/api/openapi.json");
    await documented("GET", "/api/auth/me", as());
    await documented("PUT", "/api/auth/me", as({ body: { full_name: "Admin Documented" } }));

    const studentLogin = { email: `documented-${Date.now()}@example.com`, password: "a long password" };
    const student = (await documented<{ id: string }>("POST", "/api/users", as({ body: { ...studentLogin, full_name: "Ana" } }))).body;
    await documented("GET", "/api/users?limit=5", as());
    await documented("GET", `/api/users/${student.id}`, as());
    await documented("PUT", `/api/users/${student.id}`, as({ body: { username: `ana_${Date.now() % 100000}` } }));

    const course = (await documented<{ id: string }>("POST", "/api/courses", as({ body: { title: "Macarons", description: "Paso a paso" } }))).body;
    await documented("PUT", `/api/courses/${course.id}`, as({ body: { order: 2 } }));
    await documented("PUT", `/api/courses/${course.id}/whatsapp-group`, as({ body: { whatsapp_group_url: "https://chat.whatsapp.com/AbCdEf1234567890" } }));
    await documented("POST", `/api/courses/${course.id}/upload-thumbnail`, as({ body: { content_type: "image/png" } }));

    const lesson = (await documented<{ id: string }>("POST", `/api/courses/${course.id}/lessons`, as({ body: { title: "Merengue", is_preview: true } }))).body;
    await documented("GET", `/api/courses/${course.id}/lessons`, as());
    await documented("GET", `/api/lessons/${lesson.id}`, as());
    await documented("PUT", `/api/lessons/${lesson.id}`, as({ body: { description: "Italiano" } }));
    await documented("POST", `/api/lessons/${lesson.id}/upload-video`, as({ body: { content_type: "video/mp4" } }));

    const recipe = (await documented<{ id: string }>("POST", `/api/courses/${course.id}/recipes`, as({ body: { title: "Ganache", recipe_text: "200 g" } }))).body;
    await documented("GET", `/api/courses/${course.id}/recipes`, as());
    await documented("GET", `/api/recipes/${recipe.id}`, as());
    await documented("PUT", `/api/recipes/${recipe.id}`, as({ body: { title: "Ganache montada" } }));
    await documented("POST", `/api/recipes/${recipe.id}/upload-image`, as({ body: { content_type: "image/jpeg" } }));

    const enrollment = (await documented<{ id: string }>("POST", "/api/enrollments", as({ body: { user_id: student.id, course_id: course.id } }))).body;
    await documented("GET", `/api/enrollments?course_id=${course.id}`, as());
    await documented("GET", `/api/enrollments/${enrollment.id}`, as());
    await documented("PUT", `/api/enrollments/${enrollment.id}`, as({ body: { expires_at: "2099-01-01T00:00:00Z" } }));
    await documented("GET", `/api/courses/${course.id}/students`, as());

    const membership = (
      await documented<{ id: string }>("POST", "/api/memberships", as({ body: { user_id: student.id, start_date: "2020-01-01T00:00:00Z", end_date: "2099-01-01T00:00:00Z" } }))
    ).body;
    await documented("GET", `/api/memberships?user_id=${student.id}`, as());
    await documented("GET", `/api/memberships/${membership.id}`, as());
    await documented("PUT", `/api/memberships/${membership.id}`, as({ body: { notes: "Regalo" } }));

    // The course as its admin and as a student with access see it: both are the documented page.
    await documented("GET", "/api/courses", as());
    await documented("GET", `/api/courses/${course.id}`, as());
    const studentSession = await signIn(api, studentLogin);
    await documented("GET", `/api/courses/${course.id}`, { token: studentSession.access_token });
    await documented("GET", "/api/courses", { token: studentSession.access_token });
    await documented("POST", `/api/courses/${course.id}/generate-recipe-pdf`, as());

    await documented("DELETE", `/api/memberships/${membership.id}`, as());
    await documented("DELETE", `/api/enrollments/${enrollment.id}`, as());
    await documented("DELETE", `/api/recipes/${recipe.id}`, as());
    await documented("DELETE", `/api/lessons/${lesson.id}`, as());
    await documented("DELETE", `/api/courses/${course.id}`, as());
    await documented("DELETE", `/api/users/${student.id}`, as());

    const renewed = await documented<{ refresh_token: string }>("POST", "/api/auth/refresh", { body: { refresh_token: session.body.refresh_token } });
    await documented("PUT", "/api/auth/change-password", as({ body: { current_password: adminUser.password, new_password: "another long one", confirm_password: "another long one" } }));
    await documented("POST", "/api/auth/logout", { body: { refresh_token: renewed.body.refresh_token } });
  });
});
