import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const FUNCTIONS_DIR = fileURLToPath(new URL("../", import.meta.url));

/**
 * The module of a route's handler, `functions/<handler>.ts`, imported by its computed path: how the OpenAPI
 * function reads every route's spec when it runs from source (tests, `npm run dev`), so new routes need no list.
 * SST's esbuild (0.18) cannot bundle an import() whose path is computed: for the deployed function, the stack's
 * esbuild plugin `routeHandlerModules` (stacks/) swaps this module for one static import() per row of the route table.
 */
export function loadHandlerModule(handler: string): Promise<unknown> {
  return import(/* @vite-ignore */ pathToFileURL(path.join(FUNCTIONS_DIR, `${handler}.ts`)).href);
}
