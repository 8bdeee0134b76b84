import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { Bucket, Config, FunctionProps, Queue, Table } from "sst/constructs";
import type { Route } from "../core/routes";

/** The handler that serves the JWKS; it needs the public keys although the route is public. */
const JWKS_HANDLER = "auth/jwks";

/** What one function may touch. Nothing else is granted or bound. */
export interface Grants {
  table: "none" | "read" | "write";
  bucketRead: boolean;
  bucketWrite: boolean;
  /** SendMessage to the PDF rebuild queue. */
  rebuildQueue: boolean;
  /** `JWT_PRIVATE_KEY`: only functions that issue tokens. */
  jwtPrivateKey: boolean;
  /** `JWT_PUBLIC_JWKS`. */
  jwtPublicJwks: boolean;
  /** `CURSOR_KEY`: every authenticated route may answer a paginated list. */
  cursorKey: boolean;
}

/**
 * The one mapping from a route row to its permissions. Implicit grants:
 * - `user`/`admin` routes read the caller's user item on every request (is_active, token version) and
 *   verify the access token against the JWKS, so they get `table:read` and `JWT_PUBLIC_JWKS`, and they may
 *   answer paginated lists, so they get `CURSOR_KEY`;
 * - the JWKS route serves the public keys.
 */
export function grantsFor(route: Pick<Route, "auth" | "uses"> & { handler?: string }): Grants {
  const authenticated = route.auth !== "public";
  const grants: Grants = {
    table: authenticated ? "read" : "none",
    bucketRead: false,
    bucketWrite: false,
    rebuildQueue: false,
    jwtPrivateKey: false,
    jwtPublicJwks: authenticated || route.handler === JWKS_HANDLER,
    cursorKey: authenticated,
  };
  for (const resource of route.uses) {
    switch (resource) {
      case "table:read":
        if (grants.table === "none") grants.table = "read";
        break;
      case "table:write":
        grants.table = "write";
        break;
      case "bucket:read":
        grants.bucketRead = true;
        break;
      case "bucket:write":
        grants.bucketWrite = true;
        break;
      case "queue:rebuild":
        grants.rebuildQueue = true;
        break;
      case "jwt:sign":
        // The signer derives its key id from the private key itself; it needs no JWKS.
        grants.jwtPrivateKey = true;
        break;
      default: {
        // A new Resource without a grant must not compile, nor silently grant nothing.
        const unknown: never = resource;
        throw new Error(`No grant defined for resource ${String(unknown)}`);
      }
    }
  }
  return grants;
}

// Explicit actions instead of SST's `bind` (which grants dynamodb:* / s3:*). No Scan: no request path scans.
// TransactWriteItems / TransactGetItems are authorised per item action, so they need no action of their own.
const TABLE_READ_ACTIONS = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem"];
const TABLE_WRITE_ACTIONS = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"];
const BUCKET_READ_ACTIONS = ["s3:GetObject"];
const BUCKET_WRITE_ACTIONS = ["s3:PutObject", "s3:DeleteObject"];
// Removing a recipe's, lesson's or course's files lists their prefix first.
const BUCKET_LIST_ACTIONS = ["s3:ListBucket"];

/** The constructs a function can be granted. */
export interface GrantableResources {
  table: Table;
  bucket: Bucket;
  jwtPrivateKey: Config.Secret;
  jwtPublicJwks: Config.Secret;
  cursorKey: Config.Secret;
  rebuildQueue?: Queue;
}

/** Function props for a set of grants: the environment core/bindings.ts reads, IAM statements and bound secrets. */
export function functionAccess(grants: Grants, resources: GrantableResources): Pick<FunctionProps, "environment" | "permissions" | "bind"> {
  const { table, bucket, jwtPrivateKey, jwtPublicJwks, cursorKey, rebuildQueue } = resources;
  const environment: Record<string, string> = {};
  const permissions: PolicyStatement[] = [];
  const bind: NonNullable<FunctionProps["bind"]> = [];

  if (grants.table !== "none") {
    // The variable `Table.Main.tableName` reads in core/bindings.ts (what `bind` would set, without its dynamodb:*).
    environment[`SST_Table_tableName_${table.id}`] = table.tableName;
    permissions.push(new PolicyStatement({ actions: TABLE_READ_ACTIONS, resources: [table.tableArn, `${table.tableArn}/index/*`] }));
    if (grants.table === "write") {
      // Writes go to the base table only; index ARNs accept no writes.
      permissions.push(new PolicyStatement({ actions: TABLE_WRITE_ACTIONS, resources: [table.tableArn] }));
    }
  }
  if (grants.bucketRead || grants.bucketWrite) {
    environment[`SST_Bucket_bucketName_${bucket.id}`] = bucket.bucketName;
    const actions = [...(grants.bucketRead ? BUCKET_READ_ACTIONS : []), ...(grants.bucketWrite ? BUCKET_WRITE_ACTIONS : [])];
    permissions.push(new PolicyStatement({ actions, resources: [`${bucket.bucketArn}/*`] }));
    if (grants.bucketWrite) {
      permissions.push(new PolicyStatement({ actions: BUCKET_LIST_ACTIONS, resources: [bucket.bucketArn], conditions: { StringLike: { "s3:prefix": ["media/*", "uploads/*"] } } }));
    }
  }
  if (grants.rebuildQueue) {
    if (!rebuildQueue) throw new Error("a function needs the rebuild queue, but none was given");
    environment[`SST_Queue_queueUrl_${rebuildQueue.id}`] = rebuildQueue.queueUrl;
    permissions.push(new PolicyStatement({ actions: ["sqs:SendMessage"], resources: [rebuildQueue.queueArn] }));
  }
  // Secrets are bound the SST way: env placeholder + ssm:GetParameters on that one parameter.
  if (grants.jwtPrivateKey) bind.push(jwtPrivateKey);
  if (grants.jwtPublicJwks) bind.push(jwtPublicJwks);
  if (grants.cursorKey) bind.push(cursorKey);
  return { environment, permissions, bind };
}
