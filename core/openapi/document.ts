import * as z from "zod";
import { version } from "../../package.json";
import type { DocumentedProblem, DocumentedSpec } from "../http/handler";
import { PageQuery } from "../http/pagination";
import { PROBLEM_CONTENT_TYPE } from "../http/problem";
import { routeKey, type Route } from "../routes";
import { ProblemResponse } from "./schemas";

/**
 * The OpenAPI 3.1 document, generated from the route table (path, method, auth level, summary) and each route's
 * handler spec (the zod schemas it validates with, and the documentation-only `response`, `status`, `errors`).
 * A new route or a changed schema changes the document; only the wording shared by every route lives here.
 *
 * Schemas go through zod's own JSON Schema conversion (draft 2020-12, the dialect of OpenAPI 3.1): requests on the
 * input side (what a client sends: before transforms and coercion, defaults optional), answers on the output side.
 * Schemas named with `.meta({ id })` become shared components.
 */

type JsonSchema = z.core.JSONSchema.JSONSchema;

/** A route and the spec of the handler that serves it. */
interface DocumentedRoute {
  route: Route;
  spec: DocumentedSpec;
}

// A type, not an interface: it must fit the loose object schema of its own route (OpenApiDocumentResponse).
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    requestBodies: Record<string, RequestBody>;
    responses: Record<string, ResponseObject>;
    securitySchemes: Record<string, { type: "http"; scheme: "bearer"; bearerFormat: string; description: string }>;
  };
};

interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: RequestBody | { $ref: string };
  responses: Record<string, ResponseObject | { $ref: string }>;
}

interface RequestBody {
  required: true;
  content: Record<string, { schema: JsonSchema }>;
}

interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

interface ResponseObject {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, { schema: JsonSchema }>;
}

const BEARER = "bearerAuth";

/** The shared error responses, by status: when each applies and what comes with it. */
const PROBLEMS: Record<400 | 413 | 415 | DocumentedProblem, { name: string; description: string; headers?: ResponseObject["headers"] }> = {
  400: {
    name: "BadRequest",
    description: "The request is not valid: `errors` lists each field (`body.title`, `query.limit`, `path.id`) and what to fix. A query parameter the operation does not list is one of them.",
  },
  401: {
    name: "Unauthorized",
    description: "No valid credentials: the access token is missing, expired or revoked, or the account is deactivated.",
    headers: { "WWW-Authenticate": { description: 'Always `Bearer realm="dulcevicio"`.', schema: { type: "string" } } },
  },
  403: { name: "Forbidden", description: "Signed in, but not allowed: the route is for admins, or the course is not open to the caller." },
  404: { name: "NotFound", description: "Nothing with that id (or nothing the caller may see)." },
  409: { name: "Conflict", description: "The change conflicts with the current data (something taken, a duplicate) or with a change made at the same moment." },
  412: { name: "PreconditionFailed", description: "`If-Match` does not hold the current ETag: reload and apply the change again." },
  413: { name: "ContentTooLarge", description: "The JSON body is over 256 KB." },
  415: { name: "UnsupportedMediaType", description: "The body is not sent as `Content-Type: application/json`." },
  429: {
    name: "TooManyRequests",
    description: "Too many failed sign-ins for this account or address.",
    headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } },
  },
  503: {
    name: "ServiceUnavailable",
    description: "The API cannot reach its database right now.",
    headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } },
  },
};

/** The pagination fields keep their zod identity when spread into a route's query, so they are described once, here. */
const DESCRIPTIONS = new Map<z.core.$ZodType, string>([
  [PageQuery.limit, "Page size: how many items to answer at most, in plain digits."],
  [PageQuery.cursor, "The `next_cursor` of the previous page; leave it out for the first page. A cursor works only on the list, with the filters, and for the account it was handed to: any other is a 400."],
]);

const REASONS: Record<number, string> = { 200: "OK", 201: "Created", 202: "Accepted", 204: "No Content" };

const WHO_MAY_CALL: Record<Route["auth"], string> = {
  public: "For anyone: no credentials needed.",
  user: "For any signed-in user.",
  admin: "For admins.",
};

