/**
 * The recipe PDF benchmark (`npm run bench:pdf`; `-- --photos <folder of JPEGs>` uses real phone photos instead of
 * the generated ones): time and memory to turn 50 phone photos into the course PDF, against img2pdf on the same
 * files (img2pdf only wraps the original JPEGs into a PDF: no orientation, no resizing, no stripping).
 *
 * It measures the code the Lambdas run, the way they run it: core/media bundled by esbuild with the stack's
 * settings (stacks/Media.ts MEDIA_BUNDLING, on SST's defaults for ESM), one bundle with sharp for the upload
 * consumer and one with pdf-lib for the rebuild, run by plain node in the functions' environment
 * (MEDIA_ENVIRONMENT). Each phase (bench/pdf-phase.ts) runs in a fresh process,
 * so one phase's peak memory cannot bleed into the next; a phase reports its own peak RSS (VmHWM), img2pdf's is
 * read by a tiny python3 parent through getrusage. Every phase runs RUNS times: times are medians; peaks are shown
 * lowest–highest and judged on the highest.
 *
 * Options: --only <phase,...> runs some phases; --at-a-time <n> normalizes n photos at once instead of the
 * stack's batch size; MALLOC_ARENA_MAX=<n> (empty: glibc's default) overrides the stack's value.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdir, rm, stat } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { queueConsumers } from "../core/consumers";
import { bundleMediaModule, mediaFunctionBuildOptions, mediaStack, projectRoot } from "./media-bundle";
import { listPhotos, PHASES, type Phase, type PhaseResult } from "./pdf-phase";
import { generatedPhotos, PHOTOS, PORTRAIT_EVERY } from "./photos";

const RUNS = 3;

const MB = 1024 * 1024;
const TARGETS = { coldTime: 5, incrementalTime: 0.8, coldRssMb: 400, incrementalRssMb: 200, size: 0.25 };

interface Measured extends Partial<PhaseResult> {
  /** From spawning the process to its exit: adds the runtime's start-up (and, for ours, the warm run). */
  processSeconds: number;
  peakRssMb: number;
  /** The lowest peak over the runs (the highest is `peakRssMb`): GC timing moves a peak by 10-20 MB. */
  lowestPeakRssMb?: number;
}

/** The two media bundles (the upload consumer's with sharp, the rebuild's with pdf-lib), and the phase runner. */
async function bundle(work: string) {
  const { build } = await import("esbuild");
  const options = await mediaFunctionBuildOptions();
  const folder = path.join(work, "bundles");
  const [normalize, pdf] = await Promise.all([
    bundleMediaModule(options, folder, "normalize", "normalize", ["normalizeRecipeImage", "jpegDecodeShrink"]),
    bundleMediaModule(options, folder, "pdf", "pdf", ["buildRecipePdf"]),
  ]);
  const phase = path.join(folder, "pdf-phase.mjs");
  await build({ ...options, minify: false, sourcemap: false, entryPoints: [path.join(projectRoot, "bench", "pdf-phase.ts")], outfile: phase });
  return { phase, normalize, pdf };
}

async function measurePhase(run: { phase: Phase; bundles: Awaited<ReturnType<typeof bundle>>; photosFolder: string; work: string; atATime: number; env: NodeJS.ProcessEnv }): Promise<Measured> {
  const { phase, bundles, photosFolder, work, atATime, env } = run;
  const started = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    const args = [bundles.phase, phase, photosFolder, work, bundles.normalize, bundles.pdf, String(atATime), String(PHOTOS)];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"], env });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`phase ${phase} exited with ${code}`))));
  });
  const processSeconds = (performance.now() - started) / 1000;
  const line = output.split("\n").find((row) => row.startsWith("RESULT "));
  if (!line) throw new Error(`phase ${phase} printed no result`);
  return { ...(JSON.parse(line.slice("RESULT ".length)) as PhaseResult), processSeconds };
}

