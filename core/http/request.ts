import type { APIGatewayProxyEventV2 } from "aws-lambda";
import * as z from "zod";
import { ProblemError, badRequest, type FieldError } from "./problem";

/** No JSON body of this API comes near this; anything larger is refused before parsing. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/**
 * Friendlier default messages for the cases every schema shares ("is required" instead of
 * "expected string, received undefined"). Schemas still give their own messages for their own rules.
 */
z.config({
  customError: (issue) => {
    if (issue.code === "invalid_type") {
      return issue.input === undefined ? "is required" : `must be ${article(issue.expected)}`;
    }
    return undefined;
  },
});

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

interface Schemas {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  headers?: z.ZodType;
}

/**
 * The query of a route that reads none. Every route refuses query parameters it does not know, so a misspelt
 * `?limt=5` is a 400 naming it instead of a silent default, and the document can say so once for every route.
 */
const NO_QUERY = z.strictObject({});

/** Reads and validates body, query, path and headers of an HTTP API event. Every failure is a 4xx that says what to fix. */
export function parseRequest(event: APIGatewayProxyEventV2, schemas: Schemas): { body: unknown; query: unknown; params: unknown; headers: unknown } {
  const errors: FieldError[] = [];
  const check = (location: string, schema: z.ZodType | undefined, value: unknown): unknown => {
    if (!schema) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    errors.push(...result.error.issues.flatMap((issue) => fieldErrors(location, issue)));
    return undefined;
  };

  // Path first: a malformed id makes the rest moot but is reported together with any other mistakes.
  const params = check("path", schemas.params, event.pathParameters ?? {});
  const query = check("query", schemas.query ?? NO_QUERY, event.queryStringParameters ?? {});
  const headers = check("header", schemas.headers, event.headers ?? {});
  const body = schemas.body ? check("body", schemas.body, readJsonBody(event)) : undefined;

  if (errors.length > 0) {
    // Two rules can refuse a value with the same words (a URL that is neither valid nor https): say it once.
    const unique = [...new Map(errors.map((error) => [`${error.path}\n${error.message}`, error])).values()];
    const fields = [...new Set(unique.map((error) => error.path))];
    throw badRequest(`The request has ${unique.length === 1 ? "an invalid field" : `${unique.length} problems`}: ${fields.join(", ")}.`, unique);
  }
  return { body, query: schemas.query ? query : undefined, params, headers };
}

function fieldErrors(location: string, issue: z.core.$ZodIssue): FieldError[] {
  const path = [location, ...issue.path.map(String)].join(".");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ path: `${path}.${key}`, message: "is not a known field" }));
  }
  return [{ path, message: issue.message }];
}

function readJsonBody(event: APIGatewayProxyEventV2): unknown {
  const raw = event.body ?? "";
  const bytes = event.isBase64Encoded ? Buffer.from(raw, "base64") : Buffer.from(raw, "utf8");
  if (bytes.length === 0) throw badRequest("This request needs a JSON body.");
  if (bytes.length > MAX_JSON_BODY_BYTES) {
    throw new ProblemError(413, `The body is ${bytes.length} bytes; at most ${MAX_JSON_BODY_BYTES} are accepted.`);
  }

  const contentType = (event.headers?.["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (!/^application\/([\w.-]+\+)?json$/.test(contentType)) {
    throw new ProblemError(415, `Send the body as JSON with 'Content-Type: application/json' (got '${contentType.slice(0, 100) || "none"}').`);
  }

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw badRequest("The body is not valid UTF-8.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The body is not valid JSON.");
  }
}
