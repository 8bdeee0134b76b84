/**
 * A local stand-in for API Gateway's HTTP API (Lambda proxy integration, payload format 2.0).
 *
 * It serves every row of the route table from the same handler modules that run on Lambda, building the
 * event and the Lambda context the way AWS does, so a handler cannot tell the difference. Where AWS behaviour
 * matters to the app (route selection, header/cookie/query folding, base64 bodies, the 10 MB limit, CORS
 * answered by the gateway, the integration timeout) it is reproduced; the rest (authorizers, stage variables,
 * custom domains) is left out because the app does not use it.
 */
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import type { CorsPolicy } from "../core/http/cors";
import { PROBLEM_CONTENT_TYPE, problemFromStatus } from "../core/http/problem";
import { routeKey, type Route } from "../core/routes";
import { lambdaContext } from "./lambda-context";

export type GatewayHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;
type StructuredResult = APIGatewayProxyStructuredResultV2;

export interface GatewayOptions {
  /** 0 = an ephemeral port (tests). */
  port: number;
  /** Defaults to 127.0.0.1: the dev API is not meant to be reachable from the network. */
  host?: string;
  routes: readonly Route[];
  /** Imports a route's handler module; called once per route (the promise is cached, like a warm Lambda). */
  loadHandler: (route: Route) => Promise<GatewayHandler>;
  cors: CorsPolicy;
  /** Per invocation, in ms. API Gateway's HTTP API gives up after 30 s; past it we answer 504. */
  timeoutMs?: number;
  /** Wraps every invocation (e.g. to count DynamoDB requests); gets the structured result and may change it. */
  aroundInvoke?: (route: Route, invoke: () => Promise<StructuredResult>) => Promise<StructuredResult>;
  /** Files served for GET/HEAD under a path prefix when no API route matches (local static pages). */
  staticRoutes?: Array<{ prefix: string; directory: string }>;
}

export interface LocalGateway {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  port: number;
  /** Stops listening and drops open (keep-alive) connections at once. */
  close(): Promise<void>;
}

/** API Gateway's request payload limit (HTTP API quota: 10 MB). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;

export async function startGateway(options: GatewayOptions): Promise<LocalGateway> {
  const host = options.host ?? "127.0.0.1";
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const table = options.routes.map(compileRoute);
  const handlers = new Map<Route, Promise<GatewayHandler>>();

  const loadHandler = (route: Route): Promise<GatewayHandler> => {
    let loaded = handlers.get(route);
    if (!loaded) {
      loaded = options.loadHandler(route);
      handlers.set(route, loaded);
      // A module that failed to import (syntax error while editing) is retried on the next request.
      loaded.catch(() => handlers.delete(route));
    }
    return loaded;
  };

  const server = http.createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      // Only reached by a bug in the gateway itself: still answer, like API Gateway would.
      console.error("[gateway] unexpected failure:", error);
      if (!res.headersSent) writeResult(res, problemResult(500, "Internal Server Error"));
      else res.destroy();
    });
  });

  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const rawUrl = req.url ?? "/";
    const queryAt = rawUrl.indexOf("?");
    const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const rawQueryString = queryAt === -1 ? "" : rawUrl.slice(queryAt + 1);
    const origin = single(req.headers.origin);
    const requestId = randomBytes(11).toString("base64"); // the shape of API Gateway's ids: 16 chars ending in '='
    res.setHeader("apigw-requestid", requestId);

    // With a CORS configuration, API Gateway answers every preflight itself, for any path, and never invokes
    // the integration (there is no OPTIONS route in the table).
    if (method === "OPTIONS" && origin !== undefined && req.headers["access-control-request-method"] !== undefined) {
      req.resume();
      writeResult(res, { statusCode: 204, headers: preflightHeaders(origin, options.cors) });
      return;
    }

    const body = await readBody(req);
    const send = (result: StructuredResult) => writeResult(res, withCors(result, origin, options.cors));

    const match = matchRoute(table, method, rawPath);
    if (!match) {
      if (await serveStatic(res, method, rawPath, options.staticRoutes ?? [], origin, options.cors)) return;
      send(problemResult(404, `No route for ${method} ${rawPath}`));
      return;
    }
    // Checked after routing, before invoking: API Gateway refuses the payload without calling the function.
    if (body === "too-large") {
      send(problemResult(413, `The request body is larger than API Gateway's limit of ${MAX_BODY_BYTES} bytes`));
      return;
    }

    const event = buildEvent(req, { method, rawPath, rawQueryString, requestId, body }, match);
    const invoke = () => invokeHandler(match.route, event, timeoutMs, loadHandler);
    let result: StructuredResult;
    try {
      result = options.aroundInvoke ? await options.aroundInvoke(match.route, invoke) : await invoke();
    } catch (error) {
      console.error(`[gateway] ${routeKey(match.route)}: aroundInvoke failed:`, error);
      result = problemResult(500, "Internal Server Error");
    }
    send(result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // close() alone waits for keep-alive sockets (fetch keeps them) and for requests still running.
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Route selection

type Segment = { kind: "literal"; value: string } | { kind: "param"; name: string } | { kind: "greedy"; name: string };

interface CompiledRoute {
  route: Route;
  segments: Segment[];
}

interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string>;
  /** One rank per route segment (literal 2, param 1, greedy 0): compared to pick the most specific route. */
  specificity: number[];
}