/** One line per area of the route table (its `functions/` folder); a new area must say what it is. */
const AREAS: Record<string, string> = {
  health: "Whether the API is up and reaches its database.",
  auth: "Signing in and out, tokens, the caller's own profile and password, and the keys that verify tokens.",
  docs: "This document and the interactive reference built on it.",
  users: "Admins manage accounts: create, update, deactivate, and see a user's progress.",
  courses: "The catalogue: courses with their lessons and recipes, their students and their recipe PDF.",
  lessons: "A course's videos, in order; preview lessons are open to anyone signed in.",
  recipes: "A course's recipes with their photos, for those with access.",
  progress: "Where each student is in each lesson, and what they completed.",
  comments: "The per-course forum: threads, replies and moderation.",
  dashboard: "Figures for admins, and each student's own courses and progress.",
  enrollments: "Access to one course for one user, optionally until a date.",
  memberships: "Access to every course for a period.",
  notifications: "In-app notifications, email settings per topic, and the one-click unsubscribe links of emails.",
  // Issue 17.
  certificates: "Certificates of completion: anyone verifies one by its id; admins revoke and reissue.",
  reviews: "Students' ratings and reviews of courses, and their moderation.",
  paths: "Learning paths: courses an admin groups in an order, with each student's progress along them.",
  audit: "Who changed what: every admin change with its old and new values, grouped by request, kept 400 days.",
  // Issue 15.
  search: "Search over the catalogue: courses, lessons and recipes the caller may see, with highlighted snippets.",
};

function areaDescription(area: string): string {
  const description = AREAS[area];
  if (!description) throw new Error(`functions/${area}/ has no description in AREAS (core/openapi/document.ts)`);
  return description;
}

/**
 * The document of the given routes, each spec read from its handler module: `load` imports `functions/<handler>.ts`
 * (core does not know how: run from source and bundled differ, see functions/docs/handler-modules.ts).
 */
export async function documentRoutes(routes: readonly Route[], load: (handler: string) => Promise<unknown>): Promise<OpenApiDocument> {
  const documented = await Promise.all(
    routes.map(async (route) => {
      const module = (await load(route.handler)) as { handler?: { spec?: DocumentedSpec } };
      const spec = module.handler?.spec;
      if (!spec) throw new Error(`functions/${route.handler}.ts does not export a handler made with http()`);
      return { route, spec };
    }),
  );
  return openApiDocument(documented);
}

function openApiDocument(documented: readonly DocumentedRoute[]): OpenApiDocument {
  const schemas = new ComponentSchemas();
  const problem = schemas.convert(ProblemResponse, "output", "the problem responses");
  const paths: OpenApiDocument["paths"] = {};
  const operationIds = new Set<string>();
  for (const { route, spec } of documented) {
    const operation = operationOf(route, spec, schemas);
    if (operationIds.has(operation.operationId)) throw new Error(`Two routes have the operationId ${operation.operationId}`);
    operationIds.add(operation.operationId);
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  const result: OpenApiDocument = {
    openapi: "3.1.0",
    info: {
      title: "DulceVicio API",
      version,
      description: [
        "The backend of DulceVicio, a platform for online pastry courses.",
        "Every error is RFC 9457 `application/problem+json`. Lists answer `{items, next_cursor}`; those with `limit` and `cursor` parameters page (a course's lessons and recipes come whole, `next_cursor` null).",
        "Every operation refuses query parameters it does not list (a 400 naming them), and reads an `integer` parameter only in plain digits (`20`, not `2e1`, ` 20` or `020`).",
        "Sign in with `POST /api/auth/login` and send the access token as `Authorization: Bearer <token>`.",
      ].join("\n\n"),
    },
    // Relative: the API that serves this document, wherever it is deployed (Swagger UI's "Try it out" calls it there).
    servers: [{ url: "/", description: "The API that serves this document: http://localhost:3000 in development, the stage's API Gateway URL when deployed." }],
    tags: [...new Set(documented.map(({ route }) => areaOf(route)))].map((name) => ({ name, description: areaDescription(name) })),
    paths,
    components: {
      schemas: schemas.named,
      requestBodies: schemas.requestBodies,
      responses: Object.fromEntries(Object.values(PROBLEMS).map(({ name, description, headers }) => [name, problemResponse(description, headers, problem)])),
      securitySchemes: {
        [BEARER]: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "The `access_token` of `POST /api/auth/login` (ES256, 15 minutes)." },
      },
    },
  };
  const text = JSON.stringify(result);
  for (const name of Object.keys(schemas.requestBodies)) {
    if (text.includes(`"#/components/schemas/${name}"`)) throw new Error(`${name} is a request body and part of another schema: give the two different names`);
  }
  return result;
}

