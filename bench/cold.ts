/**
 * `npm run bench:cold`: every function bundled as the stack bundles it, then per function its bundle size and its
 * module init time (the time to import() the bundle in a fresh Node process), against the budget: every API
 * function under 1 MB of JavaScript and under 150 ms of init on the machine that runs this.
 *
 * - Bundling: stacks/bundling.ts (the options the stacks use) through SST's own mapping to esbuild
 *   (bench/cold/sst-esbuild.ts), into a package laid out as SST lays it out; sizes and the parts of each bundle
 *   come from esbuild's metafile.
 * - Init: plain `node` imports the bundle with the function's environment (bench/cold/functions.ts: NODE_OPTIONS,
 *   Lambda's variables, the SST_* bindings its grants give, secrets as values; no network). Every function runs
 *   RUNS times, the runs interleaved across functions so that a noisy moment does not land on one function only;
 *   the figure is the median.
 *
 * Options: --runs <n> (default 5); --only <name,...> measures the functions whose handler path contains a name;
 * --layers <function> instead shows what that API function's init is made of (bench/cold/layers.ts).
 * docs/cold-start.md has the figures and what was changed because of them.
 */
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { version as esbuildVersion } from "esbuild";
import { stackFunctions, type StackFunction } from "./cold/functions";
import { measureLayers } from "./cold/layers";
import { bundleFunction, importOnce, type Bundle, type InitRun } from "./cold/measure";
import { MIRRORED_SST_VERSION } from "./cold/sst-esbuild";

const BUDGET = { jsBytes: 1_000_000, initMs: 150 };

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Inside the project, so that what a package resolves from its node_modules (sharp) resolves as on Lambda. */
const outRoot = path.join(projectRoot, "node_modules", ".cache", "bench-cold");

function options(argv: string[]): { runs: number; only: string[] | undefined; layers: string | undefined } {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const runs = Number(value("--runs") ?? 5);
  if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs takes a whole number of runs, 1 or more");
  return { runs, only: value("--only")?.split(","), layers: value("--layers") };
}

/** The bench is only as true as its copy of SST's bundling: refuse to run against another SST or esbuild. */
function checkMirror(): void {
  const require = createRequire(import.meta.url);
  const sstVersion = (require("sst/package.json") as { version: string }).version;
  if (sstVersion !== MIRRORED_SST_VERSION) {
    throw new Error(`bench/cold/sst-esbuild.ts mirrors SST ${MIRRORED_SST_VERSION}'s bundling, but SST ${sstVersion} is installed: check it against sst/runtime/handlers/node.js`);
  }
  const sstEsbuild = createRequire(require.resolve("sst/package.json")).resolve("esbuild");
  if (sstEsbuild !== require.resolve("esbuild")) throw new Error(`SST bundles with ${sstEsbuild}, the bench with ${require.resolve("esbuild")}`);
}

interface Measured {
  fn: StackFunction;
  packageDir: string;
  bundle: Bundle;
  runs: InitRun[];
}

const medianOf = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const kB = (bytes: number): string => (bytes / 1000).toFixed(0);
const initMs = (m: Measured): number => medianOf(m.runs.map((r) => r.ms));
const onCpuMs = (m: Measured): number | undefined => {
  const runs = m.runs.flatMap((r) => (r.cpuMs === null ? [] : [r.cpuMs]));
  return runs.length ? medianOf(runs) : undefined;
};
const overBudget = (m: Measured): string[] =>
  m.fn.kind === "api" ? [...(m.bundle.jsBytes >= BUDGET.jsBytes ? ["size"] : []), ...(initMs(m) >= BUDGET.initMs ? ["init"] : [])] : [];
const topParts = (m: Measured, count: number): string => m.bundle.parts.slice(0, count).map(([part, bytes]) => `${part} ${kB(bytes)} kB`).join(", ");

