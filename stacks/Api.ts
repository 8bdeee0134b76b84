import { CorsHttpMethod } from "aws-cdk-lib/aws-apigatewayv2";
import { Api as HttpApi, use, type ApiCorsProps, type FunctionProps, type StackContext } from "sst/constructs";
import { corsPolicy, type CorsPolicy } from "../core/http/cors";
import { routeKey, routes, type Route } from "../core/routes";
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
  };
}

export function Api({ stack }: StackContext) {
  const storage = use(Storage);
  const { rebuildQueue } = use(Media);
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
