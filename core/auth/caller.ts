import type { AuthLevel } from "../routes";
import { forbidden, unauthorized } from "../http/problem";
import * as Users from "../users/users";
import type { UserRecord } from "../users/users";
import { verifyAccessToken } from "./access-token";

/** Who is calling, read fresh from the table on every request (the token alone is not trusted for state). */
export interface Caller {
  id: string;
  isAdmin: boolean;
  user: UserRecord;
}

/**
 * The auth check of every route. Public routes ignore credentials. Other routes need a valid access token
 * whose user exists, is active and still has the token's version (a password change or deactivation bumps it).
 * Costs exactly one DynamoDB GetItem. The role comes from the user item, so a demoted admin loses rights at once.
 */
export async function authenticate(authorization: string | undefined, level: AuthLevel): Promise<Caller | undefined> {
  if (level === "public") return undefined;
  const token = /^Bearer ([^\s]+)$/i.exec(authorization ?? "")?.[1];
  if (!token) throw unauthorized("Sign in first: send the access token as 'Authorization: Bearer <token>'.");

  const claims = verifyAccessToken(token);
  const user = await Users.get(claims.sub);
  if (!user || user.token_version !== claims.ver) {
    throw unauthorized("The access token is no longer valid (the password was changed or the session ended); sign in again.");
  }
  if (!user.is_active) throw unauthorized("This account is deactivated.");

  const caller: Caller = { id: user.user_id, isAdmin: user.role === "ADMIN", user };
  if (level === "admin" && !caller.isAdmin) throw forbidden("Only an admin can do this.");
  return caller;
}
