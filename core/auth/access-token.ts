import { randomUUID, sign } from "node:crypto";
import { JwtVerifier } from "aws-jwt-verify";
import { JwtExpiredError } from "aws-jwt-verify/error";
import type { Jwks } from "aws-jwt-verify/jwk";
import { Config } from "../bindings";
import { clock, epochSeconds } from "../clock";
import { TOKEN_AUDIENCE, tokenIssuer } from "../config";
import { ROLES, type Role } from "../db/entities/user";
import { unauthorized } from "../http/problem";
import { loadSigningKey, type SigningKey } from "./keys";

/** Short on purpose: a stolen access token is worth 15 minutes; the refresh token carries the session. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export interface AccessClaims {
  sub: string;
  role: Role;
  /** The user's token_version when issued; the caller lookup refuses a stale one. */
  ver: number;
}

let signingKey: SigningKey | undefined;

/** Signs an ES256 JWT with node:crypto (ECDSA in the JOSE r||s encoding). Only the token-issuing functions hold the key. */
export function signAccessToken(claims: AccessClaims, now: Date = clock.now()): string {
  signingKey ??= loadSigningKey(Config.JWT_PRIVATE_KEY);
  const iat = epochSeconds(now);
  const header = { alg: "ES256", typ: "JWT", kid: signingKey.kid };
  const payload = {
    iss: tokenIssuer(),
    aud: TOKEN_AUDIENCE,
    sub: claims.sub,
    role: claims.role,
    ver: claims.ver,
    token_use: "access",
    iat,
    exp: iat + ACCESS_TOKEN_TTL_SECONDS,
    jti: randomUUID(),
  };
  const signingInput = `${base64url(header)}.${base64url(payload)}`;
  const signature = sign("sha256", Buffer.from(signingInput), { key: signingKey.privateKey, dsaEncoding: "ieee-p1363" });
  return `${signingInput}.${signature.toString("base64url")}`;
}

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString("base64url");

function createVerifier() {
  const verifier = JwtVerifier.create({
    issuer: tokenIssuer(),
    audience: TOKEN_AUDIENCE,
    // Never fetched: the keys are handed over below with cacheJwks and verification is synchronous.
    jwksUri: "https://jwks.invalid/.well-known/jwks.json",
    customJwtCheck: ({ payload }) => {
      if (payload.token_use !== "access") throw new Error("not an access token");
      if (typeof payload.ver !== "number" || !ROLES.includes(payload.role as Role)) throw new Error("missing claims");
    },
  });
  verifier.cacheJwks(JSON.parse(Config.JWT_PUBLIC_JWKS) as Jwks);
  return verifier;
}

let verifier: ReturnType<typeof createVerifier> | undefined;

/**
 * Verifies signature (ES256 only, key by `kid` from our JWKS), `iss`, `aud`, `exp`, `nbf` and `token_use`.
 * Every failure is the same 401 except expiry, which tells the client to refresh.
 */
export function verifyAccessToken(token: string): AccessClaims {
  verifier ??= createVerifier();
  try {
    const payload = verifier.verifySync(token);
    return { sub: String(payload.sub), role: payload.role as Role, ver: payload.ver as number };
  } catch (error) {
    if (error instanceof JwtExpiredError) throw unauthorized("The access token has expired; get a new one from /api/auth/refresh.");
    throw unauthorized("The access token is not valid.");
  }
}
