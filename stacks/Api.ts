import { CorsHttpMethod } from "aws-cdk-lib/aws-apigatewayv2";
import { Api as HttpApi, use, type ApiCorsProps, type FunctionProps, type StackContext } from "sst/constructs";
import { corsPolicy, type CorsPolicy } from "../core/http/cors";
import { routeKey, routes, type Route } from "../core/routes";
import { API_BUNDLING, API_ENVIRONMENT, routeBundling } from "./bundling";
import { functionAccess, grantsFor } from "./grants";
import { Media } from "./Media";
import { allowedOrigins } from "./origins";
import { Storage } from "./Storage";

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

/** One route's function: its handler, a description, and exactly the access its row asks for. */
function routeFunction(route: Route, resources: Parameters<typeof functionAccess>[1]): FunctionProps {
  return {
    handler: `functions/${route.handler}.handler`,
    description: `${routeKey(route)}: ${route.summary}`.slice(0, 256), // Lambda's limit
    ...functionAccess(grantsFor(route), resources),
    ...routeBundling(route),
  };
}

/** Requests per second across the API (steady, and the burst API Gateway absorbs above it). */
export const API_THROTTLE = { rate: 200, burst: 400 } as const;

export function Api({ stack }: StackContext) {
  const storage = use(Storage);
  const { rebuildQueue } = use(Media);
  const origins = allowedOrigins();

  const api = new HttpApi(stack, "Api", {
    cors: apiCors(corsPolicy(origins)),
    defaults: {
      payloadFormatVersion: "2.0",
      // The stage's default route throttle: far above this product's traffic (bench:api), low enough that a runaway
      // client cannot run up the Lambda and DynamoDB bill. Excess requests get API Gateway's 429.
      throttle: { rate: API_THROTTLE.rate, burst: API_THROTTLE.burst },
      function: {
        // CloudWatch keeps logs forever by default; a month covers debugging and keeps no personal data longer.
        logRetention: "one_month",
        runtime: "nodejs22.x",
        architecture: "arm_64",
        memorySize: "512 MB",
        timeout: "10 seconds",
        environment: { ...API_ENVIRONMENT, ALLOWED_ORIGINS: origins.join(",") },
        nodejs: API_BUNDLING,
      },
    },
    // Every row gets its own function (`Lambda_<METHOD>_<path>`), so grants stay per route.
    routes: Object.fromEntries(
      routes.map((route) => [routeKey(route), { type: "function" as const, function: routeFunction(route, { ...storage, rebuildQueue }) }]),
    ),
  });

  stack.addOutputs({
    ApiUrl: api.url,
    TableName: storage.table.tableName,
    BucketName: storage.bucket.bucketName,
  });

  return { api };
}