function operationOf(route: Route, spec: DocumentedSpec, schemas: ComponentSchemas): Operation {
  const key = routeKey(route);
  const status = successStatus(spec);
  const parameters = [
    ...pathParameters(route, spec.params, schemas),
    ...queryParameters(route, spec.query, schemas),
    ...headerParameters(route, spec.headers, schemas),
  ];
  return {
    operationId: camelCase(route.handler),
    summary: route.summary,
    description: WHO_MAY_CALL[route.auth],
    tags: [areaOf(route)],
    security: route.auth === "public" ? [] : [{ [BEARER]: [] }],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.body ? { requestBody: schemas.requestBody(spec.body, key) } : {}),
    responses: {
      [status]: successResponse(status, spec, schemas, key),
      ...Object.fromEntries(problemsOf(route, spec).map((problem) => [problem, { $ref: `#/components/responses/${PROBLEMS[problem].name}` }])),
    },
  };
}

/** The status of a route's success: its spec's, else 200 with an answer and 204 without. */
export function successStatus(spec: DocumentedSpec): number {
  return spec.status ?? (spec.response ? 200 : 204);
}

/** The problems a route can answer: those that follow from its shape and auth level, plus its spec's own. */
function problemsOf(route: Route, spec: DocumentedSpec): (keyof typeof PROBLEMS)[] {
  const problems = new Set<keyof typeof PROBLEMS>(spec.errors ?? []);
  // Every route refuses query parameters it does not know (core/http/request.ts), so every route can answer 400.
  problems.add(400);
  if (route.auth !== "public") problems.add(401);
  if (route.auth === "admin") problems.add(403);
  if (spec.params) problems.add(404);
  if (spec.body) {
    problems.add(413);
    problems.add(415);
  }
  return [...problems].sort((a, b) => a - b);
}

function successResponse(status: number, spec: DocumentedSpec, schemas: ComponentSchemas, key: string): ResponseObject {
  const description = REASONS[status] ?? "Success";
  const headers = Object.fromEntries(
    Object.entries(spec.responseHeaders ?? {}).map(([name, header]) => {
      const { description: about, ...schema } = schemas.convert(header, "output", key);
      if (!about) throw new Error(`${key}: the response header ${name} has no description`);
      return [name, { description: about, schema }];
    }),
  );
  const withHeaders = Object.keys(headers).length > 0 ? { headers } : {};
  if (!spec.response) return { description, ...withHeaders };
  const schema = schemas.convert(spec.response, "output", key);
  // A string answer that names its media type (the docs page, its files) is filed under it; anything else is JSON.
  const mediaType = schema.type === "string" && schema.contentMediaType ? schema.contentMediaType : "application/json";
  return { description, ...withHeaders, content: { [mediaType]: { schema } } };
}

function problemResponse(description: string, headers: ResponseObject["headers"], problem: JsonSchema): ResponseObject {
  return { description, ...(headers ? { headers } : {}), content: { [PROBLEM_CONTENT_TYPE]: { schema: problem } } };
}

/** Every `{name}` of the path, described by the params schema (a route without one gets plain strings). */
function pathParameters(route: Route, params: z.ZodType | undefined, schemas: ComponentSchemas): Parameter[] {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const properties = params ? propertiesOf(schemas.convert(params, "input", routeKey(route)), route, "params") : {};
  const unknown = Object.keys(properties).filter((name) => !names.includes(name));
  if (unknown.length > 0) throw new Error(`${routeKey(route)}: the params schema has ${unknown.join(", ")}, which the path does not`);
  return names.map((name) => parameter(name, "path", true, properties[name] ?? { type: "string" }));
}

function queryParameters(route: Route, query: z.ZodType | undefined, schemas: ComponentSchemas): Parameter[] {
  if (!query) return [];
  const schema = schemas.convert(query, "input", routeKey(route));
  return Object.entries(propertiesOf(schema, route, "query")).map(([name, property]) => parameter(name, "query", schema.required?.includes(name) ?? false, property));
}

