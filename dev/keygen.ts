/**
 * `npm run keygen -- --stage prod`
 *
 * Makes new values for a deployed stage's secrets (the ES256 key pair, the cursor key and the unsubscribe-link key), writes them into
 * `.data/keys/<stage>/` (git-ignored) and prints the `sst secrets set` commands that store them. The local
 * runtime does not need this: it generates its own on first start.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateSecrets } from "./secrets";

const { values } = parseArgs({ options: { stage: { type: "string" }, out: { type: "string" } } });
if (!values.stage) {
  console.error("usage: npm run keygen -- --stage <stage> [--out <folder>]");
  process.exit(1);
}

const folder = path.resolve(values.out ?? path.join(".data", "keys", values.stage));
const secrets = generateSecrets();
const files = {
  JWT_PRIVATE_KEY: ["jwt-private-key.pem", secrets.jwtPrivateKeyPem],
  JWT_PUBLIC_JWKS: ["jwt-public-jwks.json", secrets.jwtPublicJwks],
  CURSOR_KEY: ["cursor-key.txt", secrets.cursorKey],
  UNSUBSCRIBE_KEY: ["unsubscribe-key.txt", secrets.unsubscribeKey],
} as const;

await mkdir(folder, { recursive: true, mode: 0o700 });
console.log(`Secrets written to ${path.relative(process.cwd(), folder)}/. Store them in the stage:\n`);
for (const [name, [file, value]] of Object.entries(files)) {
  const target = path.join(folder, file);
  await writeFile(target, value, { mode: 0o600 });
  console.log(`  npx sst secrets set ${name} "$(cat ${path.relative(process.cwd(), target)})" --stage ${values.stage}`);
}
console.log("\nThen delete the folder or keep it somewhere safe. A new signing key ends every session signed with the old one.");
