import { initProject } from "sst/project.js";
import { queueConsumers } from "../../core/consumers";
import { routes } from "../../core/routes";
import { generateSecrets } from "../../dev/secrets";
import { API_BUNDLING, API_ENVIRONMENT, routeBundling } from "../../stacks/bundling";
import { functionAccess, grantsFor, type GrantableResources } from "../../stacks/grants";
import type { NodeJsBundling } from "./sst-esbuild";

/** One function of the stacks, as the bench builds and runs it. */
export interface StackFunction {
  /** The handler file under functions/, without extension: `courses/get`. */
  name: string;
  /** API functions are held to the budget; the media consumers (sharp, pdf-lib) are only reported. */
  kind: "api" | "media";
  memoryMb: number;
  nodejs: NodeJsBundling;
  /** The function's environment on Lambda, with fake values where AWS would give real ones. */
  environment: Record<string, string>;
}

const APP = "dulcevicio";
/** The memory stacks/Api.ts gives every API function (the media functions' is set one by one in stacks/Media.ts). */
const API_MEMORY_MB = 512;
const STAGE = "bench";
const REGION = "us-east-1";

/**
 * Stand-ins for the stack's constructs, with the ids the stacks give them: stacks/grants.ts turns a route's grants
 * into environment variables from these, exactly as it does at synth time, so a new grant reaches the bench too.
 */
const fakeResources = {
  table: { id: "Main", tableName: `${STAGE}-${APP}-Main`, tableArn: `arn:aws:dynamodb:${REGION}:123456789012:table/${STAGE}-${APP}-Main` },
  bucket: { id: "Media", bucketName: `${STAGE}-${APP}-media`, bucketArn: `arn:aws:s3:::${STAGE}-${APP}-media` },
  queues: Object.fromEntries(
    queueConsumers.map(({ queue }) => [queue, { id: queue, queueUrl: `https://sqs.${REGION}.amazonaws.com/123456789012/${STAGE}-${APP}-${queue}`, queueArn: `arn:aws:sqs:${REGION}:123456789012:${STAGE}-${APP}-${queue}` }]),
  ),
  jwtPrivateKey: { name: "JWT_PRIVATE_KEY", id: "JWT_PRIVATE_KEY" },
  jwtPublicJwks: { name: "JWT_PUBLIC_JWKS", id: "JWT_PUBLIC_JWKS" },
  cursorKey: { name: "CURSOR_KEY", id: "CURSOR_KEY" },
  unsubscribeKey: { name: "UNSUBSCRIBE_KEY", id: "UNSUBSCRIBE_KEY" },
  secretsFallback: false,
} as unknown as GrantableResources;

/**
 * On AWS a bound secret arrives as `SST_Secret_value_<name>=__FETCH_FROM_SSM__` and core/bindings.ts fetches it from
 * SSM during init: a network call this bench leaves out (it measures code, offline). Here the values are set
 * directly, as the local runtime (dev/bindings.ts) and SST's `prefetchSecrets` do.
 */
const secrets = generateSecrets();
const secretValues: Record<string, string> = {
  JWT_PRIVATE_KEY: secrets.jwtPrivateKeyPem,
  JWT_PUBLIC_JWKS: secrets.jwtPublicJwks,
  CURSOR_KEY: secrets.cursorKey,
  UNSUBSCRIBE_KEY: secrets.unsubscribeKey,
};

/** What Lambda and SST's Function set on every function, whatever its bindings. */
function runtimeEnvironment(name: string, memoryMb: number): Record<string, string> {
  return {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x",
    AWS_LAMBDA_FUNCTION_NAME: `${STAGE}-${APP}-${name.replace("/", "-")}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_ACCESS_KEY_ID: "ASIABENCHBENCHBENCH0",
    AWS_SECRET_ACCESS_KEY: "bench",
    AWS_SESSION_TOKEN: "bench",
    TZ: ":UTC",
    AWS_NODEJS_CONNECTION_REUSE_ENABLED: "1",
    SST_APP: APP,
    SST_STAGE: STAGE,
    SST_SSM_PREFIX: `/sst/${APP}/${STAGE}/`,
  };
}

function bindings(access: ReturnType<typeof functionAccess>): Record<string, string> {
  const environment = { ...access.environment };
  for (const name of Object.keys(environment)) {
    if (name.startsWith("SST_Secret_value_")) environment[name] = secretValues[name.slice("SST_Secret_value_".length)] ?? "";
  }
  return environment;
}

/** Every function of the stacks: one per route (stacks/Api.ts) and the two media consumers (stacks/Media.ts). */
export async function stackFunctions(): Promise<StackFunction[]> {
  // stacks/grants.ts names the secrets' SSM parameters after the stage, as SST does: from the initialized project.
  process.env.SST_TELEMETRY_DISABLED = "1";
  await initProject({ stage: STAGE });
  const api = routes.map((route): StackFunction => ({
    name: route.handler,
    kind: "api",
    memoryMb: API_MEMORY_MB,
    nodejs: routeBundling(route).nodejs ?? API_BUNDLING,
    environment: {
      ...runtimeEnvironment(route.handler, API_MEMORY_MB),
      ...API_ENVIRONMENT,
      ALLOWED_ORIGINS: "https://app.dulcevicio.example",
      ...bindings(functionAccess(grantsFor(route), fakeResources)),
    },
  }));
  // Importing the stack loads SST, which loads AWS SDK v2, which announces its end of support.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";
  const { MEDIA_BUNDLING, MEDIA_ENVIRONMENT } = await import("../../stacks/Media");
  const media = queueConsumers
    .filter((row) => row.runtime === "media")
    .map((row): StackFunction => ({
      name: row.handler,
      kind: "media",
      memoryMb: row.memoryMB,
      nodejs: MEDIA_BUNDLING,
      environment: { ...runtimeEnvironment(row.handler, row.memoryMB), ...MEDIA_ENVIRONMENT, ...bindings(functionAccess(grantsFor({ auth: "public", uses: row.uses }), fakeResources)) },
    }));
  return [...api, ...media];
}