function compileRoute(route: Route): CompiledRoute {
  const segments = route.path
    .split("/")
    .slice(1)
    .map((part, index, all): Segment => {
      const greedy = /^\{(\w+)\+\}$/.exec(part);
      if (greedy) {
        if (index !== all.length - 1) throw new Error(`${routeKey(route)}: a greedy {${greedy[1]}+} must be last`);
        return { kind: "greedy", name: greedy[1]! };
      }
      const param = /^\{(\w+)\}$/.exec(part);
      return param ? { kind: "param", name: param[1]! } : { kind: "literal", value: part };
    });
  return { route, segments };
}

/**
 * API Gateway picks the route whose method matches and whose path is the most specific: a literal segment beats
 * a `{param}`, which beats a greedy `{proxy+}` (compared left to right). A path that exists only for another
 * method is a 404, as on AWS (HTTP APIs do not answer 405).
 */
function matchRoute(table: CompiledRoute[], method: string, rawPath: string): RouteMatch | undefined {
  const parts = rawPath.split("/").slice(1);
  let best: RouteMatch | undefined;
  for (const compiled of table) {
    if (compiled.route.method !== method) continue;
    const match = matchPath(compiled, parts);
    if (match && (!best || compareSpecificity(match.specificity, best.specificity) > 0)) best = match;
  }
  return best;
}

function matchPath({ route, segments }: CompiledRoute, parts: string[]): RouteMatch | undefined {
  const pathParameters: Record<string, string> = {};
  const specificity: number[] = [];
  for (const [index, segment] of segments.entries()) {
    if (segment.kind === "greedy") {
      const rest = parts.slice(index).join("/");
      if (rest === "") return undefined; // {proxy+} needs at least one character
      pathParameters[segment.name] = safeDecode(rest);
      specificity.push(0);
      return { route, pathParameters, specificity };
    }
    const part = parts[index];
    if (part === undefined || part === "") return undefined;
    if (segment.kind === "literal") {
      if (safeDecode(part) !== segment.value) return undefined;
      specificity.push(2);
    } else {
      pathParameters[segment.name] = safeDecode(part);
      specificity.push(1);
    }
  }
  return parts.length === segments.length ? { route, pathParameters, specificity } : undefined;
}

function compareSpecificity(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? -1) - (b[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// The event and the context

/** Undefined: no body. "too-large": over the limit (read to the end anyway so the client gets our answer). */
async function readBody(req: http.IncomingMessage): Promise<Buffer | undefined | "too-large"> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) return "too-large";
  return size === 0 ? undefined : Buffer.concat(chunks, size);
}

