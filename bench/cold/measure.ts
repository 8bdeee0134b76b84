import { execFile } from "node:child_process";
import { readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import type { StackFunction } from "./functions";
import { sourcemapSstRemoves, sstEsbuildOptions } from "./sst-esbuild";

export interface Bundle {
  /** The module Lambda imports: `functions/<dir>/<name>.mjs` in the package. */
  file: string;
  /** JavaScript Node loads at init: the handler's file and every chunk it imports statically. */
  jsBytes: number;
  /** All the JavaScript in the package: more than `jsBytes` only with code splitting (chunks loaded on first use). */
  packageJsBytes: number;
  /** The maps of the files loaded at init: in the package beside them, read and parsed at init under --enable-source-maps. */
  mapBytes: number;
  /** Of the JavaScript loaded at init. */
  gzipBytes: number;
  /** Bytes of the JavaScript loaded at init per package (node_modules) or per folder of our own code, largest first. */
  parts: Array<[string, number]>;
}

/**
 * Bundles a function into `packageDir` as SST lays out its package: `functions/<dir>/<name>.mjs`, chunks and maps
 * beside. `entry` is the function's handler file unless another module stands in for it (bench/cold/layers.ts).
 */
export async function bundleFunction(fn: StackFunction, projectRoot: string, packageDir: string, entry = path.join(projectRoot, "functions", `${fn.name}.ts`)): Promise<Bundle> {
  const file = path.join(packageDir, "functions", `${fn.name}.mjs`);
  const { metafile } = await build(sstEsbuildOptions(fn.nodejs, entry, file));
  const outputs = metafile!.outputs;
  const removed = sourcemapSstRemoves(fn.nodejs, Object.keys(outputs));
  if (removed) await rm(path.join(projectRoot, removed));

  const loaded = loadedAtInit(metafile!, path.relative(projectRoot, file));
  const js = Buffer.concat(await Promise.all(loaded.map((output) => readFile(path.join(projectRoot, output)))));
  const maps = await Promise.all(loaded.map((output) => stat(path.join(projectRoot, `${output}.map`)).then((s) => s.size, () => 0)));
  const packageJsBytes = Object.entries(outputs).reduce((sum, [output, { bytes }]) => (output.endsWith(".mjs") ? sum + bytes : sum), 0);
  return {
    file,
    jsBytes: js.length,
    packageJsBytes,
    mapBytes: maps.reduce((a, b) => a + b, 0),
    gzipBytes: gzipSync(js).length,
    parts: partsOf(loaded.map((output) => outputs[output]!)),
  };
}

/** The handler's output and the outputs it imports statically, transitively (dynamic imports load on first use). */
function loadedAtInit(metafile: Metafile, handlerOutput: string): string[] {
  if (!metafile.outputs[handlerOutput]) throw new Error(`esbuild's metafile has no output ${handlerOutput}`);
  const loaded = new Set<string>();
  const visit = (output: string) => {
    if (loaded.has(output)) return;
    loaded.add(output);
    for (const { path: imported, kind } of metafile.outputs[output]!.imports) if (kind === "import-statement" && metafile.outputs[imported]) visit(imported);
  };
  visit(handlerOutput);
  return [...loaded];
}

/**
 * `node_modules/@aws-sdk/client-s3/dist-es/x.js` -> `@aws-sdk/client-s3`; a package's private copy of another one,
 * `node_modules/a/node_modules/b/x.js` -> `b (a's copy)`; our own code by folder: `core/db/service.ts` -> `core/db`.
 */
function partOf(input: string): string {
  const packages = [...input.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].map((match) => match[1]!);
  if (packages.length === 0) return input.split("/").slice(0, 2).join("/");
  const innermost = packages.at(-1)!;
  return packages.length === 1 ? innermost : `${innermost} (${packages[0]}'s copy)`;
}

function partsOf(outputs: Metafile["outputs"][string][]): Array<[string, number]> {
  const bytes = new Map<string, number>();
  for (const output of outputs) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const part = partOf(input);
      bytes.set(part, (bytes.get(part) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes].sort((a, b) => b[1] - a[1]);
}

/**
 * Imports the handler's module once, in a fresh process, the way Lambda's Node.js runtime loads it: plain `node`
 * (no tsx loader), started with the flags the managed runtime's bootstrap gives it for the function's memory, only
 * the function's environment (its NODE_OPTIONS included), and `import()` of the file timed from inside, so Node's
 * own start-up is not counted. Beside the wall time it reports the main thread's time on a core during the import
 * (Linux's /proc/thread-self/schedstat): on a busy machine that moves much less than the wall time, since waiting
 * for a core is not in it, and it leaves out what V8 does on its other threads (some compiling and collecting).
 */
const IMPORT_ONCE = `
import { readFileSync } from "node:fs";
const onCpuMs = () => { try { return Number(readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[0]) / 1e6; } catch { return null; } };
const cpuStarted = onCpuMs();
const started = performance.now();
const module = await import(process.argv[1]);
const ms = performance.now() - started;
const cpuMs = cpuStarted === null ? null : onCpuMs() - cpuStarted;
if (typeof module.handler !== "function") throw new Error("the bundle exports no handler function");
process.stdout.write(JSON.stringify({ ms, cpuMs }));
`;

/**
 * The heap flags Lambda's Node.js bootstrap (/var/runtime/bootstrap) starts node with: a tenth of the memory for
 * the young generation (half of it per semi-space), the rest for the old one.
 */
function lambdaNodeFlags(memoryMb: number): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  return ["--expose-gc", "--max-http-header-size", "81920", `--max-semi-space-size=${Math.floor(newSpace / 2)}`, `--max-old-space-size=${memoryMb - newSpace}`];
}

export interface InitRun {
  ms: number;
  /** The main thread's time on a core; null where the system does not tell (not Linux). */
  cpuMs: number | null;
}

const run = promisify(execFile);

export async function importOnce(fn: StackFunction, bundle: Bundle, packageDir: string): Promise<InitRun> {
  const { stdout } = await run(process.execPath, [...lambdaNodeFlags(fn.memoryMb), "--input-type=module", "--eval", IMPORT_ONCE, bundle.file], {
    // Nothing of this shell leaks in (AWS_PROFILE, NODE_OPTIONS...); LAMBDA_TASK_ROOT is the package's root, as on Lambda.
    env: { PATH: process.env.PATH ?? "", LAMBDA_TASK_ROOT: packageDir, ...fn.environment },
    cwd: packageDir,
  });
  return JSON.parse(stdout) as InitRun;
}
