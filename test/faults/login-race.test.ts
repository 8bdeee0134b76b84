/**
 * A sign-in with a password stored under older scrypt parameters rewrites the hash with the current ones, on the
 * condition that the stored hash is still the one it verified. A password change landing in between (another
 * device, an admin) must win: the sign-in used the old password, so it is a 401 and the new password stays.
 *
 * The race is made deterministic by a hook around the real `hashPassword`: the login's rehash is the only call made
 * while the hook is armed, and the hook lets the password change commit before the rehash returns.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type * as Password from "../../core/auth/password";
import { hashPassword, verifyPassword } from "../../core/auth/password";
import { db } from "../../core/db/service";
import { useTestApi } from "../support/api";
import { givenUser } from "../support/users";

const hooks = vi.hoisted(() => ({ beforeRehashReturns: undefined as (() => Promise<void>) | undefined }));

vi.mock("../../core/auth/password", async (importOriginal) => {
  const original = await importOriginal<typeof Password>();
  return {
    ...original,
    hashPassword: async (...args: Parameters<typeof original.hashPassword>) => {
      const hash = await original.hashPassword(...args);
      const hook = hooks.beforeRehashReturns;
      hooks.beforeRehashReturns = undefined;
      if (hook) await hook();
      return hash;
    },
  };
});

const api = useTestApi();
// Parameters an older release used: cheaper than today's, so the next sign-in upgrades the hash.
const OLD_PARAMS = { log2N: 14, r: 8, p: 1 };

afterEach(() => {
  hooks.beforeRehashReturns = undefined;
});

async function storedHash(userId: string): Promise<string> {
  const { data } = await db().entities.user.get({ user_id: userId }).go({ consistent: true });
  return data!.password_hash;
}

describe("a sign-in racing a password change", () => {
  it("upgrades an old hash when nothing races it", async () => {
    const user = await givenUser("USER");
    await db().entities.user.patch({ user_id: user.id }).set({ password_hash: await hashPassword(user.password, OLD_PARAMS) }).go();
    const response = await api.request("POST", "/api/auth/login", { body: { email: user.email, password: user.password } });
    expect(response.status).toBe(200);
    expect(await storedHash(user.id)).toMatch(/^scrypt\$17\$8\$1\$/);
  });

  it("is a 401 when the password changes between its check and its rehash, and the new password stays", async () => {
    const user = await givenUser("USER");
    await db().entities.user.patch({ user_id: user.id }).set({ password_hash: await hashPassword(user.password, OLD_PARAMS) }).go();
    const newPassword = "a brand new password 42";
    const changedHash = await hashPassword(newPassword, OLD_PARAMS);
    let changed = false;
    hooks.beforeRehashReturns = async () => {
      // What a concurrent change commits: another hash in the user's item, after the sign-in verified the old one.
      await db().entities.user.patch({ user_id: user.id }).set({ password_hash: changedHash }).go();
      changed = true;
    };

    const response = await api.request("POST", "/api/auth/login", { body: { email: user.email, password: user.password } });

    expect(changed).toBe(true);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.body).toMatchObject({ status: 401, detail: expect.any(String) });
    // The change won: the rehash did not overwrite it, and the new password signs in.
    expect(await storedHash(user.id)).toBe(changedHash);
    expect(await verifyPassword(newPassword, await storedHash(user.id))).toBe(true);
    const again = await api.request("POST", "/api/auth/login", { body: { email: user.email, password: newPassword } });
    expect(again.status).toBe(200);
  });
});