function buildEvent(
  req: http.IncomingMessage,
  request: { method: string; rawPath: string; rawQueryString: string; requestId: string; body: Buffer | undefined },
  match: RouteMatch,
): APIGatewayProxyEventV2 {
  // Payload 2.0 folds repeated headers into one comma-joined value; headersDistinct keeps every occurrence
  // (req.headers silently drops duplicates of some headers, e.g. user-agent).
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (values) headers[name] = values.join(",");
  }
  // Cookies move to their own field and the cookie header disappears, as on AWS.
  const cookies = (req.headersDistinct.cookie ?? [])
    .flatMap((value) => value.split(";"))
    .map((cookie) => cookie.trim())
    .filter(Boolean);
  delete headers.cookie;

  const sourceIp = (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
  // API Gateway appends the caller to x-forwarded-for; the login throttle reads the client IP from the context.
  headers["x-forwarded-for"] = headers["x-forwarded-for"] ? `${headers["x-forwarded-for"]}, ${sourceIp}` : sourceIp;
  headers["x-forwarded-proto"] ??= "http";
  headers["x-forwarded-port"] ??= String(req.socket.localPort ?? "");

  // Repeated keys are comma-joined in payload 2.0. URLSearchParams decodes %XX (and '+' as a space).
  const queryStringParameters: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(request.rawQueryString)) {
    queryStringParameters[key] = key in queryStringParameters ? `${queryStringParameters[key]},${value}` : value;
  }

  const domainName = (headers.host ?? "localhost").replace(/:\d+$/, "");
  const now = new Date();
  const key = routeKey(match.route);
  const text = request.body !== undefined && isTextContentType(headers["content-type"]);

  return {
    version: "2.0",
    routeKey: key,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(queryStringParameters).length > 0 ? { queryStringParameters } : {}),
    ...(Object.keys(match.pathParameters).length > 0 ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: "offline",
      apiId: "local",
      domainName,
      domainPrefix: domainName.split(".")[0] ?? domainName,
      http: {
        method: request.method,
        path: request.rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: request.requestId,
      routeKey: key,
      stage: "$default",
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
    },
    ...(request.body !== undefined ? { body: request.body.toString(text ? "utf8" : "base64") } : {}),
    isBase64Encoded: request.body !== undefined && !text,
  };
}

/** Bodies API Gateway passes as text; everything else (images, PDFs, no content type) arrives base64-encoded. */
function isTextContentType(contentType: string | undefined): boolean {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return (
    type.startsWith("text/") ||
    type === "application/json" ||
    type === "application/x-www-form-urlencoded" ||
    type.endsWith("+json") ||
    type.endsWith("+xml")
  );
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `25/Nov/2026:05:01:02 +0000`, API Gateway's `requestContext.time`. */
function apiGatewayTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Invocation and the response

/**
 * Runs the handler with the Lambda timeout, and always resolves: a throw becomes the 500 and a timeout the 504
 * that API Gateway would send, so `aroundInvoke` sees (and may decorate) every outcome.
 */
async function invokeHandler(
  route: Route,
  event: APIGatewayProxyEventV2,
  timeoutMs: number,
  loadHandler: (route: Route) => Promise<GatewayHandler>,
): Promise<StructuredResult> {
  const key = routeKey(route);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const functionName = `dulcevicio-local-${route.handler.replaceAll("/", "-")}`;
    const run = (async () => (await loadHandler(route))(event, lambdaContext(functionName, timeoutMs)))();
    // A handler that times out keeps running (we cannot freeze it like Lambda does): keep its late failure
    // from becoming an unhandled rejection.
    run.catch(() => {});
    const outcome = await Promise.race([run, timedOut]);
    if (outcome === "timeout") {
      console.error(`[gateway] ${key}: no answer within ${timeoutMs} ms`);
      return problemResult(504, `The function did not answer within ${timeoutMs} ms`);
    }
    return normalizeResult(outcome);
  } catch (error) {
    console.error(`[gateway] ${key} failed:`, error);
    // API Gateway says {"message":"Internal Server Error"}; we keep the API's one error shape and no details.
    return problemResult(500, "Internal Server Error");
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Payload 2.0: an object with a statusCode is a structured response; anything else (a string, an object without
 * statusCode, undefined) is the body of a 200 JSON response, as Lambda serialized it.
 */
function normalizeResult(result: unknown): StructuredResult {
  if (typeof result === "object" && result !== null && typeof (result as StructuredResult).statusCode === "number") {
    return result as StructuredResult;
  }
  return {
    statusCode: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(result ?? null),
    isBase64Encoded: false,
  };
}

function problemResult(status: number, detail: string): StructuredResult {
  return {
    statusCode: status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE },
    body: JSON.stringify(problemFromStatus(status, detail)),
    isBase64Encoded: false,
  };
}

function writeResult(res: http.ServerResponse, result: StructuredResult): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name.toLowerCase(), String(value));
  // Each entry of `cookies` becomes its own set-cookie header.
  if (result.cookies && result.cookies.length > 0) {
    const existing = res.getHeader("set-cookie");
    res.setHeader("set-cookie", [...(existing === undefined ? [] : [String(existing)]), ...result.cookies]);
  }
  const body = Buffer.from(result.body ?? "", result.isBase64Encoded ? "base64" : "utf8");
  res.statusCode = result.statusCode ?? 200;
  res.setHeader("content-length", body.length);
  res.end(body);
}

