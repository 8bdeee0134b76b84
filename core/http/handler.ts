import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { MiddlewareObj } from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import type { z } from "zod";
import { authenticate, type Caller } from "../auth/caller";
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

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const noContent = (): Reply => ({ status: 204 });

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface HttpRequest<K extends RouteKey, B extends Schema, Q extends Schema, P extends Schema> {
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Parsed<P>;
  caller: CallerOf<K>;
  /** Lower-cased names, as API Gateway passes them. */
  headers: Readonly<Record<string, string | undefined>>;
  sourceIp: string;
  requestId: string;
}

export interface HttpSpec<K extends RouteKey, B extends Schema, Q extends Schema, P extends Schema> {
  /** A JSON body schema; when present, the route refuses anything but `application/json`. */
  body?: B;
  query?: Q;
  params?: P;
  run: (request: HttpRequest<K, B, Q, P>) => Promise<Reply>;
}

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export function http<K extends RouteKey, B extends Schema = undefined, Q extends Schema = undefined, P extends Schema = undefined>(
  key: K,
  spec: HttpSpec<K, B, Q, P>,
): HttpHandler & { routeKey: K; spec: HttpSpec<K, B, Q, P> } {
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
      const reply = await spec.run({
        ...(input as Pick<HttpRequest<K, B, Q, P>, "body" | "query" | "params">),
        caller: caller as CallerOf<K>,
        headers: event.headers ?? {},
        sourceIp: event.requestContext.http.sourceIp,
        requestId: context.awsRequestId,
      });
      return {
        statusCode: reply.status,
        headers: { ...(reply.body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }), ...reply.headers },
        body: reply.body === undefined ? "" : JSON.stringify(reply.body),
      };
    });
  return Object.assign(handler as HttpHandler, { routeKey: key, spec });
}

/** Security headers for a JSON API; nothing here may be framed, sniffed, cached or leak a referrer. */
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
    response.headers = { ...response.headers, ...SECURITY_HEADERS, "x-request-id": request.context.awsRequestId };
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
      const { error } = request;
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
