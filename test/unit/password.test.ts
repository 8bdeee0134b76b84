import { describe, expect, it } from "vitest";
import { CURRENT_PARAMS, DECOY_HASH, hashPassword, needsRehash, verifyPassword } from "../../core/auth/password";

// Cheap parameters keep this unit test fast; the integration tests use the real ones.
const CHEAP = { log2N: 10, r: 8, p: 1 };

describe("password hashing", () => {
  it("stores a self-describing scrypt string and verifies only the right password", async () => {
    const stored = await hashPassword("crème brûlée", CHEAP);
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword("crème brûlée", stored)).toBe(true);
    expect(await verifyPassword("creme brulee", stored)).toBe(false);
  });

  it("treats composed and decomposed accents as the same password (NFC)", async () => {
    const stored = await hashPassword("pi\u00f1a", CHEAP);
    expect(await verifyPassword("pin\u0303a", stored)).toBe(true);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same", CHEAP)).not.toBe(await hashPassword("same", CHEAP));
  });

  it("asks for a rehash when the stored parameters are not the current ones", async () => {
    expect(needsRehash(await hashPassword("x", CHEAP))).toBe(true);
    expect(needsRehash(DECOY_HASH)).toBe(false);
    expect(needsRehash("bcrypt$whatever")).toBe(true);
    expect(CURRENT_PARAMS).toEqual({ log2N: 17, r: 8, p: 1 });
  });

  it("never verifies against a malformed stored value", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "scrypt$10$8")).toBe(false);
  });
});
