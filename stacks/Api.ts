import { CorsHttpMethod } from "aws-cdk-lib/aws-apigatewayv2";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Api as HttpApi, use, type ApiCorsProps, type FunctionProps, type StackContext } from "sst/constructs";
import { corsPolicy, type CorsPolicy } from "../core/http/cors";
import { routeKey, routes, type Route } from "../core/routes";
import { allowedOrigins } from "./origins";
import { Storage } from "./Storage";

/** The handler that serves the JWKS; it needs the public keys although the route is public. */
const JWKS_HANDLER = "auth/jwks";

/** What one route's function may touch. Nothing else is granted or bound. */
export interface Grants {
  table: "none" | "read" | "write";
  bucketRead: boolean;
  bucketWrite: boolean;
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
export function grantsFor(route: Pick<Route, "auth" | "uses" | "handler">): Grants {
  const authenticated = route.auth !== "public";
  const grants: Grants = {
    table: authenticated ? "read" : "none",
    bucketRead: false,
    bucketWrite: false,
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

type StorageOutputs = Awaited<ReturnType<typeof Storage>>;

/** Function props of one route: handler, the environment `sst/node` reads, IAM statements and bound secrets. */
function routeFunction(route: Route, storage: StorageOutputs): FunctionProps {
  const { table, bucket, jwtPrivateKey, jwtPublicJwks, cursorKey } = storage;
  const grants = grantsFor(route);
  const environment: Record<string, string> = {};
  const permissions: PolicyStatement[] = [];
  const bind: FunctionProps["bind"] = [];

  if (grants.table !== "none") {
    // The variable `Table.Main.tableName` reads in sst/node (what `bind` would set, without its dynamodb:*).
    environment[`SST_Table_tableName_${table.id}`] = table.tableName;
    permissions.push(
      new PolicyStatement({ actions: TABLE_READ_ACTIONS, resources: [table.tableArn, `${table.tableArn}/index/*`] }),
    );
    if (grants.table === "write") {
      // Writes go to the base table only; index ARNs accept no writes.
      permissions.push(new PolicyStatement({ actions: TABLE_WRITE_ACTIONS, resources: [table.tableArn] }));
    }
  }
  if (grants.bucketRead || grants.bucketWrite) {
    environment[`SST_Bucket_bucketName_${bucket.id}`] = bucket.bucketName;
    const actions = [...(grants.bucketRead ? BUCKET_READ_ACTIONS : []), ...(grants.bucketWrite ? BUCKET_WRITE_ACTIONS : [])];
    permissions.push(new PolicyStatement({ actions, resources: [`${bucket.bucketArn}/*`] }));
  }
  // Secrets are bound the SST way: env placeholder + ssm:GetParameters on that one parameter.
  if (grants.jwtPrivateKey) bind.push(jwtPrivateKey);
  if (grants.jwtPublicJwks) bind.push(jwtPublicJwks);
  if (grants.cursorKey) bind.push(cursorKey);

  return {
    handler: `functions/${route.handler}.handler`,
    description: `${routeKey(route)}: ${route.summary}`.slice(0, 256), // Lambda's limit
    environment,
    permissions,
    bind,
  };
}

function isCorsMethod(method: string): method is keyof typeof CorsHttpMethod {
  return Object.hasOwn(CorsHttpMethod, method);
}

/** core's CORS policy in the shape SST's Api takes. */
function apiCors(policy: CorsPolicy): ApiCorsProps {
  return {
    allowOrigins: policy.allowOrigins,
    allowMethods: policy.allowMethods.map((method) => {
      if (!isCorsMethod(method)) throw new Error(`CORS method ${method} is unknown to API Gateway`);
      return method;
    }),
    allowHeaders: policy.allowHeaders,
    exposeHeaders: policy.exposeHeaders,
    maxAge: `${policy.maxAgeSeconds} seconds`,
  };
}

export function Api({ stack }: StackContext) {
  const storage = use(Storage);
  const origins = allowedOrigins();

  const api = new HttpApi(stack, "Api", {
    cors: apiCors(corsPolicy(origins)),
    defaults: {
      payloadFormatVersion: "2.0",
      function: {
        runtime: "nodejs22.x",
        architecture: "arm_64",
        memorySize: "512 MB",
        timeout: "10 seconds",
        environment: {
          NODE_OPTIONS: "--enable-source-maps",
          POWERTOOLS_SERVICE_NAME: "dulcevicio-api",
          ALLOWED_ORIGINS: origins.join(","),
        },
        nodejs: {
          format: "esm",
          // Ship the .map inside the bundle: without it --enable-source-maps has nothing to read
          // (by default SST strips it and uploads it for its console).
          sourcemap: true,
          minify: true,
          // The AWS SDK is bundled, not taken from the runtime: the runtime's copy has no fixed version and lacks
          // packages we use (lib-dynamodb, the presigners), and AWS recommends shipping your own.
        },
      },
    },
    // Every row gets its own function (`Lambda_<METHOD>_<path>`), so grants stay per route.
    routes: Object.fromEntries(
      routes.map((route) => [routeKey(route), { type: "function" as const, function: routeFunction(route, storage) }]),
    ),
  });

  stack.addOutputs({
    ApiUrl: api.url,
    TableName: storage.table.tableName,
    BucketName: storage.bucket.bucketName,
  });

  return { api };
}
