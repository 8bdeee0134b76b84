import { randomBytes } from "node:crypto";
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

/** The smallest id created at `instant`: ids sort by time, so `id >= idFloorAt(t)` means "created at t or later". */
export const idFloorAt = (instant: Date): string => encodeTime(instant.getTime(), 10) + "0".repeat(16);
