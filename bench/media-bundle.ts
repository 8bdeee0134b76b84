/**
 * core/media code bundled the way SST bundles the media functions, for bench/pdf.ts to measure what the Lambdas run
 * and for test/media/bundle.test.ts to check that bundle: SST's settings for ESM handlers
 * (node_modules/sst/runtime/handlers/node.js: platform node, target esnext, module-first main fields, keepNames,
 * the createRequire banner, sharp external) plus the stack's own (stacks/Media.ts MEDIA_BUNDLING).
 */
import { copyFile, mkdir, symlink } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BuildOptions } from "esbuild";
import { PDF_FONT_FILE, PDF_FONT_SOURCE } from "../core/media/font";
import type * as MediaStack from "../stacks/Media";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The media stack's settings. Importing the stack loads SST and CDK: a few seconds, outside any measurement. */
export function mediaStack(): Promise<typeof MediaStack> {
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1"; // SST still loads AWS SDK v2, which says so
  return import("../stacks/Media");
}

/** SST's options with the stack's. */
export async function mediaFunctionBuildOptions(): Promise<BuildOptions> {
  const { MEDIA_BUNDLING } = await mediaStack();
  return {
    platform: "node",
    format: "esm",
    target: "esnext",
    mainFields: ["module", "main"],
    keepNames: true,
    bundle: true,
    logLevel: "warning",
    banner: {
      js: [
        "import { createRequire as topLevelCreateRequire } from 'module';",
        "const require = topLevelCreateRequire(import.meta.url);",
        'import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"',
        'const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))',
      ].join("\n"),
    },
    external: ["sharp", ...MEDIA_BUNDLING.esbuild.external],
    plugins: MEDIA_BUNDLING.esbuild.plugins,
    minify: MEDIA_BUNDLING.minify,
    sourcemap: MEDIA_BUNDLING.sourcemap,
  };
}

/**
 * Bundles `names` of core/media/`module` into `<folder>/<file>.mjs`, and gives the folder what a media function's
 * package carries beside its handler: sharp (copied by the stack; here a link to node_modules) and the PDF font.
 */
export async function bundleMediaModule(options: BuildOptions, folder: string, file: string, module: string, names: string[]): Promise<string> {
  const { build } = await import("esbuild");
  await mkdir(folder, { recursive: true });
  const outfile = path.join(folder, `${file}.mjs`);
  await build({ ...options, stdin: { contents: `export { ${names.join(", ")} } from "./core/media/${module}";`, resolveDir: projectRoot, loader: "ts" }, outfile });
  await symlink(path.join(projectRoot, "node_modules"), path.join(folder, "node_modules"), "dir").catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
  await copyFile(path.join(projectRoot, PDF_FONT_SOURCE), path.join(folder, PDF_FONT_FILE));
  return outfile;
}
