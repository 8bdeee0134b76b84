/**
 * `npm run keygen -- --stage prod`
 *
 * Makes a new ES256 key pair for a deployed stage and writes the two secret values into
 * `.data/keys/<stage>/` (git-ignored), then prints the `sst secrets set` commands that store them. The local
 * runtime does not need this: it generates its own key on first start.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateSigningKey } from "../core/auth/keys";

const { values } = parseArgs({ options: { stage: { type: "string" }, out: { type: "string" } } });
if (!values.stage) {
  console.error("usage: npm run keygen -- --stage <stage> [--out <folder>]");
  process.exit(1);
}

const folder = path.resolve(values.out ?? path.join(".data", "keys", values.stage));
const { privateKeyPem, jwks } = generateSigningKey();
await mkdir(folder, { recursive: true, mode: 0o700 });
const privateFile = path.join(folder, "jwt-private-key.pem");
const jwksFile = path.join(folder, "jwt-public-jwks.json");
await writeFile(privateFile, privateKeyPem, { mode: 0o600 });
await writeFile(jwksFile, JSON.stringify(jwks), { mode: 0o600 });

const relative = (file: string) => path.relative(process.cwd(), file);
console.log(`Key ${jwks.keys[0]!.kid} written to ${relative(folder)}/. Store it in the stage's secrets:\n`);
console.log(`  npx sst secrets set JWT_PRIVATE_KEY "$(cat ${relative(privateFile)})" --stage ${values.stage}`);
console.log(`  npx sst secrets set JWT_PUBLIC_JWKS "$(cat ${relative(jwksFile)})" --stage ${values.stage}\n`);
console.log("Then delete the folder or keep it somewhere safe. Access tokens signed with an older key stop working at once.");