/** Request headers by their usual spelling (`If-Match`); the spec names them lower-case, as API Gateway passes them. */
function headerParameters(route: Route, headers: z.ZodType | undefined, schemas: ComponentSchemas): Parameter[] {
  if (!headers) return [];
  const schema = schemas.convert(headers, "input", routeKey(route));
  return Object.entries(propertiesOf(schema, route, "headers")).map(([name, property]) => {
    if (name !== name.toLowerCase()) throw new Error(`${routeKey(route)}: header ${name} must be spelt lower-case in its schema`);
    const spelt = name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
    return parameter(spelt, "header", schema.required?.includes(name) ?? false, property);
  });
}

/** The description goes on the parameter, where documentation tools show it. */
function parameter(name: string, location: Parameter["in"], required: boolean, { description, ...schema }: JsonSchema): Parameter {
  return { name, in: location, required, ...(description ? { description } : {}), schema };
}

function propertiesOf(schema: JsonSchema, route: Route, part: string): Record<string, JsonSchema> {
  if (schema.type !== "object") throw new Error(`${routeKey(route)}: the ${part} schema must be an object`);
  return Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, property]) => {
      if (typeof property === "boolean") throw new Error(`${routeKey(route)}: ${part}.${name} has no schema`);
      return [name, property];
    }),
  );
}

/** Converts zod schemas, moving each named one (`.meta({ id })`) into `components.schemas` and pointing at it there. */
class ComponentSchemas {
  readonly named: Record<string, JsonSchema> = {};
  readonly requestBodies: Record<string, RequestBody> = {};

  /**
   * A JSON request body. A named one becomes `components.requestBodies.<name>`, not a schema component: generators
   * read a `default` as "the server fills it in", so openapi-typescript at its defaults types a defaulted property
   * of a schema component as required, but leaves it optional under a request body (where the client may omit it).
   */
  requestBody(schema: z.ZodType, where: string): RequestBody | { $ref: string } {
    const json = this.convert(schema, "input", where);
    const name = typeof json.$ref === "string" && Object.keys(json).length === 1 ? /^#\/components\/schemas\/(.+)$/.exec(json.$ref)?.[1] : undefined;
    if (!name) return { required: true, content: { "application/json": { schema: json } } };
    const body: RequestBody = { required: true, content: { "application/json": { schema: this.named[name]! } } };
    delete this.named[name];
    const existing = this.requestBodies[name];
    if (existing && JSON.stringify(existing) !== JSON.stringify(body)) throw new Error(`${where}: two different request bodies are named ${name}`);
    this.requestBodies[name] = body;
    return { $ref: `#/components/requestBodies/${name}` };
  }

  /** `where` names the caller in errors: a route key, or a component. */
  convert(schema: z.ZodType, io: "input" | "output", where: string): JsonSchema {
    const { $schema: _dialect, $defs, ...json } = z.toJSONSchema(schema, { io, unrepresentable: "throw", override: tidy });
    for (const [name, definition] of Object.entries($defs ?? {})) this.add(name, relink(definition), where);
    return relink(json);
  }

  private add(name: string, schema: JsonSchema, where: string): void {
    const existing = this.named[name];
    // One name, two shapes: the same id on two schemas, or one schema read on both sides of a transform.
    if (existing && JSON.stringify(existing) !== JSON.stringify(schema)) throw new Error(`${where}: two different schemas are named ${name}`);
    this.named[name] = schema;
  }
}

/** Applied by zod to every node: descriptions of shared fields, and no range for `.int()` beyond its JavaScript limit. */
function tidy({ zodSchema, jsonSchema }: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }): void {
  const description = DESCRIPTIONS.get(zodSchema);
  if (description) jsonSchema.description = description;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
}

/** zod points at `#/$defs/<id>`; in the document the definitions live in `#/components/schemas/<id>`. */
function relink<T>(value: T): T {
  if (Array.isArray(value)) return value.map(relink) as T;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === "$ref" && typeof item === "string" ? item.replace(/^#\/\$defs\//, "#/components/schemas/") : relink(item),
    ]),
  ) as T;
}

/** The handler's folder: `courses/get` is in `courses`. */
function areaOf(route: Route): string {
  return route.handler.split("/")[0]!;
}

/** `courses/generate-recipe-pdf` -> `coursesGenerateRecipePdf`. */
function camelCase(handler: string): string {
  return handler.replace(/[/-](\w)/g, (_, letter: string) => letter.toUpperCase());
}
