import * as Access from "../access/access";
import type { MembershipRecord } from "../access/access";
import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import { db } from "../db/service";
import { assertTransactionSucceeded, whenConditionFails } from "../db/transactions";
import { decodeCursor, encodeCursor, type Page } from "../http/pagination";
import { badRequest, conflict, notFound } from "../http/problem";
import { newId } from "../ids";
import * as Users from "../users/users";
import type { UserRecord } from "../users/users";
import type { CreateMembershipRequest, MembershipResponse, UpdateMembershipRequest } from "./schemas";

/**
 * Memberships: access to every course from `start_date` (inclusive) until `end_date` (exclusive), granted by an
 * admin (spec 4.4, 6.8). Stored in the user's partition beside their enrollments, so the access check reads both
 * in one Query.
 */

const noMembership = (membershipId: string) => notFound(`There is no membership with id ${membershipId}.`);

/** One transaction: a check that the user exists and the membership; then the user for the answer. */
export async function create(caller: Caller, request: CreateMembershipRequest): Promise<MembershipResponse> {
  const now = clock.now().toISOString();
  const membership: MembershipRecord = {
    membership_id: newId(),
    user_id: request.user_id,
    membership_type: "FULL_ACCESS",
    start_date: request.start_date,
    end_date: request.end_date,
    is_active: true,
    granted_by: caller.id,
    ...(request.notes ? { notes: request.notes } : {}),
    created_at: now,
    updated_at: now,
  };
  const result = await db()
    .transaction.write(({ membership: memberships, user }) => [
      user.check({ user_id: request.user_id }).where((attr, op) => op.exists(attr.user_id)).commit(),
      memberships.create(membership).commit(),
    ])
    .go();
  assertTransactionSucceeded(result, [notFound(`There is no user with id ${request.user_id}.`)]);
  return toResponse(membership, await Users.getOrThrow(request.user_id));
}

export interface MembershipFilters {
  user_id?: string;
  /** Opens every course right now (switched on, started and not ended), or not. */
  active?: boolean;
}

/**
 * Newest first, one Query per page: the user's partition with `user_id`, else gsi2 (every membership). `active`
 * is decided by the access rule after reading, so a page may hold fewer than `limit` items while `next_cursor`
 * still leads on. Then one BatchGetItem for the page's users.
 */
export async function list(caller: Caller, filters: MembershipFilters, limit: number, cursor: string | undefined): Promise<Page<MembershipResponse>> {
  const scope = { list: `memberships:user=${filters.user_id ?? "*"}:active=${filters.active ?? "*"}`, caller };
  const options = { limit, cursor: decodeCursor(scope, cursor), order: "desc" } as const;
  const query = db().entities.membership.query;
  const { data, cursor: next } = filters.user_id === undefined ? await query.all({}).go(options) : await query.byUser({ user_id: filters.user_id }).go(options);
  const now = clock.now();
  const page = filters.active === undefined ? data : data.filter((membership) => Access.isMembershipActive(membership, now) === filters.active);
  const users = await Users.getMany(page.map(({ user_id }) => user_id));
  const items = await Promise.all(
    page.flatMap((membership) => {
      const user = users.get(membership.user_id);
      return user ? [toResponse(membership, user)] : [];
    }),
  );
  return { items, next_cursor: encodeCursor(scope, next) };
}

export async function get(membershipId: string): Promise<MembershipResponse> {
  const membership = await find(membershipId);
  return toResponse(membership, await Users.getOrThrow(membership.user_id));
}

/**
 * Extends, shortens or switches a membership. The dates, merged with the stored ones, must still end after they
 * start; the write is conditional on the stored dates it was checked against.
 */
export async function update(membershipId: string, changes: UpdateMembershipRequest): Promise<MembershipResponse> {
  const current = await find(membershipId);
  const start = changes.start_date ?? current.start_date;
  const end = changes.end_date ?? current.end_date;
  if (Date.parse(end) <= Date.parse(start)) {
    const error =
      changes.end_date === undefined
        ? { path: "body.start_date", message: `must be before end_date (${end})` }
        : { path: "body.end_date", message: `must be after start_date (${start})` };
    throw badRequest("A membership must end after it starts.", [error]);
  }

  const datesChange = changes.start_date !== undefined || changes.end_date !== undefined;
  const patch = db()
    .entities.membership.patch({ user_id: current.user_id, membership_id: membershipId })
    .set({
      updated_at: clock.now().toISOString(),
      ...(changes.start_date === undefined ? {} : { start_date: changes.start_date }),
      ...(changes.end_date === undefined ? {} : { end_date: changes.end_date }),
      ...(changes.is_active === undefined ? {} : { is_active: changes.is_active }),
      ...(changes.notes ? { notes: changes.notes } : {}),
    });
  // Empty notes are no notes.
  const withNotes = changes.notes === null || changes.notes === "" ? patch.remove(["notes"]) : patch;
  const conditioned = datesChange
    ? withNotes.where((attr, op) => `${op.eq(attr.start_date, current.start_date)} AND ${op.eq(attr.end_date, current.end_date)}`)
    : withNotes;
  const write = whenConditionFails(
    conditioned.go({ response: "all_new" }),
    datesChange ? conflict("The membership's dates changed while you were editing them; reload it and try again.") : noMembership(membershipId),
  );
  const [{ data }, user] = await Promise.all([write, Users.getOrThrow(current.user_id)]);
  return toResponse(data as MembershipRecord, user);
}

export async function remove(membershipId: string): Promise<void> {
  const { user_id } = await find(membershipId);
  await whenConditionFails(
    db()
      .entities.membership.delete({ user_id, membership_id: membershipId })
      .where((attr, op) => op.exists(attr.membership_id))
      .go(),
    noMembership(membershipId),
  );
}

/** By id: one Query of gsi1. */
async function find(membershipId: string): Promise<MembershipRecord> {
  const { data } = await db().entities.membership.query.byId({ membership_id: membershipId }).go({ limit: 1 });
  const membership = data[0];
  if (!membership) throw noMembership(membershipId);
  return membership;
}

/** The spec's MembershipResponse, with the user nested. */
async function toResponse(membership: MembershipRecord, user: UserRecord): Promise<MembershipResponse> {
  return {
    id: membership.membership_id,
    user_id: membership.user_id,
    membership_type: membership.membership_type,
    start_date: membership.start_date,
    end_date: membership.end_date,
    is_active: membership.is_active,
    granted_by: membership.granted_by,
    notes: membership.notes ?? null,
    created_at: membership.created_at,
    user: await Users.toResponse(user),
  };
}
