import path from "node:path";
import type { BuildOptions } from "esbuild";
import type { FunctionProps } from "sst/constructs";

export type NodeJsBundling = NonNullable<FunctionProps["nodejs"]>;

/**
 * The SST release whose bundling is mirrored below. SST does not export how it turns a function's `nodejs` props
 * into esbuild options, so this file repeats it; bench/cold.ts refuses to run on another release rather than
 * measure bundles the stack no longer builds.
 */
export const MIRRORED_SST_VERSION = "2.49.8";

/**
 * The esbuild options SST builds a Node.js function with when it deploys (sst/runtime/handlers/node.js, mode
 * "deploy"), for the ESM format every function here uses. `handlerFile` is where SST puts the handler's module in
 * the package, `functions/<dir>/<name>.mjs` (with code splitting, its chunks go beside it), which also fixes the
 * relative source paths inside the maps.
 */
export function sstEsbuildOptions(nodejs: NodeJsBundling, entry: string, handlerFile: string): BuildOptions {
  if ((nodejs.format ?? "esm") !== "esm") throw new Error("only ESM functions are mirrored (every function here is ESM)");
  const { external, ...override } = nodejs.esbuild ?? {};
  return {
    entryPoints: [entry],
    platform: "node",
    // SST always keeps these two out of the bundle (and installs them into the package when a function imports them).
    external: ["sharp", "pg-native", ...(nodejs.install ?? []), ...(external ?? [])],
    loader: nodejs.loader,
    keepNames: true,
    bundle: true,
    logLevel: "silent",
    splitting: nodejs.splitting,
    metafile: true,
    outExtension: nodejs.splitting ? { ".js": ".mjs" } : undefined,
    format: "esm",
    target: "esnext",
    mainFields: ["module", "main"],
    banner: {
      js: [
        `import { createRequire as topLevelCreateRequire } from 'module';`,
        `const require = topLevelCreateRequire(import.meta.url);`,
        `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
        `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
        nodejs.banner || "",
      ].join("\n"),
    },
    outfile: nodejs.splitting ? undefined : handlerFile,
    outdir: nodejs.splitting ? path.dirname(handlerFile) : undefined,
    // SST always asks esbuild for a map when deploying (unless `sourcemap: false`)...
    sourcemap: nodejs.sourcemap !== false,
    minify: nodejs.minify,
    ...override,
  };
}

/**
 * ...but leaves the maps in the function's package only when `sourcemap` is true; otherwise it removes the first
 * .map of the build (it expects only one) and uploads it gzipped for its console, where the function never reads it.
 */
export function sourcemapSstRemoves(nodejs: NodeJsBundling, outputs: string[]): string | undefined {
  return nodejs.sourcemap ? undefined : outputs.find((output) => output.endsWith(".map"));
}
