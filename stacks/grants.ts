import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Aws } from "aws-cdk-lib";
import type { Bucket, Config, FunctionProps, Queue, Table } from "sst/constructs";
import { getParameterFallbackPath, getParameterPath } from "sst/constructs/util/binding.js";
import { SECRETS_FALLBACK_VARIABLE } from "../core/bindings";
import { QUEUE_NAMES, type QueueName } from "../core/consumers";
import { PREFIX, type BucketPrefix } from "../core/media/keys";
import type { Resource, Route } from "../core/routes";

/** The handler that serves the JWKS; it needs the public keys although the route is public. */
const JWKS_HANDLER = "auth/jwks";

/** What one function may touch. Nothing else is granted or bound. */
export interface Grants {
  table: "none" | "read" | "write";
  /** Bucket prefixes (core/media/keys.ts) per action. */
  bucket: { get: BucketPrefix[]; put: BucketPrefix[]; delete: BucketPrefix[]; multipart: BucketPrefix[] };
  /** SendMessage to these queues of core/consumers.ts. */
  queues: QueueName[];
  /** `JWT_PRIVATE_KEY`: only functions that issue tokens. */
  jwtPrivateKey: boolean;
  /** `JWT_PUBLIC_JWKS`. */
  jwtPublicJwks: boolean;
  /** `CURSOR_KEY`: every authenticated route may answer a paginated list. */
  cursorKey: boolean;
  /** `UNSUBSCRIBE_KEY`: what writes (the mail sender) and reads (the unsubscribe routes) the links in emails. */
  unsubscribeKey: boolean;
  /** ses:SendEmail from the stage's sender through its configuration set, with the mail binding. */
  mail: boolean;
}

const BUCKET_ACTION = /^s3:(get|put|delete|multipart):(\w+)$/;
const QUEUE = /^queue:(\w+)$/;

function isBucketPrefix(name: string): name is BucketPrefix {
  return Object.hasOwn(PREFIX, name);
}

function isQueueName(name: string): name is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(name);
}

/**
 * The one mapping from a function's `uses` to its permissions. Implicit grants:
 * - `user`/`admin` routes read the caller's user item on every request (is_active, token version) and
 *   verify the access token against the JWKS, so they get `table:read` and `JWT_PUBLIC_JWKS`, and they may
 *   answer paginated lists, so they get `CURSOR_KEY`;
 * - the JWKS route serves the public keys.
 */
export function grantsFor(route: Pick<Route, "auth" | "uses"> & { handler?: string }): Grants {
  const authenticated = route.auth !== "public";
  const grants: Grants = {
    table: authenticated ? "read" : "none",
    bucket: { get: [], put: [], delete: [], multipart: [] },
    queues: [],
    jwtPrivateKey: false,
    jwtPublicJwks: authenticated || route.handler === JWKS_HANDLER,
    cursorKey: authenticated,
    unsubscribeKey: false,
    mail: false,
  };
  for (const resource of route.uses as readonly Resource[]) {
    const bucket = BUCKET_ACTION.exec(resource);
    if (bucket) {
      const [, action, prefix] = bucket as unknown as [string, keyof Grants["bucket"], string];
      if (!isBucketPrefix(prefix)) throw new Error(`${resource}: ${prefix} is not a prefix of core/media/keys.ts`);
      if (!grants.bucket[action].includes(prefix)) grants.bucket[action].push(prefix);
      continue;
    }
    const queue = QUEUE.exec(resource)?.[1];
    if (queue !== undefined) {
      if (!isQueueName(queue)) throw new Error(`${resource}: ${queue} is not a queue of core/consumers.ts`);
      if (!grants.queues.includes(queue)) grants.queues.push(queue);
      continue;
    }
    switch (resource) {
      case "table:read":
        if (grants.table === "none") grants.table = "read";
        break;
      case "table:write":
        grants.table = "write";
        break;
      case "jwt:sign":
        // The signer derives its key id from the private key itself; it needs no JWKS.
        grants.jwtPrivateKey = true;
        break;
      case "mail:send":
        // Every email carries its unsubscribe link, signed with the key.
        grants.mail = true;
        grants.unsubscribeKey = true;
        break;
      case "mail:unsubscribe":
        grants.unsubscribeKey = true;
        break;
      default:
        throw new Error(`No grant defined for resource ${resource}`);
    }
  }
  return grants;
}

// Explicit actions instead of SST's `bind` (which grants dynamodb:* / s3:*). No Scan: no request path scans.
// TransactWriteItems / TransactGetItems are authorised per item action, so they need no action of their own.
const TABLE_READ_ACTIONS = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem"];
const TABLE_WRITE_ACTIONS = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"];
const BUCKET_ACTIONS: Record<keyof Grants["bucket"], string[]> = {
  get: ["s3:GetObject"],
  put: ["s3:PutObject"],
  delete: ["s3:DeleteObject"],
  // CreateMultipartUpload and CompleteMultipartUpload are authorised as PutObject (and so is each presigned UploadPart).
  multipart: ["s3:PutObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"],
};

/** The constructs a function can be granted. */
export interface GrantableResources {
  table: Table;
  bucket: Bucket;
  jwtPrivateKey: Config.Secret;
  jwtPublicJwks: Config.Secret;
  cursorKey: Config.Secret;
  unsubscribeKey: Config.Secret;
  /** The queues functions may send to (those not built yet cannot be granted). */
  queues: Partial<Record<QueueName, Queue>>;
  /**
   * Whether a secret missing for the stage may be read from SST's app-wide fallback (`sst secrets set --fallback`),
   * which every developer's `sst dev` stage shares: only on disposable stages (stacks/stage.ts). Elsewhere neither
   * the grant nor the code (core/bindings.ts) reaches it, so an unset prod secret fails the cold start.
   */
  secretsFallback: boolean;
  /** The stage's mail (stacks/Mail.ts), for the functions that send it; only the Workers stack has it. */
  mail?: MailResources;
}

