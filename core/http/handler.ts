import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { MiddlewareObj } from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import type { z } from "zod";
import { runAs } from "../audit/origin";
import { authenticate, type Caller } from "../auth/caller";
import { clock } from "../clock";
import { databaseUnavailable, isDatabaseUnavailable } from "../db/unavailable";
import { logger } from "../logger";
import { findRoute, type routes } from "../routes";
import { PROBLEM_CONTENT_TYPE, ProblemError, internalProblem } from "./problem";
import { parseRequest } from "./request";

/**
 * The one handler factory of every HTTP function:
 *
 *   export const handler = http("POST /api/auth/login", { body: LoginRequest, run: ({ body, sourceIp }) => ... });
 *
 * It takes the auth level from the route table (by route key, so a handler cannot disagree with the table),
 * authenticates the caller (one GetItem), parses and validates body, query and path with zod, runs the use
 * case and answers JSON; every error becomes RFC 9457 problem+json, and every response carries the security
 * headers and the request id. Middy runs the cross-cutting parts; `run` holds only the endpoint's own call.
 */

type AppRoute = (typeof routes)[number];
type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never;
export type RouteKey = KeyOf<AppRoute>;
type RouteAt<K extends RouteKey> = AppRoute extends infer R ? (R extends AppRoute ? (KeyOf<R> extends K ? R : never) : never) : never;
type CallerOf<K extends RouteKey> = RouteAt<K>["auth"] extends "public" ? Caller | undefined : Caller;

export interface Reply<T = unknown> {
  status: number;
  /** Sent as JSON. */
  body?: T;
  /** Sent as is instead, for the few answers that are not JSON (the docs page and its files); bytes go base64. */
  content?: { type: string; data: string | Uint8Array };
  /** Win over the defaults, security headers included: a route that needs another policy or caching says so here. */
  headers?: Record<string, string>;
}

export const ok = <T>(body: T): Reply<T> => ({ status: 200, body });
export const created = <T>(body: T): Reply<T> => ({ status: 201, body });
export const noContent = (): Reply<never> => ({ status: 204 });

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;
/** What `run` may answer: the documented response's shape, so the compiler keeps the document true. */
type ResponseBody<R extends Schema> = R extends z.ZodType ? z.input<R> : unknown;

/**
 * Problems a route's own use case answers, listed in its spec for the OpenAPI document. Those that follow from
 * the route itself are added by the document: 400 on every route (any input, and unknown query parameters), 401
 * and 403 for its auth level, 404 for an id in the path, 413 and 415 for a JSON body.
 */
export type DocumentedProblem = 401 | 403 | 404 | 409 | 412 | 429 | 503;

export interface HttpRequest<K extends RouteKey, B extends Schema, Q extends Schema, P extends Schema, H extends Schema = undefined> {
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Parsed<P>;
  /** The headers the spec names, parsed: a route reads no header it does not document. */
  headers: Parsed<H>;
  caller: CallerOf<K>;
  sourceIp: string;
  requestId: string;
}

export interface HttpSpec<
  K extends RouteKey,
  B extends Schema,
  Q extends Schema,
  P extends Schema,
  R extends Schema = undefined,
  H extends Schema = undefined,
> {
  /** A JSON body schema; when present, the route refuses anything but `application/json`. */
  body?: B;
  query?: Q;
  params?: P;
  /**
   * The request headers the route reads: an object schema keyed by lower-case name (as API Gateway passes them),
   * validated like the query (other headers are ignored) and documented as header parameters.
   */
  headers?: H;
  /**
   * The success answer's schema, for the OpenAPI document only. It is not checked at run time: parsing every answer
   * would cost every request, and a mismatch found in production would turn a correct answer into a 500. The
   * compiler holds `run` to this shape instead, and test/openapi.test.ts checks real answers against it.
   */
  response?: R;
  /** The success status, for the document: 200 by default, 204 without a `response`. */
  status?: number;
  /**
   * Headers the success answer carries that a client uses, for the document: by name as the document shows it
   * (`ETag`), each a string schema with its description. test/openapi.test.ts checks real answers carry them.
   */
  responseHeaders?: Readonly<Record<string, z.ZodType>>;
  /** See DocumentedProblem. */
  errors?: readonly DocumentedProblem[];
  run: (request: HttpRequest<K, B, Q, P, H>) => Promise<Reply<ResponseBody<R>>>;
}

