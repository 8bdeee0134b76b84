import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { corsPolicy, DEFAULT_DEV_ORIGINS, parseAllowedOrigins } from "../core/http/cors";
import { routes } from "../core/routes";
import { startGateway, type GatewayHandler, type LocalGateway } from "./gateway";
import { meter } from "./request-meter";

const FUNCTIONS_DIR = fileURLToPath(new URL("../functions/", import.meta.url));

/**
 * Serves the route table on the local gateway: each route's handler module is imported on its first request,
 * like a Lambda cold start, and every invocation is metered for DynamoDB requests.
 * Call `applyBindings()` first: the handlers read their bindings when imported.
 * With `consoleDir` (a `buildConsole()` output), the admin console is served at `/admin` too.
 */
export function startApi(options: { port: number; host?: string; consoleDir?: string }): Promise<LocalGateway> {
  return startGateway({
    port: options.port,
    host: options.host,
    routes,
    loadHandler: async (route) => {
      const file = pathToFileURL(path.join(FUNCTIONS_DIR, `${route.handler}.ts`)).href;
      return ((await import(/* @vite-ignore */ file)) as { handler: GatewayHandler }).handler;
    },
    cors: corsPolicy(parseAllowedOrigins(process.env.ALLOWED_ORIGINS, DEFAULT_DEV_ORIGINS)),
    aroundInvoke: (_route, invoke) => meter(invoke),
    // No trailing slash, so that `/admin` itself maps to the folder and its index.html (which names its files
    // under /admin/, so they resolve from either URL).
    staticRoutes: options.consoleDir ? [{ prefix: "/admin", directory: options.consoleDir }] : [],
  });
}
