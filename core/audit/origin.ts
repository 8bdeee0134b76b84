import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Who is writing, for the audit log: the admin behind a request and that request. The handler factory runs every
 * request of an admin inside `runAs` (core/http/handler.ts); work an admin started that runs off the request (an
 * enrollment import being applied) runs inside it too, with the origin of the request that asked for it. The one
 * DynamoDB client stamps every item written meanwhile (core/audit/stamp.ts), and the table's stream turns the
 * stamped changes into audit entries (core/audit/record.ts). Nothing else needs to know.
 *
 * Node's AsyncLocalStorage, not a module variable: the local gateway runs concurrent requests in one process, and
 * a warm Lambda may still be finishing promises of an earlier one.
 */
export interface AuditOrigin {
  /** The admin's user id. */
  actor: string;
  /** The route key (`PUT /api/courses/{id}`): what they did. */
  route: string;
  /** The request id (`x-request-id`): groups the entries of one action. */
  request: string;
  /** When the request started (ISO 8601, from core/clock.ts): the entries' time. */
  at: string;
}

interface Scope {
  origin: AuditOrigin;
  /** Writes stamped so far in this scope: each write's stamp is unique, so a change is told from a later one. */
  writes: number;
}

const scopes = new AsyncLocalStorage<Scope>();

export function runAs<T>(origin: AuditOrigin, work: () => Promise<T>): Promise<T> {
  return scopes.run({ origin, writes: 0 }, work);
}

/** The origin of the running work, or undefined outside an admin's request (students, consumers, scripts). */
export function currentOrigin(): AuditOrigin | undefined {
  return scopes.getStore()?.origin;
}

/** The next write's number within the running scope (1, 2, …), or undefined outside one. */
export function nextWrite(): { origin: AuditOrigin; write: number } | undefined {
  const scope = scopes.getStore();
  if (!scope) return undefined;
  scope.writes += 1;
  return { origin: scope.origin, write: scope.writes };
}
