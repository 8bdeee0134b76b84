/**
 * RFC 9457 problem details: the one error shape of the API.
 *
 * Use cases throw `ProblemError`s (through the helpers below); the handler factory turns any error into
 * an `application/problem+json` response. Anything that is not a ProblemError becomes a bare 500 whose
 * body says nothing about the internals.
 */

export interface FieldError {
  /** Where the problem is: `body.email`, `query.limit`, `path.id`. */
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export class ProblemError extends Error {
  readonly status: number;
  readonly title: string;
  readonly type: string;
  readonly errors?: FieldError[];
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    detail: string,
    options: { title?: string; type?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = "ProblemError";
    this.status = status;
    this.title = options.title ?? TITLES[status] ?? "Error";
    this.type = options.type ?? "about:blank";
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  toProblem(): Problem {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) => new ProblemError(400, detail, { errors });
export const unauthorized = (detail: string) =>
  new ProblemError(401, detail, { headers: { "www-authenticate": 'Bearer realm="dulcevicio"' } });
export const forbidden = (detail: string) => new ProblemError(403, detail);
export const notFound = (detail: string) => new ProblemError(404, detail);
export const conflict = (detail: string) => new ProblemError(409, detail);
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new ProblemError(429, detail, { headers: { "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))) } });

/** The body of a 500: deliberately says nothing about what failed. The request id in the headers finds the log. */
export function internalProblem(): Problem {
  return {
    type: "about:blank",
    title: TITLES[500]!,
    status: 500,
    detail: "Something went wrong on our side. Quote the x-request-id header if you report it.",
  };
}

export function problemFromStatus(status: number, detail: string): Problem {
  return { type: "about:blank", title: TITLES[status] ?? "Error", status, detail };
}
