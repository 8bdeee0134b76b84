import { createHash } from "node:crypto";
import { clock, epochSeconds } from "../clock";
import { db } from "../db/service";
import { unauthorized } from "../http/problem";
import { newId, newSecretToken } from "../ids";
import { logger } from "../logger";
import * as Users from "../users/users";
import type { UserRecord } from "../users/users";
import type { UserResponse } from "../users/schemas";
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken } from "./access-token";

/** How long a login lasts without use; every refresh starts a new token with a fresh 30 days. */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: "Bearer";
  expires_in: number;
  user: UserResponse;
}

const hashToken = (token: string): string => createHash("sha256").update(token).digest("base64url");

const INVALID_REFRESH_TOKEN = "The refresh token is not valid; sign in again.";

function newRefreshToken(user: UserRecord, familyId: string, now: Date) {
  const token = newSecretToken();
  const expires = new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000);
  const item = {
    token_hash: hashToken(token),
    family_id: familyId,
    user_id: user.user_id,
    token_version: user.token_version,
    status: "active" as const,
    created_at: now.toISOString(),
    expires_at: expires.toISOString(),
    expires_at_epoch: epochSeconds(expires),
  };
  return { token, item };
}

async function pair(user: UserRecord, refreshToken: string, now: Date): Promise<TokenPair> {
  return {
    access_token: signAccessToken({ sub: user.user_id, role: user.role, ver: user.token_version }, now),
    refresh_token: refreshToken,
    token_type: "Bearer",
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    user: await Users.toResponse(user),
  };
}

/**
 * Starts a session after a successful sign-in: a new refresh-token family and its first token, written in one
 * transaction.
 */
export async function start(user: UserRecord): Promise<TokenPair> {
  const now = clock.now();
  const familyId = newId();
  const { token, item } = newRefreshToken(user, familyId, now);
  await db()
    .transaction.write(({ refreshFamily, refreshToken }) => [
      refreshFamily
        .create({ family_id: familyId, user_id: user.user_id, revoked: false, created_at: item.created_at, expires_at_epoch: item.expires_at_epoch })
        .commit(),
      refreshToken.create(item).commit(),
    ])
    .go();
  return pair(user, token, now);
}

/**
 * Rotates a refresh token: the presented one is spent and a new one of the same family is issued, in one
 * transaction conditioned on the old token still being active and the family not revoked. Presenting a spent
 * token (or losing the race to a concurrent use of it) is reuse: the whole family is revoked.
 * Round trips: GetItem token, GetItem user, TransactWriteItems.
 */
export async function rotate(presented: string): Promise<TokenPair> {
  const now = clock.now();
  const { data: current } = await db().entities.refreshToken.get({ token_hash: hashToken(presented) }).go({ consistent: true });
  if (!current || new Date(current.expires_at) <= now) throw unauthorized(INVALID_REFRESH_TOKEN);
  if (current.status === "spent") {
    await revokeFamily(current.family_id, "reuse of a spent refresh token");
    throw unauthorized("This refresh token was already used, so every session started from it has been ended. Sign in again.");
  }

  const user = await Users.get(current.user_id);
  if (!user || !user.is_active || user.token_version !== current.token_version) throw unauthorized(INVALID_REFRESH_TOKEN);

  const { token, item } = newRefreshToken(user, current.family_id, now);
  const result = await db()
    .transaction.write(({ refreshFamily, refreshToken }) => [
      refreshToken
        .patch({ token_hash: current.token_hash })
        .set({ status: "spent" })
        .where((attr, op) => op.eq(attr.status, "active"))
        .commit(),
      // Extends the family's cleanup time; its condition refuses a revoked family.
      refreshFamily
        .patch({ family_id: current.family_id })
        .set({ expires_at_epoch: item.expires_at_epoch })
        .where((attr, op) => op.eq(attr.revoked, false))
        .commit(),
      refreshToken.create(item).commit(),
    ])
    .go();
  if (result.canceled) {
    const [spent, family] = result.data;
    if (spent?.code === "ConditionalCheckFailed") {
      // Another request spent this token a moment ago: the same token was presented twice.
      await revokeFamily(current.family_id, "concurrent reuse of a refresh token");
    }
    if (spent?.rejected || family?.rejected) throw unauthorized(INVALID_REFRESH_TOKEN);
    throw new Error(`Refresh rotation failed: ${result.data.map((entry) => entry.code).join(", ")}`);
  }
  return pair(user, token, now);
}

/** Ends the session the token belongs to. Unknown tokens are ignored: the answer reveals nothing. */
export async function end(presented: string): Promise<void> {
  const { data: current } = await db().entities.refreshToken.get({ token_hash: hashToken(presented) }).go({ consistent: true });
  if (current) await revokeFamily(current.family_id, "logout");
}

async function revokeFamily(familyId: string, reason: string): Promise<void> {
  await db().entities.refreshFamily.patch({ family_id: familyId }).set({ revoked: true }).go();
  logger.info("refresh token family revoked", { family_id: familyId, reason });
}