/** Runs a measurement RUNS times: median times, highest peak. */
async function repeated(measure: () => Promise<Measured | undefined>): Promise<Measured | undefined> {
  const runs: Measured[] = [];
  for (let run = 0; run < RUNS; run++) {
    const measured = await measure();
    if (!measured) return undefined;
    runs.push(measured);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const byWork = [...runs].sort((a, b) => (a.workSeconds ?? a.processSeconds) - (b.workSeconds ?? b.processSeconds));
  return {
    ...byWork[Math.floor(runs.length / 2)]!,
    warmSeconds: runs[0]!.warmSeconds === undefined ? undefined : median(runs.map((measured) => measured.warmSeconds!)),
    processSeconds: median(runs.map((measured) => measured.processSeconds)),
    peakRssMb: Math.max(...runs.map((measured) => measured.peakRssMb)),
    lowestPeakRssMb: Math.min(...runs.map((measured) => measured.peakRssMb)),
  };
}

/** img2pdf is a Python program: a python3 parent reads its time and peak RSS (getrusage of children) once it exits. */
async function measureImg2pdf(photos: string[], work: string): Promise<Measured | undefined> {
  if (spawnSync("img2pdf", ["--version"], { stdio: "ignore" }).status !== 0) return undefined;
  const output = path.join(work, "img2pdf.pdf");
  const wrapper = [
    "import os, resource, subprocess, sys, time",
    "started = time.monotonic()",
    "subprocess.run(sys.argv[1:], check=True)",
    "print(time.monotonic() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, os.path.getsize(sys.argv[3]))",
  ].join("\n");
  const run = spawnSync("python3", ["-c", wrapper, "img2pdf", "-o", output, ...photos], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`img2pdf failed: ${run.stderr}`);
  const [seconds, maxRssKb, pdfBytes] = run.stdout.trim().split(" ").map(Number) as [number, number, number];
  return { processSeconds: seconds, peakRssMb: maxRssKb / 1024, pdfBytes };
}

async function main(args: string[]): Promise<void> {
  const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const given = option("--photos");
  const only = option("--only")?.split(",");
  const unknown = only?.filter((name) => !PHASES.includes(name as Phase));
  if (unknown?.length) throw new Error(`unknown phase(s) ${unknown.join(", ")}; phases: ${PHASES.join(", ")}`);

  const { MEDIA_ENVIRONMENT } = await mediaStack();
  const uploads = queueConsumers.find((row) => row.queue === "Uploads")!;
  const atATime = Number(option("--at-a-time") ?? uploads.batchSize);
  const arenas = process.env.MALLOC_ARENA_MAX ?? MEDIA_ENVIRONMENT.MALLOC_ARENA_MAX;
  const { MALLOC_ARENA_MAX: _stackArenas, ...stackEnv } = MEDIA_ENVIRONMENT;
  // The functions' environment and nothing of this shell's (NODE_OPTIONS, say) but where programs are.
  const env = { PATH: process.env.PATH, ...stackEnv, ...(arenas ? { MALLOC_ARENA_MAX: arenas } : {}) };

  const photosFolder = given ? path.resolve(given) : await generatedPhotos();
  const photos = await listPhotos(photosFolder, PHOTOS);
  if (photos.length === 0) throw new Error(`no JPEG in ${photosFolder}`);
  const work = path.join(tmpdir(), "dulcevicio-bench-pdf");
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });

  const sizes = await Promise.all(photos.map(async (photo) => (await stat(photo)).size));
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  const source = given ? `from ${photosFolder}` : `generated, 4032×3024, every ${PORTRAIT_EVERY}th with EXIF orientation 6`;
  console.log(`\n${photos.length} photos ${source}: ${(totalBytes / MB).toFixed(1)} MB (${(totalBytes / photos.length / MB).toFixed(2)} MB each)`);
  console.log(
    `${availableParallelism()} CPUs, node ${process.version}; phases with MALLOC_ARENA_MAX=${arenas || "(glibc default)"}; ${atATime} photos at a time; ${RUNS} runs each\n`,
  );

  const bundles = await bundle(work);
  const results = new Map<Phase, Measured>();
  // cold first: it leaves the normalized images that incremental and assembly read.
  for (const phase of PHASES) {
    if (only && !only.includes(phase) && !(phase === "cold" && only.some((name) => name === "incremental" || name === "assembly"))) continue;
    results.set(phase, (await repeated(() => measurePhase({ phase, bundles, photosFolder, work, atATime, env })))!);
  }
  const img2pdf = only ? undefined : await repeated(() => measureImg2pdf(photos, work));
  report(results, img2pdf, atATime);
  console.log(`\noutput in ${work}`);
}

