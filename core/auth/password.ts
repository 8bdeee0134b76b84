import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Password hashing with scrypt (built into Node: no native module to build for the Lambda architecture).
 * OWASP's parameters: N = 2^17, r = 8, p = 1 (128 MiB, ~0.3 s here). The stored string names its parameters
 * (`scrypt$17$8$1$salt$hash`), so verification works across parameter changes and `needsRehash` tells the
 * login to upgrade an old hash while it has the plain password in hand.
 */
export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
}

export const CURRENT_PARAMS: ScryptParams = { log2N: 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.log2N;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize("NFC"), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string, params: ScryptParams = CURRENT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scrypt(password, salt, params);
  return ["scrypt", params.log2N, params.r, params.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

function parse(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const [scheme, log2N, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !log2N || !r || !p || !salt || !key) return undefined;
  return { params: { log2N: Number(log2N), r: Number(r), p: Number(p) }, salt: Buffer.from(salt, "base64url"), key: Buffer.from(key, "base64url") };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const candidate = await scrypt(password, parsed.salt, parsed.params);
  return candidate.length === parsed.key.length && timingSafeEqual(candidate, parsed.key);
}

export function needsRehash(stored: string, params: ScryptParams = CURRENT_PARAMS): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.params.log2N !== params.log2N || parsed.params.r !== params.r || parsed.params.p !== params.p;
}

/**
 * A hash of a random password nobody knows. An unknown email is checked against it, so it costs the same
 * scrypt work as a wrong password and the two answers cannot be told apart by time.
 */
export const DECOY_HASH =
  "scrypt$17$8$1$DXI-9HmH0vnHXjZ7r3IqVQ$vLTWHmW2Pgi0YwxCXELCTsZ-YlLHXnYer43pCHZy6U4";
