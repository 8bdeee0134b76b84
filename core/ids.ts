import { createHash, randomBytes } from "node:crypto";
import { encodeTime, ulid } from "ulid";
import * as z from "zod";

/**
 * The one id generator: ULIDs (48-bit time + 80 bits of CSPRNG randomness). Opaque and not guessable, and they
 * sort by creation time, which keeps "newest first" listings a plain key order.
 */
export const newId = (): string => ulid();

/** Path and body ids are validated before any lookup, so a malformed id is a 400, never a 5xx. */
export const Id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "must be an id as returned by this API (26 characters)");

/** 256 bits from the CSPRNG, base64url: refresh tokens and other bearer secrets. */
export const newSecretToken = (): string => randomBytes(32).toString("base64url");

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * The same ULID every time for the same `instant` and `seed`: `instant`'s time and 80 bits of SHA-256 of `seed`
 * instead of random ones. For what is written again when an event is delivered again (an in-app notification):
 * the second write finds the first by its key. Not guessable unless the seed is.
 */
export function idFor(instant: Date, seed: string): string {
  const hash = createHash("sha256").update(seed).digest();
  let bits = 0n;
  for (const byte of hash.subarray(0, 10)) bits = (bits << 8n) | BigInt(byte);
  let tail = "";
  for (let index = 0; index < 16; index += 1) tail = CROCKFORD[Number((bits >> BigInt(index * 5)) & 31n)] + tail;
  return encodeTime(instant.getTime(), 10) + tail;
}

/** The smallest id created at `instant`: ids sort by time, so `id >= idFloorAt(t)` means "created at t or later". */
export const idFloorAt = (instant: Date): string => encodeTime(instant.getTime(), 10) + "0".repeat(16);