function report(results: Map<Phase, Measured>, img2pdf: Measured | undefined, atATime: number): void {
  const seconds = (value: number | undefined) => (value === undefined ? "-" : value.toFixed(2)).padStart(10);
  const megabytes = (value: number | undefined) => (value === undefined ? "-" : (value / MB).toFixed(1)).padStart(9);
  const row = (name: string, measured: Measured) =>
    `${name.padEnd(50)}${seconds(measured.workSeconds)}${seconds(measured.warmSeconds)}${seconds(measured.processSeconds)}${`${measured.lowestPeakRssMb?.toFixed(0)}–${measured.peakRssMb.toFixed(0)}`.padStart(13)}${megabytes(measured.pdfBytes)}`;
  const names: Record<Phase, string> = {
    cold: "(a) cold: normalize all + assemble",
    incremental: "(b) incremental: normalize 1 + assemble all",
    assembly: "(c) assembly alone (the rebuild Lambda)",
    upload: `(e) one upload batch: normalize ${atATime} at once`,
    decode: "(f) decode all as the pipeline does (the floor)",
    idle: "    baseline: node + both bundles loaded",
  };
  console.log(`${"phase".padEnd(50)}${"work s".padStart(10)}${"warm s".padStart(10)}${"process s".padStart(10)}${"peak RSS MB".padStart(13)}${"PDF MB".padStart(9)}`);
  for (const [phase, measured] of results) {
    if (phase === "upload") console.log(img2pdf ? row("(d) img2pdf on the originals", img2pdf) : "(d) img2pdf: not run (with --only, or not on PATH: apt-get install img2pdf)");
    console.log(row(names[phase], measured));
  }

  console.log("\nwhere the work time goes (s):");
  for (const [phase, measured] of results) {
    if (phase !== "idle") console.log(`  ${names[phase].slice(0, 3)} ${Object.entries(measured.steps ?? {}).map(([step, value]) => `${step} ${value.toFixed(2)}`).join(" · ")}`);
  }
  console.log(
    [
      "",
      "work s: inside a fresh process (plain node, the Lambda bundles), from loading the bundles to the PDF on disk,",
      "  reading the inputs included. warm s: the same work again in that process (a warm Lambda).",
      "  process s: spawn to exit of the fresh process (adds node's or python's start-up, and the warm run for ours).",
      `peak RSS: high-water mark of that one process (VmHWM; img2pdf's through getrusage), lowest–highest of ${RUNS} runs;`,
      "  times are medians. (b) and (c) read the normalized JPEGs from disk as the rebuild reads them from S3.",
    ].join("\n"),
  );

  const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
  const cold = results.get("cold");
  const incremental = results.get("incremental");
  console.log("\ntargets (times: our work in a fresh process, then warm, against img2pdf's whole run):");
  if (img2pdf) {
    const against = (ours: Measured, limit: number) => {
      const [fresh, warm] = [ours.workSeconds! / img2pdf.processSeconds, ours.warmSeconds! / img2pdf.processSeconds];
      return `${verdict(fresh <= limit)}  ≤ ${limit}× img2pdf: ${ours.workSeconds!.toFixed(2)} s / ${img2pdf.processSeconds.toFixed(2)} s = ${fresh.toFixed(2)}× (warm: ${ours.warmSeconds!.toFixed(2)} s = ${warm.toFixed(2)}×, ${verdict(warm <= limit)})`;
    };
    if (cold) console.log(`  cold time        ${against(cold, TARGETS.coldTime)}`);
    if (incremental) console.log(`  incremental time ${against(incremental, TARGETS.incrementalTime)}`);
    if (cold) {
      const sizeRatio = cold.pdfBytes! / img2pdf.pdfBytes!;
      console.log(`  PDF size         ${verdict(sizeRatio <= TARGETS.size)}  ≤ ${TARGETS.size}× img2pdf: ${(cold.pdfBytes! / MB).toFixed(1)} MB / ${(img2pdf.pdfBytes! / MB).toFixed(1)} MB = ${sizeRatio.toFixed(3)}×`);
    }
  }
  if (cold) console.log(`  cold RSS         ${verdict(cold.peakRssMb <= TARGETS.coldRssMb)}  ≤ ${TARGETS.coldRssMb} MB: highest peak ${cold.peakRssMb.toFixed(0)} MB`);
  if (incremental) console.log(`  incremental RSS  ${verdict(incremental.peakRssMb <= TARGETS.incrementalRssMb)}  ≤ ${TARGETS.incrementalRssMb} MB: highest peak ${incremental.peakRssMb.toFixed(0)} MB`);

  const decode = results.get("decode");
  const upload = results.get("upload");
  const assembly = results.get("assembly");
  if (decode && img2pdf) {
    const floor = decode.steps!.decode!;
    console.log(`\nfloor: decoding the ${PHOTOS} photos alone (${atATime} at a time) takes ${floor.toFixed(2)} s = ${(floor / img2pdf.processSeconds).toFixed(2)}× img2pdf's whole run`);
  }
  if (upload && assembly) {
    console.log(
      `as production runs it (uploads normalized by parallel Lambdas, ${atATime} per invocation; the rebuild only assembles): ` +
        `an upload batch ${upload.workSeconds!.toFixed(2)} s (${upload.peakRssMb.toFixed(0)} MB), then the rebuild ${assembly.workSeconds!.toFixed(2)} s (${assembly.peakRssMb.toFixed(0)} MB)`,
    );
  }
}

await main(process.argv.slice(2));
