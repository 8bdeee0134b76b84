import path from "node:path";
import { CorsHttpMethod } from "aws-cdk-lib/aws-apigatewayv2";
import type { Plugin } from "esbuild";
import { Api as HttpApi, use, type ApiCorsProps, type FunctionProps, type StackContext } from "sst/constructs";
import { corsPolicy, type CorsPolicy } from "../core/http/cors";
import { DOCS_ASSETS, DOCS_ASSETS_PACKAGE } from "../core/openapi/docs";
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

/** How every function is bundled. A function that sets `nodejs` replaces this whole (SST does not merge it). */
const NODEJS = {
  format: "esm",
  // Ship the .map inside the bundle: without it --enable-source-maps has nothing to read
  // (by default SST strips it and uploads it for its console).
  sourcemap: true,
  minify: true,
  // The AWS SDK is bundled, not taken from the runtime: the runtime's copy has no fixed version and lacks
  // packages we use (lib-dynamodb, the presigners), and AWS recommends shipping your own.
} as const satisfies FunctionProps["nodejs"];

/** One route's function: its handler, a description, and exactly the access its row asks for. */
function routeFunction(route: Route, resources: Parameters<typeof functionAccess>[1]): FunctionProps {
  return {
    handler: `functions/${route.handler}.handler`,
    description: `${routeKey(route)}: ${route.summary}`.slice(0, 256), // Lambda's limit
    ...functionAccess(grantsFor(route), resources),
    ...bundlingOf(route),
  };
}

/** What the docs functions need beyond the defaults; every other function gets nothing here. */
function bundlingOf(route: Route): Partial<FunctionProps> {
  switch (route.handler) {
    case "docs/openapi":
      return { nodejs: { ...NODEJS, esbuild: { plugins: [routeHandlerModules()] } } };
    case "docs/asset":
      // Swagger UI's two files (1.9 MB) beside the bundle, not inside it: where Node resolves them from the
      // function (core/openapi/docs.ts), in the function's own node_modules.
      return {
        copyFiles: Object.keys(DOCS_ASSETS).map((name) => {
          const file = `node_modules/${DOCS_ASSETS_PACKAGE}/${name}`;
          return { from: file, to: file };
        }),
      };
    default:
      return {};
  }
}

/**
 * The OpenAPI function reads the spec of every route's handler. Run from source it imports each handler module by
 * its computed path (functions/docs/handler-modules.ts), but SST's esbuild (0.18) leaves such an import() out of the
 * bundle. For that function, this plugin replaces the module with one static import() per row of the route table:
 * the bundle carries every handler module (evaluated only when the document is first built; they share most of their
 * code: 2.2 MB against 1.9 MB for a course route's own bundle), and no list of handlers is kept anywhere by hand.
 */
export function routeHandlerModules(): Plugin {
  return {
    name: "route-handler-modules",
    setup(build) {
      build.onLoad({ filter: /[\\/]functions[\\/]docs[\\/]handler-modules\.ts$/ }, (args) => ({
        loader: "ts",
        resolveDir: path.dirname(args.path),
        contents: [
          "const modules: Record<string, () => Promise<unknown>> = {",
          ...routes.map((route) => `  ${JSON.stringify(route.handler)}: () => import(${JSON.stringify(`../${route.handler}`)}),`),
          "};",
          "export function loadHandlerModule(handler: string): Promise<unknown> {",
          "  const load = modules[handler];",
          '  if (!load) throw new Error(`${handler} is not a handler of the route table`);',
          "  return load();",
          "}",
        ].join("\n"),
      }));
    },
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
        nodejs: NODEJS,
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