/** Bytes of packages bundled from another package's own node_modules, per that package: duplicates, usually. */
function privateCopies(m: Measured): string {
  const byOwner = new Map<string, number>();
  for (const [part, bytes] of m.bundle.parts) {
    const owner = / \((.+)'s copy\)$/.exec(part)?.[1];
    if (owner) byOwner.set(owner, (byOwner.get(owner) ?? 0) + bytes);
  }
  const total = [...byOwner.values()].reduce((a, b) => a + b, 0);
  const top = [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 3);
  return total ? `${kB(total)} kB, most under ${top.map(([owner, bytes]) => `${owner} (${kB(bytes)} kB)`).join(", ")}` : "";
}

function printTable(measured: Measured[]): void {
  const header = ["function", "JS kB", "lazy kB", "map kB", "gzip kB", "init ms", "on-cpu ms", "largest part", "over budget"];
  const rows = [...measured]
    .sort((a, b) => b.bundle.jsBytes - a.bundle.jsBytes)
    .map((m) => [
      m.fn.kind === "media" ? `${m.fn.name} (not budgeted)` : m.fn.name,
      kB(m.bundle.jsBytes),
      m.bundle.packageJsBytes > m.bundle.jsBytes ? kB(m.bundle.packageJsBytes - m.bundle.jsBytes) : "-",
      m.bundle.mapBytes ? kB(m.bundle.mapBytes) : "-",
      kB(m.bundle.gzipBytes),
      initMs(m).toFixed(0),
      onCpuMs(m)?.toFixed(0) ?? "-",
      topParts(m, 1),
      overBudget(m).join(" + ") || "-",
    ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const numeric = new Set([1, 2, 3, 4, 5, 6]);
  const line = (cells: string[]) => cells.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  ").trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

function printSummary(measured: Measured[], runs: number, load: number[]): void {
  const api = measured.filter((m) => m.fn.kind === "api");
  if (api.length === 0) return;
  const largest = api.reduce((a, b) => (b.bundle.jsBytes > a.bundle.jsBytes ? b : a));
  const smallest = api.reduce((a, b) => (b.bundle.jsBytes < a.bundle.jsBytes ? b : a));
  const slowest = api.reduce((a, b) => (initMs(b) > initMs(a) ? b : a));
  const over = api.filter((m) => overBudget(m).length > 0);
  const bySize = api.filter((m) => overBudget(m).includes("size")).length;
  const byInit = api.filter((m) => overBudget(m).includes("init")).length;
  console.log();
  console.log(`Largest bundle: ${largest.fn.name}, ${kB(largest.bundle.jsBytes)} kB of JavaScript (budget: under ${kB(BUDGET.jsBytes)} kB)`);
  console.log(`  its top 5:    ${topParts(largest, 5)}`);
  console.log(`Smallest:       ${smallest.fn.name}, ${kB(smallest.bundle.jsBytes)} kB; its top 5: ${topParts(smallest, 5)}`);
  const copies = privateCopies(largest);
  if (copies) console.log(`Private copies: ${copies} in ${largest.fn.name} (packages bundled again from another package's own node_modules)`);
  console.log(`Slowest init:   ${slowest.fn.name}, ${initMs(slowest).toFixed(0)} ms (budget: under ${BUDGET.initMs} ms)`);
  console.log(`Over budget:    ${over.length} of ${api.length} API functions (${bySize} by size, ${byInit} by init time)`);
  console.log();
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  console.log(
    `Measured with node ${process.version} on ${process.platform}/${process.arch}, ${cpu} (${cpus().length} cores), load average ${load.map((l) => l.toFixed(1)).join(" ")} at the start; ` +
      `esbuild ${esbuildVersion} with SST ${MIRRORED_SST_VERSION}'s options; init = import() of the bundle in a fresh node with the function's environment, median of ${runs} runs.`,
  );
  console.log(
    "kB = 1000 bytes. JS: what Node loads at init (the handler's file and the chunks it imports); lazy: chunks loaded on first use; " +
      "map: the maps of the JS loaded at init, which ship beside it and are parsed at init under --enable-source-maps.",
  );
}

async function printLayers(fn: StackFunction, runs: number): Promise<void> {
  const layers = await measureLayers(fn, projectRoot, outRoot, runs);
  const init = layers.map((layer) => medianOf(layer.runs.map((r) => r.ms)));
  const header = ["layer", "JS kB", "init ms", "on-cpu ms", "adds ms"];
  const rows = layers.map((layer, index) => {
    const cpu = layer.runs.flatMap((r) => (r.cpuMs === null ? [] : [r.cpuMs]));
    return [
      layer.name,
      kB(layer.bundle.jsBytes),
      init[index]!.toFixed(0),
      cpu.length ? medianOf(cpu).toFixed(0) : "-",
      index === 0 ? "" : `${init[index]! >= init[index - 1]! ? "+" : ""}${(init[index]! - init[index - 1]!).toFixed(0)}`,
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ").trimEnd();
  console.log(`What the init of ${fn.name} is made of (medians of ${runs} runs; each layer also loads the modules above it):`);
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  const { runs, only, layers } = options(process.argv.slice(2));
  checkMirror();
  const load = loadavg();
  await rm(outRoot, { recursive: true, force: true });
  const all = await stackFunctions();
  if (layers) {
    const fn = all.find((candidate) => candidate.name === layers && candidate.kind === "api");
    if (!fn) throw new Error(`--layers takes an API function's handler path, like users/list (not ${layers})`);
    return printLayers(fn, runs);
  }
  const functions = all.filter((fn) => !only || only.some((name) => fn.name.includes(name)));
  if (functions.length === 0) throw new Error(`no function matches --only ${only?.join(",")}`);

  const measured: Measured[] = [];
  for (const [index, fn] of functions.entries()) {
    process.stderr.write(`\rbundling ${index + 1}/${functions.length} ${fn.name}`.padEnd(60));
    const packageDir = path.join(outRoot, fn.name.replace("/", "-"));
    await mkdir(packageDir, { recursive: true });
    measured.push({ fn, packageDir, bundle: await bundleFunction(fn, projectRoot, packageDir), runs: [] });
  }
  for (let run = 1; run <= runs; run++) {
    for (const [index, m] of measured.entries()) {
      process.stderr.write(`\rinit run ${run}/${runs}, ${index + 1}/${measured.length} ${m.fn.name}`.padEnd(60));
      m.runs.push(await importOnce(m.fn, m.bundle, m.packageDir));
    }
  }
  process.stderr.write("\r".padEnd(61) + "\r");
  printTable(measured);
  printSummary(measured, runs, load);
}

await main();
