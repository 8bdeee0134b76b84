import { createHmac, timingSafeEqual } from "node:crypto";
import { Config } from "../bindings";
import * as z from "zod";
import { badRequest } from "./problem";
import { QueryInteger } from "./query";

/**
 * Cursor pagination for every list: `?limit=&cursor=` -> `{ items, next_cursor }`.
 *
 * The cursor wraps a position in the list (ElectroDB's cursor, a DynamoDB key, or a list's own) with an HMAC keyed
 * by the `CURSOR_KEY` secret and bound to the list it came from (its name and filters) and to the caller it was
 * handed to. A client can neither craft a start key nor carry a cursor to another list or another account:
 * anything else is a clear 400, never a DynamoDB error.
 */
export const PageQuery = {
  limit: QueryInteger({ min: 1, max: 100 }).prefault(20),
  // Only what encodeCursor writes (base64url, a dot, base64url): anything else cannot be a cursor, and a bound
  // alphabet keeps the URL short enough for API Gateway (the request line and headers share 10 KB).
  cursor: z
    .string()
    .max(2048, { error: "is too long" })
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { error: "is not a cursor of this list" })
    .optional(),
};

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** What a cursor is bound to: the list with its filters (`users:role=ADMIN:…`) and the caller it was handed to. */
export interface CursorScope {
  list: string;
  caller: { id: string };
}

// JSON keeps the three parts apart: no list name or filter value can be chosen to read as another caller's.
const signature = ({ list, caller }: CursorScope, position: string): Buffer =>
  createHmac("sha256", Config.CURSOR_KEY).update(JSON.stringify([list, caller.id, position])).digest().subarray(0, 16);

export function encodeCursor(scope: CursorScope, position: string | null): string | null {
  if (!position) return null;
  return `${Buffer.from(position).toString("base64url")}.${signature(scope, position).toString("base64url")}`;
}

/** The position a cursor of this list and caller holds; a 400 for anything else. */
export function decodeCursor(scope: CursorScope, cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const [payload, mac, ...rest] = cursor.split(".");
  const invalid = () =>
    badRequest("The cursor is not valid here: a cursor works only on the list, with the filters, and for the account it came from. Start again without it.", [
      { path: "query.cursor", message: "is not a cursor of this list" },
    ]);
  if (!payload || !mac || rest.length > 0) throw invalid();
  const position = Buffer.from(payload, "base64url").toString();
  const expected = signature(scope, position);
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  return position;
}
