/**
 * The admin console (`console/`): a few static files built with esbuild, served by the local gateway at `/admin`.
 * `npx tsx dev/console.ts` only builds it (to host it elsewhere, see docs/console.md); `npx tsx dev/console.ts --types`
 * regenerates its API types from the OpenAPI document (`npm run console:types`).
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const SOURCE_DIR = fileURLToPath(new URL("../console/", import.meta.url));

/** Where `npm run dev` puts the console (git-ignored). */
const CONSOLE_BUILD_DIR = fileURLToPath(new URL("../.build/console/", import.meta.url));

/** Bundles the console into `outdir` (emptied first): index.html, app.js, style.css and their source maps. */
export async function buildConsole(outdir: string = CONSOLE_BUILD_DIR): Promise<string> {
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: {
      index: path.join(SOURCE_DIR, "index.html"),
      app: path.join(SOURCE_DIR, "src/main.ts"),
      style: path.join(SOURCE_DIR, "style.css"),
    },
    outdir,
    bundle: true,
    format: "esm",
    platform: "browser",
    // Browsers of the last two years; no down-levelling needed for the few modern features used.
    target: ["chrome110", "firefox110", "safari16"],
    loader: { ".html": "copy" },
    sourcemap: true,
    logLevel: "silent",
  });
  return outdir;
}

/**
 * The console's API types, generated from the OpenAPI document by openapi-typescript at its defaults: the console
 * knows the API only through the document, as any client team would. Committed; test/browser/console-api-types.test.ts
 * fails when they differ from what the live document generates.
 */
export const API_TYPES_FILE = path.join(SOURCE_DIR, "src/api-schema.d.ts");

const API_TYPES_HEADER = `/**
 * Generated from GET /api/openapi.json by openapi-typescript (npm run console:types). Do not edit: regenerate.
 */

`;

/** The text of API_TYPES_FILE for a document. openapi-typescript is loaded only here, not by `npm run dev`. */
export async function apiTypesSource(document: unknown): Promise<string> {
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  return API_TYPES_HEADER + astToString(await openapiTS(document as Parameters<typeof openapiTS>[0]));
}

export async function committedApiTypes(): Promise<string> {
  return readFile(API_TYPES_FILE, "utf8");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes("--types")) {
    // The document as the API builds it, from the route table and the handlers' schemas (no server needed).
    const [{ documentRoutes }, { routes }, { loadHandlerModule }] = await Promise.all([
      import("../core/openapi/document"),
      import("../core/routes"),
      import("../functions/docs/handler-modules"),
    ]);
    await writeFile(API_TYPES_FILE, await apiTypesSource(await documentRoutes(routes, loadHandlerModule)));
    console.log(`API types written to ${path.relative(process.cwd(), API_TYPES_FILE)}`);
  } else {
    console.log(`Admin console built into ${path.relative(process.cwd(), await buildConsole())}/`);
  }
}
