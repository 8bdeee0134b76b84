import type { Caller } from "../auth/caller";
import type { Role } from "../db/entities/user";
import { db } from "../db/service";
import { decodeCursor, encodeCursor, type Page } from "../http/pagination";
import { conflict } from "../http/problem";
import type { UpdateUserRequest, UserResponse } from "./schemas";
import * as Users from "./users";

/** The admin's use cases on users (spec 6.2). Users are never deleted: deactivation keeps their history. */

export interface UserFilters {
  role?: Role;
  is_active?: boolean;
  /** Email prefix, lower-cased. */
  q?: string;
}

/**
 * Users by email, one Query per page: gsi2 (role, email) with a role, else gsi1 (every user by email). The email
 * prefix narrows the sort key; `is_active` is a filter, so a page may hold fewer than `limit` users.
 */
export async function list(caller: Caller, filters: UserFilters, limit: number, cursor: string | undefined): Promise<Page<UserResponse>> {
  const scope = { list: `users:role=${filters.role ?? "*"}:is_active=${filters.is_active ?? "*"}:q=${filters.q ?? ""}`, caller };
  const query = db().entities.user.query;
  const byEmail = filters.role === undefined ? query.allByEmail({}) : query.byRole({ role: filters.role });
  const prefixed = filters.q === undefined ? byEmail : byEmail.begins({ email: filters.q });
  const filtered = filters.is_active === undefined ? prefixed : prefixed.where((attr, op) => op.eq(attr.is_active, filters.is_active));
  const { data, cursor: next } = await filtered.go({ limit, cursor: decodeCursor(scope, cursor) });
  return { items: await Promise.all(data.map((user) => Users.toResponse(user))), next_cursor: encodeCursor(scope, next) };
}

export async function get(userId: string): Promise<UserResponse> {
  return Users.toResponse(await Users.getOrThrow(userId));
}

/** The spec's UserUpdate. `is_active: false` is a deactivation (every token of the user dies), `true` reactivates. */
export async function update(caller: Caller, userId: string, changes: UpdateUserRequest): Promise<UserResponse> {
  if (changes.is_active === false) refuseSelfDeactivation(caller, userId);
  const user = await Users.getOrThrow(userId);
  return Users.toResponse(await Users.update(user, changes));
}

/** `DELETE /api/users/{id}`: deactivates; nothing is deleted. Deactivating an inactive user changes nothing. */
export async function deactivate(caller: Caller, userId: string): Promise<void> {
  refuseSelfDeactivation(caller, userId);
  const user = await Users.getOrThrow(userId);
  if (user.is_active) await Users.update(user, { is_active: false });
}

/** An admin locking themself out could leave nobody able to administer the platform. */
function refuseSelfDeactivation(caller: Caller, userId: string): void {
  if (caller.id === userId) throw conflict("You cannot deactivate your own account; ask another admin to do it.");
}
