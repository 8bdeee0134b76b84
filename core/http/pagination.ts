import { createHmac, timingSafeEqual } from "node:crypto";
import { Config } from "../bindings";
import * as z from "zod";
import { badRequest } from "./problem";
import { QueryInteger } from "./query";

/**
 * Cursor pagination for every list: `?limit=&cursor=` -> `{ items, next_cursor }`.
 *
 * The cursor wraps ElectroDB's (a DynamoDB key) with an HMAC keyed by the `CURSOR_KEY` secret and bound to the
 * list it came from, so a client can neither craft a start key nor carry a cursor from one list to another:
 * anything altered is a clear 400, never a DynamoDB error.
 */
export const PageQuery = {
  limit: QueryInteger({ min: 1, max: 100 }).prefault(20),
  cursor: z.string().max(2048, { error: "is too long" }).optional(),
};

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

const signature = (scope: string, cursor: string): Buffer =>
  createHmac("sha256", Config.CURSOR_KEY).update(`${scope}\n${cursor}`).digest().subarray(0, 16);

/** `scope` names the list and its filters, e.g. `users:role=ADMIN`. */
export function encodeCursor(scope: string, electroCursor: string | null): string | null {
  if (!electroCursor) return null;
  return `${Buffer.from(electroCursor).toString("base64url")}.${signature(scope, electroCursor).toString("base64url")}`;
}

export function decodeCursor(scope: string, cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const [payload, mac] = cursor.split(".");
  const invalid = () => badRequest("The cursor is not valid for this list; start again without it.", [{ path: "query.cursor", message: "is not a cursor of this list" }]);
  if (!payload || !mac) throw invalid();
  const electroCursor = Buffer.from(payload, "base64url").toString();
  const expected = signature(scope, electroCursor);
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  return electroCursor;
}
