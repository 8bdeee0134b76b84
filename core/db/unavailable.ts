import { ProblemError } from "../http/problem";

/** Network failures of a dependency that is down or restarting (Node's error codes). */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/** DynamoDB's own "not now" answers, once the SDK's retries are spent. */
const OVERLOADED = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "ServiceUnavailable",
  "InternalServerError",
  "TimeoutError",
]);

/**
 * True when an error means "the database cannot be reached or is overloaded right now" rather than a bug: the
 * client should retry later (503), and nothing was written half-way (every multi-item write is a transaction).
 * Looks through ElectroDB's and the SDK's wrapping (`cause`, `errors` of an AggregateError).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
  if (OVERLOADED.has(error.name)) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(error.cause, depth + 1);
}

export const databaseUnavailable = () =>
  new ProblemError(503, "The API cannot reach its database right now; nothing was changed. Try again in a few seconds.", { headers: { "retry-after": "5" } });
