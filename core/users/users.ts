import type { EntityItem } from "electrodb";
import { clock } from "../clock";
import { getAll } from "../db/batch";
import { db } from "../db/service";
import type { UserEntity } from "../db/entities/user";
import { conflict, notFound } from "../http/problem";
import { newId } from "../ids";
import { hashPassword } from "../auth/password";
import * as Storage from "../media/storage";
import { fileUrl } from "../media/urls";
import { assertTransactionSucceeded } from "../db/transactions";
import type { CreateUserRequest, UpdateProfileRequest, UserResponse } from "./schemas";

export type UserRecord = EntityItem<typeof UserEntity>;

/** `avatar_url`: a presigned GET of the uploaded avatar (media issue #14), else the address the user gave, if any. */
export async function toResponse(user: UserRecord): Promise<UserResponse> {
  return {
    id: user.user_id,
    email: user.email,
    username: user.username ?? null,
    full_name: user.full_name,
    role: user.role,
    is_active: user.is_active,
    avatar_url: user.avatar_key ? await fileUrl(user.avatar_key, true) : (user.avatar_url ?? null),
    avatar_status: user.avatar_status ?? "none",
    avatar_error: user.avatar_error ?? null,
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
}

/** One strongly consistent GetItem. */
export async function get(userId: string): Promise<UserRecord | undefined> {
  const { data } = await db().entities.user.get({ user_id: userId }).go({ consistent: true });
  return data ?? undefined;
}

export async function getOrThrow(userId: string): Promise<UserRecord> {
  const user = await get(userId);
  if (!user) throw notFound(`There is no user with id ${userId}.`);
  return user;
}

/** The user id behind an email: one GetItem on the email's identifier item. */
export async function idForEmail(email: string): Promise<string | undefined> {
  const { data } = await db().entities.identifier.get({ kind: "email", value: email.toLowerCase() }).go({ consistent: true });
  return data?.user_id;
}

/**
 * Creates a user with the email (and username, when given) claimed in the same transaction: a taken email or
 * username is a 409 and nothing is written.
 */
export async function create(input: CreateUserRequest): Promise<UserRecord> {
  const now = clock.now().toISOString();
  const user: UserRecord = {
    user_id: newId(),
    email: input.email.toLowerCase(),
    username: input.username,
    full_name: input.full_name,
    role: input.role,
    is_active: true,
    password_hash: await hashPassword(input.password),
    token_version: 1,
    created_at: now,
    updated_at: now,
  };
  const result = await db()
    .transaction.write(({ user: users, identifier }) => [
      users.create(user).commit(),
      identifier.create({ kind: "email", value: user.email, user_id: user.user_id }).commit(),
      ...(user.username
        ? [identifier.create({ kind: "username", value: user.username.toLowerCase(), user_id: user.user_id }).commit()]
        : []),
    ])
    .go();
  assertTransactionSucceeded(result, [
    undefined,
    conflict(`A user with the email ${user.email} already exists.`),
    conflict(`The username ${user.username ?? ""} is taken.`),
  ]);
  return user;
}

/** What can change on a user: the profile, and (admins only) whether the account is active. */
export type UserChanges = UpdateProfileRequest & { is_active?: boolean };

/** Profile changes by the user themself. */
export function updateProfile(current: UserRecord, changes: UpdateProfileRequest): Promise<UserRecord> {
  return update(current, changes);
}

/**
 * Applies changes to a user read at the start of the request. A username change moves its uniqueness claim in
 * the same transaction. Deactivating also bumps `token_version`, so every access and refresh token of the user
 * stops working at once.
 */
export async function update(current: UserRecord, changes: UserChanges): Promise<UserRecord> {
  const now = clock.now().toISOString();
  const newUsername = changes.username === undefined ? current.username : (changes.username ?? undefined);
  const usernameChanged = (newUsername?.toLowerCase() ?? null) !== (current.username?.toLowerCase() ?? null);
  const deactivating = changes.is_active === false;

  const set: Partial<UserRecord> = { updated_at: now };
  const remove: ("username" | "avatar_url" | "avatar_key")[] = [];
  if (changes.full_name !== undefined) set.full_name = changes.full_name;
  if (changes.avatar_url === null) remove.push("avatar_url");
  else if (changes.avatar_url !== undefined) set.avatar_url = changes.avatar_url;
  // An avatar is an address or an upload, one at a time: setting or clearing the address drops the uploaded one.
  const replacedAvatar = changes.avatar_url !== undefined ? current.avatar_key : undefined;
  if (replacedAvatar) remove.push("avatar_key");
  if (newUsername === undefined) {
    if (current.username !== undefined) remove.push("username");
  } else {
    set.username = newUsername;
  }
  if (changes.is_active !== undefined) set.is_active = changes.is_active;

  const result = await db()
    .transaction.write(({ user, identifier }) => {
      const patch = user.patch({ user_id: current.user_id }).set(set).remove(remove);
      return [
        (deactivating ? patch.add({ token_version: 1 }) : patch)
          // The user was read at the start of the request: refuse to overwrite a concurrent change of the username.
          .where((attr, op) => (current.username === undefined ? op.notExists(attr.username) : op.eq(attr.username, current.username)))
          .commit(),
        ...(usernameChanged && newUsername
          ? [identifier.create({ kind: "username", value: newUsername.toLowerCase(), user_id: current.user_id }).commit()]
          : []),
        ...(usernameChanged && current.username
          ? [identifier.delete({ kind: "username", value: current.username.toLowerCase() }).commit()]
          : []),
      ];
    })
    .go();
  assertTransactionSucceeded(result, [
    conflict("The profile changed while you were editing it; reload it and try again."),
    conflict(`The username ${newUsername ?? ""} is taken.`),
  ]);
  const updated: UserRecord = { ...current, ...set, token_version: current.token_version + (deactivating ? 1 : 0) };
  for (const field of remove) delete updated[field];
  if (replacedAvatar) await Storage.remove(replacedAvatar);
  return updated;
}

/** Users by id (duplicates allowed): one BatchGetItem for up to 100 distinct ids, a page of any list. */
export async function getMany(userIds: string[]): Promise<Map<string, UserRecord>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const users = await getAll(
    unique.map((user_id) => ({ user_id })),
    (keys) => db().entities.user.get(keys).go({ consistent: true }),
  );
  return new Map(users.map((user) => [user.user_id, user]));
}

/** One Query on the role index (at most one item read). */
export async function anyAdminExists(): Promise<boolean> {
  const { data } = await db().entities.user.query.byRole({ role: "ADMIN" }).go({ limit: 1, pages: 1 });
  return data.length > 0;
}
