import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";

/** A public key as published in the JWKS. */
export interface PublicJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  kid: string;
  alg: "ES256";
  use: "sig";
}

export interface Jwks {
  keys: PublicJwk[];
}

/** RFC 7638 thumbprint: the key id is derived from the key, so signer and verifier always agree on it. */
function thumbprint(jwk: { crv: string; kty: string; x: string; y: string }): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash("sha256").update(canonical).digest("base64url");
}

export function publicJwk(key: KeyObject): PublicJwk {
  const { x, y, crv, kty } = createPublicKey(key).export({ format: "jwk" });
  if (kty !== "EC" || crv !== "P-256" || !x || !y) throw new Error("JWT signing key must be an EC P-256 key (ES256)");
  return { kty: "EC", crv: "P-256", x, y, kid: thumbprint({ crv, kty, x, y }), alg: "ES256", use: "sig" };
}

export interface SigningKey {
  privateKey: KeyObject;
  kid: string;
}

export function loadSigningKey(privateKeyPem: string): SigningKey {
  const privateKey = createPrivateKey(privateKeyPem);
  return { privateKey, kid: publicJwk(privateKey).kid };
}

/**
 * A new ES256 key pair: the PKCS#8 PEM goes into the `JWT_PRIVATE_KEY` secret, the JWKS into
 * `JWT_PUBLIC_JWKS`. Used by `npm run keygen` for AWS stages and by the local runtime on first start.
 */
export function generateSigningKey(): { privateKeyPem: string; jwks: Jwks } {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return {
    privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    jwks: { keys: [publicJwk(privateKey)] },
  };
}
