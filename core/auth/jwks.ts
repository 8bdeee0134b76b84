import { Config } from "../bindings";
import type { Jwks } from "./keys";

/** The published JWKS (`JWT_PUBLIC_JWKS`): only the public members of each key, so a private one can never leak. */
export function publicKeys(): Jwks {
  const jwks = JSON.parse(Config.JWT_PUBLIC_JWKS) as Jwks;
  return { keys: jwks.keys.map(({ kty, crv, x, y, kid, alg, use }) => ({ kty, crv, x, y, kid, alg, use })) };
}
