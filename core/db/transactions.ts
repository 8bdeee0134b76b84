import { ProblemError } from "../http/problem";
import type { db } from "./service";

type TransactionWrite = Parameters<ReturnType<typeof db>["transaction"]["write"]>[0];
/** The entities a `db().transaction.write(...)` callback receives, and the committed items it returns. */
export type TransactionEntities = Parameters<TransactionWrite>[0];
export type TransactionItems = ReturnType<TransactionWrite>;

/** Problem type of a lost race between transactions: safe to retry. */
export const TRANSACTION_CONFLICT = "urn:dulcevicio:problem:transaction-conflict";

interface TransactionResult {
  canceled: boolean;
  data: Array<{ rejected: boolean; code: string }>;
}

/**
 * ElectroDB reports a cancelled transaction as data, not as an exception. This turns the first rejected
 * condition into the problem the caller gave for that position (`undefined` = cannot fail on a condition).
 * A clash with a concurrent transaction on the same items is a 409 the client can retry; anything else
 * (throttling, a bug) is rethrown as a plain error, a logged 5xx.
 */
export function assertTransactionSucceeded(result: TransactionResult, problems: Array<ProblemError | undefined>): void {
  if (!result.canceled) return;
  const index = result.data.findIndex((item) => item.rejected);
  const rejected = result.data[index];
  const problem = problems[index];
  if (rejected?.code === "ConditionalCheckFailed" && problem) throw problem;
  if (result.data.some((item) => item.code === "TransactionConflict")) {
    throw new ProblemError(409, "Another change to the same data happened at the same moment; try again.", { type: TRANSACTION_CONFLICT });
  }
  throw new Error(`Transaction cancelled: ${result.data.map((item) => item.code).join(", ")}`);
}

/** Runs a conditional single-item write; a failed condition becomes the given problem (a 4xx), not a 5xx. */
export async function whenConditionFails<T>(write: Promise<T>, problem: ProblemError): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isConditionalCheckFailure(error)) throw problem;
    throw error;
  }
}

/** ElectroDB wraps the SDK's exception; the original is its `cause`. */
export function isConditionalCheckFailure(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current.name === "ConditionalCheckFailedException") return true;
  }
  return false;
}

/**
 * Runs a write that touches a hot item (a course's counters) and may lose a race with a concurrent transaction
 * (`TransactionConflict`, surfaced above as a 409). Retries a few times with jittered backoff before giving the
 * 409 to the client.
 */
export async function retryOnConflict<T>(write: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof ProblemError && error.type === TRANSACTION_CONFLICT) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    }
  }
}
