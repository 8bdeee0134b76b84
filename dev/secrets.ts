import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { generateSigningKey, loadSigningKey, publicJwk } from "../core/auth/keys";

export interface StageSecrets {
  /** `JWT_PRIVATE_KEY`: PKCS#8 PEM of the ES256 signing key. */
  jwtPrivateKeyPem: string;
  /** `JWT_PUBLIC_JWKS`: the matching JWKS. */
  jwtPublicJwks: string;
  /** `CURSOR_KEY`: HMAC key of pagination cursors. */
  cursorKey: string;
  /** `UNSUBSCRIBE_KEY`: HMAC key of the unsubscribe links in emails. */
  unsubscribeKey: string;
}

/** Fresh values for every secret of a stage (`npm run keygen`, and the tests). */
export function generateSecrets(): StageSecrets {
  const { privateKeyPem, jwks } = generateSigningKey();
  return { jwtPrivateKeyPem: privateKeyPem, jwtPublicJwks: JSON.stringify(jwks), cursorKey: randomBytes(32).toString("base64url"), unsubscribeKey: randomBytes(32).toString("base64url") };
}

/**
 * The local stage's secrets: generated on first start into the data folder (git-ignored, mode 0600) and reused
 * afterwards, so tokens and cursors survive a restart. On AWS they are `sst secrets` (see `npm run keygen`).
 */
export async function loadOrCreateSecrets(dataDir: string): Promise<StageSecrets> {
  const file = path.join(dataDir, "secrets.json");
  const store = async (secrets: StageSecrets) => {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify({ jwtPrivateKeyPem: secrets.jwtPrivateKeyPem, cursorKey: secrets.cursorKey, unsubscribeKey: secrets.unsubscribeKey }), { mode: 0o600 });
    await chmod(file, 0o600);
    return secrets;
  };
  let stored: { jwtPrivateKeyPem: string; cursorKey: string; unsubscribeKey?: string };
  try {
    stored = JSON.parse(await readFile(file, "utf8")) as typeof stored;
  } catch {
    return store(generateSecrets());
  }
  const jwks = { keys: [publicJwk(loadSigningKey(stored.jwtPrivateKeyPem).privateKey)] };
  const secrets = { ...generateSecrets(), ...stored, jwtPublicJwks: JSON.stringify(jwks) };
  // A data folder from before a secret existed gets that one now, the others kept (tokens and cursors stay valid).
  return stored.unsubscribeKey ? secrets : store(secrets);
}
