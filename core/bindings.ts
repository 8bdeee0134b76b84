import { GetParametersCommand, SSMClient } from "@aws-sdk/client-ssm";
import type { QueueName } from "./consumers";

/**
 * What a function is bound to (stacks/grants.ts): its table, bucket and queue, and its secrets, in the shape of
 * sst/node's `Table`, `Bucket`, `Queue` and `Config`, read from the variables SST sets on the function
 * (`SST_<Construct>_<prop>_<id>`; dev/bindings.ts sets the same ones locally).
 *
 * Why not sst/node itself: every sst/node module loads SST's own @aws-sdk/client-ssm, pinned by SST to a release
 * of November 2024, and with it a second, older copy of the SDK's core and credential providers: ~540 kB of every
 * bundle, secrets bound or not (health/get: 1832 kB with it, 1294 kB without; docs/cold-start.md). Here SSM is the
 * project's own client, at the project's SDK release, sharing its core with the DynamoDB client.
 *
 * Resource names are read when used, not at import: code may be imported before its environment is set.
 */
function variable(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: is the resource bound to this function? (stacks/grants.ts)`);
  return value;
}

export const Table = {
  Main: {
    get tableName() {
      return variable("SST_Table_tableName_Main");
    },
  },
};

export const Bucket = {
  Media: {
    get bucketName() {
      return variable("SST_Bucket_bucketName_Media");
    },
  },
};

/** A queue of core/consumers.ts, for the functions whose `uses` list `queue:<name>`. */
export function queueUrl(name: QueueName): string {
  return variable(`SST_Queue_queueUrl_${name}`);
}

/**
 * Secrets (`sst secrets set`, stacks/Storage.ts). On AWS, and under `sst dev`, the stack sets a secret's variable to a
 * placeholder and leaves the value in SSM Parameter Store at `<SST_SSM_PREFIX>Secret/<name>/value`. They are fetched
 * once, while the module loads (one GetParameters call; none when no secret waits in SSM), so that reading one stays
 * synchronous, as with sst/node.
 *
 * SST's app-wide fallback (`/sst/<app>/.fallback/Secret/<name>/value`, shared by every developer's stage) is read
 * only where the stack allows it (`SST_SECRETS_FALLBACK=1`, disposable stages only; stacks/grants.ts): a prod stage
 * whose own secret was never set must fail its cold start, not sign tokens with a key every developer has.
 */
export const SECRETS_FALLBACK_VARIABLE = "SST_SECRETS_FALLBACK";
const SECRET_VARIABLE = "SST_Secret_value_";
const IN_SSM = "__FETCH_FROM_SSM__";
const fromSsm = await fetchSecrets(
  Object.keys(process.env)
    .filter((name) => name.startsWith(SECRET_VARIABLE) && process.env[name] === IN_SSM)
    .map((name) => name.slice(SECRET_VARIABLE.length)),
);

async function fetchSecrets(names: string[]): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  if (names.length === 0) return values;
  const ssm = new SSMClient({});
  const stagePath = (name: string) => `${variable("SST_SSM_PREFIX")}Secret/${name}/value`;
  const fallbackPath = (name: string) => `/sst/${variable("SST_APP")}/.fallback/Secret/${name}/value`;
  const fallback = process.env[SECRETS_FALLBACK_VARIABLE] === "1";
  for (const pathOf of fallback ? [stagePath, fallbackPath] : [stagePath]) {
    const missing = names.filter((name) => !values.has(name));
    // GetParameters takes at most 10 names; a function has at most 4 secrets.
    for (let offset = 0; offset < missing.length; offset += 10) {
      const batch = missing.slice(offset, offset + 10);
      const { Parameters = [] } = await ssm.send(new GetParametersCommand({ Names: batch.map(pathOf), WithDecryption: true }));
      for (const name of batch) {
        const value = Parameters.find((parameter) => parameter.Name === pathOf(name))?.Value;
        if (value !== undefined) values.set(name, value);
      }
    }
  }
  const unset = names.filter((name) => !values.has(name));
  if (unset.length > 0) throw new Error(`Secrets not set for stage ${process.env.SST_STAGE}: ${unset.join(", ")} (npx sst secrets set <name> <value>)`);
  return values;
}

function secret(name: string): string {
  const value = fromSsm.get(name) ?? variable(`${SECRET_VARIABLE}${name}`);
  if (value === IN_SSM) throw new Error(`${SECRET_VARIABLE}${name} was bound after this module loaded: its value was never fetched`);
  return value;
}

export const Config = {
  /** PKCS#8 PEM of the ES256 key that signs access tokens: bound only to the functions that issue tokens. */
  get JWT_PRIVATE_KEY() {
    return secret("JWT_PRIVATE_KEY");
  },
  /** The JWKS that verifies them. */
  get JWT_PUBLIC_JWKS() {
    return secret("JWT_PUBLIC_JWKS");
  },
  /** HMAC key of pagination cursors. */
  get CURSOR_KEY() {
    return secret("CURSOR_KEY");
  },
  /** HMAC key of the unsubscribe links in emails: bound to the mail sender and the unsubscribe routes only. */
  get UNSUBSCRIBE_KEY() {
    return secret("UNSUBSCRIBE_KEY");
  },
};