/** Everything a spec says about its route, without `run`: what the OpenAPI document is generated from. */
export type DocumentedSpec = Omit<HttpSpec<RouteKey, Schema, Schema, Schema, Schema, Schema>, "run">;

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export function http<
  K extends RouteKey,
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
  R extends Schema = undefined,
  H extends Schema = undefined,
>(key: K, spec: HttpSpec<K, B, Q, P, R, H>): HttpHandler & { routeKey: K; spec: HttpSpec<K, B, Q, P, R, H> } {
  const route = findRoute(key);
  if (!route) throw new Error(`http(): ${key} is not in core/routes.ts`);

  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(responseHeaders())
    .use(problemResponses())
    .handler(async (event, context) => {
      // A misrouted event (another route wired to this function) must not run with this route's auth level.
      if (event.routeKey !== key) throw new Error(`Function for ${key} received ${event.routeKey}`);
      const caller = await authenticate(event.headers?.authorization, route.auth);
      const input = parseRequest(event, spec);
      const run = () =>
        spec.run({
          ...(input as Pick<HttpRequest<K, B, Q, P, H>, "body" | "query" | "params" | "headers">),
          caller: caller as CallerOf<K>,
          sourceIp: event.requestContext.http.sourceIp,
          requestId: context.awsRequestId,
        });
      // Whatever an admin writes, on any route (a comment they delete on a student's route too), is stamped for the
      // audit log with who, which route and which request (core/audit/origin.ts).
      const reply = caller?.isAdmin ? await runAs({ actor: caller.id, route: key, request: context.awsRequestId, at: clock.now().toISOString() }, run) : await run();
      return toResult(reply);
    });
  return Object.assign(handler as HttpHandler, { routeKey: key, spec });
}

function toResult({ status, body, content, headers }: Reply): APIGatewayProxyStructuredResultV2 {
  if (content) {
    const { data } = content;
    const text = typeof data === "string";
    return {
      statusCode: status,
      headers: { "content-type": content.type, ...headers },
      body: text ? data : Buffer.from(data).toString("base64"),
      isBase64Encoded: !text,
    };
  }
  if (body === undefined) return { statusCode: status, headers: { ...headers }, body: "" };
  return { statusCode: status, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(body) };
}

/**
 * Security headers for a JSON API; nothing here may be framed, sniffed, cached or leak a referrer. They are the
 * defaults of every answer: a reply's own headers win (the docs page needs a CSP that runs its scripts).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "strict-transport-security": "max-age=63072000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

type Middleware = MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>;

function responseHeaders(): Middleware {
  const started = new WeakMap<object, number>();
  const addHeaders: NonNullable<Middleware["after"]> = (request) => {
    const response = request.response;
    if (!response) return;
    response.headers = { ...SECURITY_HEADERS, ...response.headers, "x-request-id": request.context.awsRequestId };
    logger.info("request", {
      route: request.event.routeKey,
      status: response.statusCode,
      duration_ms: Date.now() - (started.get(request) ?? Date.now()),
    });
  };
  return {
    before: (request) => {
      started.set(request, Date.now());
    },
    after: addHeaders,
    onError: addHeaders,
  };
}

/** Turns any error into problem+json. Only ProblemErrors speak; anything else is a logged, silent 500. */
function problemResponses(): Middleware {
  return {
    onError: (request) => {
      // A database that is down or overloaded is a 503 the client may retry, not a bug (and not a 500).
      const unavailable = !(request.error instanceof ProblemError) && isDatabaseUnavailable(request.error);
      if (unavailable) logger.warn("database unavailable", request.error as Error);
      const error = unavailable ? databaseUnavailable() : request.error;
      const isProblem = error instanceof ProblemError;
      if (!isProblem) logger.error("unhandled error", error as Error);
      const problem = isProblem ? error.toProblem() : internalProblem();
      request.response = {
        statusCode: problem.status,
        headers: { "content-type": PROBLEM_CONTENT_TYPE, ...(isProblem ? error.headers : {}) },
        body: JSON.stringify(problem),
      };
    },
  };
}