// ---------------------------------------------------------------------------------------------------------------
// CORS, as API Gateway's HTTP API CORS configuration does it

function originAllowed(origin: string, cors: CorsPolicy): boolean {
  return cors.allowOrigins.includes("*") || cors.allowOrigins.includes(origin);
}

function allowOriginValue(origin: string, cors: CorsPolicy): string {
  return cors.allowOrigins.includes(origin) ? origin : "*";
}

/** A disallowed origin still gets 204, just without any allow header: the browser then blocks the call. */
function preflightHeaders(origin: string, cors: CorsPolicy): Record<string, string> {
  if (!originAllowed(origin, cors)) return {};
  return {
    "access-control-allow-origin": allowOriginValue(origin, cors),
    "access-control-allow-methods": cors.allowMethods.join(","),
    "access-control-allow-headers": cors.allowHeaders.join(","),
    "access-control-max-age": String(cors.maxAgeSeconds),
    vary: "origin",
  };
}

/**
 * With CORS configured, API Gateway ignores CORS headers sent by the integration and sets its own, so a
 * handler cannot accidentally be more permissive locally than on AWS.
 */
function withCors(result: StructuredResult, origin: string | undefined, cors: CorsPolicy): StructuredResult {
  const headers: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    if (!name.toLowerCase().startsWith("access-control-")) headers[name.toLowerCase()] = value;
  }
  if (origin !== undefined && originAllowed(origin, cors)) {
    headers["access-control-allow-origin"] = allowOriginValue(origin, cors);
    if (cors.exposeHeaders.length > 0) headers["access-control-expose-headers"] = cors.exposeHeaders.join(",");
    const vary = headers.vary === undefined ? [] : String(headers.vary).split(",").map((v) => v.trim());
    if (!vary.some((v) => v.toLowerCase() === "origin")) vary.push("origin");
    headers.vary = vary.join(", ");
  }
  return { ...result, headers };
}

// ---------------------------------------------------------------------------------------------------------------
// Static files (local pages only; on AWS they would come from a bucket or a CDN)

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".pdf": "application/pdf",
};

/** Returns true when it answered. Only files inside `directory` are served (`..` cannot escape it). */
async function serveStatic(
  res: http.ServerResponse,
  method: string,
  rawPath: string,
  staticRoutes: Array<{ prefix: string; directory: string }>,
  origin: string | undefined,
  cors: CorsPolicy,
): Promise<boolean> {
  if (method !== "GET" && method !== "HEAD") return false;
  const decodedPath = safeDecode(rawPath);
  for (const { prefix, directory } of staticRoutes) {
    if (!decodedPath.startsWith(prefix)) continue;
    const root = path.resolve(directory);
    let file = path.resolve(root, `.${path.posix.sep}${decodedPath.slice(prefix.length)}`);
    if (file !== root && !file.startsWith(root + path.sep)) continue;
    let info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      file = path.join(file, "index.html");
      info = await stat(file).catch(() => undefined);
    }
    if (!info?.isFile()) continue;
    const headers = withCors(
      { statusCode: 200, headers: { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" } },
      origin,
      cors,
    ).headers!;
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, String(value));
    res.setHeader("content-length", info.size);
    res.statusCode = 200;
    if (method === "HEAD") res.end();
    else createReadStream(file).on("error", () => res.destroy()).pipe(res);
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Malformed escapes (`%E0%A4%A`) are passed through as written rather than failing the request. */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
