/**
 * The admin console (`console/`): a few static files built with esbuild, served by the local gateway at `/admin`.
 * `npx tsx dev/console.ts` only builds it (to host it elsewhere, see docs/console.md).
 */
import { rm } from "node:fs/promises";
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`Admin console built into ${path.relative(process.cwd(), await buildConsole())}/`);
}
