import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { generateSigningKey, publicJwk, loadSigningKey } from "../core/auth/keys";

/**
 * The dev stage's ES256 key: generated on first start into the data folder (git-ignored, mode 0600) and reused
 * afterwards, so tokens survive a restart. On AWS the same two values live in the `JWT_PRIVATE_KEY` and
 * `JWT_PUBLIC_JWKS` secrets (see `npm run keygen`).
 */
export async function loadOrCreateSigningKey(dataDir: string): Promise<{ privateKeyPem: string; jwks: string }> {
  const file = path.join(dataDir, "jwt-private-key.pem");
  let privateKeyPem: string;
  try {
    privateKeyPem = await readFile(file, "utf8");
  } catch {
    privateKeyPem = generateSigningKey().privateKeyPem;
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, privateKeyPem, { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return { privateKeyPem, jwks: JSON.stringify({ keys: [publicJwk(loadSigningKey(privateKeyPem).privateKey)] }) };
}
