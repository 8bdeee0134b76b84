import { clock } from "../clock";
import { db } from "../db/service";
import { isConditionalCheckFailure, whenConditionFails } from "../db/transactions";
import { ProblemError, badRequest, conflict, unauthorized } from "../http/problem";
import * as Users from "../users/users";
import type { UserRecord } from "../users/users";
import { DECOY_HASH, hashPassword, needsRehash, verifyPassword } from "./password";
import type { ChangePasswordRequest, LoginRequest } from "./schemas";
import * as Sessions from "./sessions";
import type { TokenPair } from "./sessions";
import * as Throttle from "./throttle";

const WRONG_CREDENTIALS = "The email or password is incorrect.";

/**
 * Sign-in. An unknown email and a wrong password give the same 401 after the same scrypt work (the unknown
 * email is checked against a decoy hash). Round trips: BatchGet(throttle) ‖ GetItem(email), GetItem(user),
 * TransactWrite(session); plus a counter write on failure.
 */
export async function login(credentials: LoginRequest, sourceIp: string): Promise<TokenPair> {
  const subjects = { account: credentials.email, ip: sourceIp };
  const [{ accountFailures }, userId] = await Promise.all([Throttle.assertAllowed(subjects), Users.idForEmail(credentials.email)]);
  const user = userId ? await Users.get(userId) : undefined;
  const passwordMatches = await verifyPassword(credentials.password, user?.password_hash ?? DECOY_HASH);
  if (!user || !passwordMatches) {
    await Throttle.recordFailure(subjects);
    throw unauthorized(WRONG_CREDENTIALS);
  }
  // Only someone who knows the password learns this.
  if (!user.is_active) throw new ProblemError(403, "This account is deactivated. Ask an admin to reactivate it.");

  if (accountFailures > 0) await Throttle.clearAccount(subjects);
  const current = needsRehash(user.password_hash) ? await replacePasswordHash(user, credentials.password) : user;
  return Sessions.start(current);
}

/** Upgrades a hash made with older scrypt parameters, while the plain password is at hand. */
async function replacePasswordHash(user: UserRecord, password: string): Promise<UserRecord> {
  const password_hash = await hashPassword(password);
  try {
    await db()
      .entities.user.patch({ user_id: user.user_id })
      .set({ password_hash })
      .where((attr, op) => op.eq(attr.password_hash, user.password_hash))
      .go();
  } catch (error) {
    // A concurrent password change won: this sign-in used the password it replaced.
    if (isConditionalCheckFailure(error)) throw unauthorized(WRONG_CREDENTIALS);
    throw error;
  }
  return { ...user, password_hash };
}

/**
 * Changes the password and bumps the token version: every earlier access and refresh token of the user stops
 * working. The caller gets a fresh pair so this session goes on. A wrong current password counts as a failed
 * sign-in for throttling.
 */
export async function changePassword(user: UserRecord, request: ChangePasswordRequest, sourceIp: string): Promise<TokenPair> {
  const subjects = { account: user.email, ip: sourceIp };
  await Throttle.assertAllowed(subjects);
  if (!(await verifyPassword(request.current_password, user.password_hash))) {
    await Throttle.recordFailure(subjects);
    throw badRequest("The current password is incorrect.", [{ path: "body.current_password", message: "is incorrect" }]);
  }
  const updated: UserRecord = {
    ...user,
    password_hash: await hashPassword(request.new_password),
    token_version: user.token_version + 1,
    updated_at: clock.now().toISOString(),
  };
  await whenConditionFails(
    db()
      .entities.user.patch({ user_id: user.user_id })
      .set({ password_hash: updated.password_hash, token_version: updated.token_version, updated_at: updated.updated_at })
      .where((attr, op) => op.eq(attr.token_version, user.token_version))
      .go(),
    conflict("The account changed during this request (another password change?); sign in again."),
  );
  return Sessions.start(updated);
}