/** What a function that sends mail is bound to. */
export interface MailResources {
  /** MAIL_FROM as configured (stacks/config.ts), with its address. */
  from: string;
  fromAddress: string;
  configurationSetName: string;
  /** The SES identities the sender may be verified as: its domain, and the address itself. */
  identityArns: string[];
  configurationSetArn: string;
  /** Where the one-click unsubscribe of emails points: this API (the SPA's URL every worker has, stacks/Workers.ts). */
  apiBaseUrl: string;
}

/** Function props for a set of grants: the environment core/bindings.ts reads and the IAM statements. */
export function functionAccess(grants: Grants, resources: GrantableResources): Pick<FunctionProps, "environment" | "permissions"> {
  const { table, bucket } = resources;
  const environment: Record<string, string> = {};
  const permissions: PolicyStatement[] = [];

  if (grants.table !== "none") {
    // The variable `Table.Main.tableName` reads in core/bindings.ts (what `bind` would set, without its dynamodb:*).
    environment[`SST_Table_tableName_${table.id}`] = table.tableName;
    permissions.push(new PolicyStatement({ actions: TABLE_READ_ACTIONS, resources: [table.tableArn, `${table.tableArn}/index/*`] }));
    if (grants.table === "write") {
      // Writes go to the base table only; index ARNs accept no writes.
      permissions.push(new PolicyStatement({ actions: TABLE_WRITE_ACTIONS, resources: [table.tableArn] }));
    }
  }
  const bucketGrants = Object.entries(grants.bucket) as [keyof Grants["bucket"], BucketPrefix[]][];
  if (bucketGrants.some(([, prefixes]) => prefixes.length > 0)) {
    environment[`SST_Bucket_bucketName_${bucket.id}`] = bucket.bucketName;
    for (const [action, prefixes] of bucketGrants) {
      if (prefixes.length === 0) continue;
      permissions.push(new PolicyStatement({ actions: BUCKET_ACTIONS[action], resources: prefixes.map((prefix) => `${bucket.bucketArn}/${PREFIX[prefix]}*`) }));
    }
    if (grants.bucket.delete.length > 0) {
      // Removing a recipe's, lesson's or course's files lists their prefix first.
      const listed = grants.bucket.delete.map((prefix) => `${PREFIX[prefix]}*`);
      permissions.push(new PolicyStatement({ actions: ["s3:ListBucket"], resources: [bucket.bucketArn], conditions: { StringLike: { "s3:prefix": listed } } }));
    }
  }
  for (const name of grants.queues) {
    const queue = resources.queues[name];
    if (!queue) throw new Error(`a function sends to the ${name} queue, which is not built before it (stacks/index.ts)`);
    // The variable core/bindings.ts `queueUrl()` reads.
    environment[`SST_Queue_queueUrl_${name}`] = queue.queueUrl;
    permissions.push(new PolicyStatement({ actions: ["sqs:SendMessage"], resources: [queue.queueArn] }));
  }
  if (grants.mail) {
    const { mail } = resources;
    if (!mail) throw new Error("a function sends mail, but its stack has no mail resources (stacks/Mail.ts, used by stacks/Workers.ts)");
    // What core/mail/mail.ts and core/spa-links.ts read.
    Object.assign(environment, {
      MAIL_TRANSPORT: "ses",
      MAIL_FROM: mail.from,
      MAIL_CONFIGURATION_SET: mail.configurationSetName,
      API_BASE_URL: mail.apiBaseUrl,
    });
    // SESv2 SendEmail is authorised on the identity and on the configuration set; only from the stage's sender.
    permissions.push(
      new PolicyStatement({ actions: ["ses:SendEmail"], resources: [...mail.identityArns, mail.configurationSetArn], conditions: { StringEquals: { "ses:FromAddress": mail.fromAddress } } }),
    );
  }
  const secrets = [
    ...(grants.jwtPrivateKey ? [resources.jwtPrivateKey] : []),
    ...(grants.jwtPublicJwks ? [resources.jwtPublicJwks] : []),
    ...(grants.cursorKey ? [resources.cursorKey] : []),
    ...(grants.unsubscribeKey ? [resources.unsubscribeKey] : []),
  ];
  if (secrets.length > 0) {
    // What SST's `bind` sets for a secret (a placeholder; core/bindings.ts fetches the value from SSM at init), with
    // the read granted on the stage's own parameters only, unless the stage may fall back (GrantableResources).
    // Pseudo parameters resolve in the stack of the function that gets the statement.
    const parameterArn = (path: string) => `arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:parameter${path}`;
    for (const secret of secrets) environment[`SST_Secret_value_${secret.name}`] = "__FETCH_FROM_SSM__";
    const paths = secrets.flatMap((secret) => [getParameterPath(secret, "value"), ...(resources.secretsFallback ? [getParameterFallbackPath(secret, "value")] : [])]);
    permissions.push(new PolicyStatement({ actions: ["ssm:GetParameters"], resources: paths.map(parameterArn) }));
    if (resources.secretsFallback) environment[SECRETS_FALLBACK_VARIABLE] = "1";
  }
  return { environment, permissions };
}
