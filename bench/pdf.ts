/**
 * The recipe PDF benchmark (`npm run bench:pdf`, or `npm run bench:pdf -- --photos <folder of JPEGs>` to use
 * real phone photos): time and memory to turn 50 phone photos into the course PDF, against img2pdf (which only
 * wraps the original JPEGs into a PDF: no orientation, no resizing, no stripping).
 *
 * Each phase runs in a fresh child process (this script again, with the phase as argument), so one phase's
 * peak memory cannot bleed into the next, on plain node as a Lambda runs it (see compileForNode). A child
 * reports its own peak RSS (VmHWM); img2pdf's is read by a tiny python3 parent through getrusage. Every phase
 * runs RUNS times: times are medians; peaks are shown lowest–highest and judged on the highest.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PHOTOS = 50;
/** Every 5th generated photo was taken in portrait: stored landscape with EXIF orientation 6, as phones do. */
const PORTRAIT_EVERY = 5;
/**
 * Images normalized at a time. sharp 0.34 on glibc runs each image on one libvips thread (it sets its
 * concurrency to 1), so two at a time keep both cores busy. Measured here for the 50 photos: 1 → 6.4 s,
 * 2 → 3.9 s, 3 → 3.8 s but ~30 MB more at peak, 4 → 4.0 s and ~70 MB more.
 */
const NORMALIZE_CONCURRENCY = 2;
/**
 * glibc gives threads that allocate their own malloc arenas and rarely hands that memory back: normalizing the
 * 50 photos peaked at ~440 MB with the default and ~315 MB with 2 arenas, at the same speed (measured). The
 * media Lambdas need the same variable. The phases get 2 unless you set your own (empty = glibc's default).
 */
const MALLOC_ARENA_MAX = process.env.MALLOC_ARENA_MAX ?? "2";
/** Index of the photo that changed in the incremental rebuild. */
const CHANGED = 17;
const RUNS = 3;
/** Bump when photoLikeJpeg changes, so a cached set is regenerated. */
const PHOTO_SET = "v2";

const MB = 1024 * 1024;
const TARGETS = { coldTime: 5, incrementalTime: 0.8, coldRssMb: 400, incrementalRssMb: 200, size: 0.25 };

type Phase = "cold" | "incremental" | "assembly" | "idle";
interface Measured {
  /** In the child, from importing the engine to the PDF on disk: the sum of `steps`. */
  workSeconds?: number;
  /** The same work once more in the same process. */
  warmSeconds?: number;
  steps?: Record<string, number>;
  /** From spawning the child to its exit: adds the runtime's start-up. */
  processSeconds: number;
  peakRssMb: number;
  /** The lowest peak over the runs (the highest is `peakRssMb`): GC timing moves a peak by 10-20 MB. */
  lowestPeakRssMb?: number;
  pdfBytes?: number;
}

const here = fileURLToPath(import.meta.url);

/** The photos of a run: the first 50 JPEGs of the folder, by name. */
async function listPhotos(folder: string): Promise<string[]> {
  const names = (await readdir(folder)).filter((name) => /\.jpe?g$/i.test(name)).sort();
  return names.slice(0, PHOTOS).map((name) => path.join(folder, name));
}

// ---------------------------------------------------------------------------------------------------------------
// Phases (each in its own process)

async function runPhase(phase: Phase, photosFolder: string, work: string): Promise<void> {
  const steps: Record<string, number> = {};
  const step = async <T>(name: string, task: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await task();
    } finally {
      steps[name] = (steps[name] ?? 0) + (performance.now() - started) / 1000;
    }
  };

  // Imported inside the timing: a cold Lambda pays for loading sharp and pdf-lib too.
  const { normalizeRecipeImage, buildRecipePdf } = await step("load", async () => ({ ...(await import("../core/media/normalize")), ...(await import("../core/media/pdf")) }));
  type Page = Parameters<typeof buildRecipePdf>[0]["pages"][number];
  const photos = await listPhotos(photosFolder);
  const text = (index: number) => ({ title: `Receta ${index + 1}`, description: "Ingredientes y pasos de la receta, con sus tiempos y temperaturas." });
  const normalizedFile = (index: number) => path.join(work, "normalized", `${index}.jpg`);

  const normalizeOriginal = async (index: number): Promise<Page> => ({ ...text(index), ...(await normalizeRecipeImage(await readFile(photos[index]!))) });
  // The rebuild reads normalized images from storage (S3 in production, files here), not from memory.
  const readNormalized = async (index: number): Promise<Page> => {
    const size = JSON.parse(await readFile(`${normalizedFile(index)}.json`, "utf8")) as { width: number; height: number };
    return { ...text(index), jpeg: await readFile(normalizedFile(index)), ...size };
  };
  const assemble = async (pages: Page[]) => {
    const { pdf } = await step("build", () => buildRecipePdf({ courseTitle: "Pastelería de temporada: tartas, cremas y masas", pages }));
    await step("write", () => writeFile(path.join(work, `${phase}.pdf`), pdf));
    return pdf.byteLength;
  };

  const changed = Math.min(CHANGED, photos.length - 1);
  const once = async (): Promise<{ pages: Page[]; pdfBytes?: number }> => {
    if (phase === "cold") {
      const pages = await step("normalize", () => mapLimited(photos.length, NORMALIZE_CONCURRENCY, normalizeOriginal));
      return { pages, pdfBytes: await assemble(pages) };
    }
    if (phase === "incremental") {
      const fresh = await step("normalize", () => normalizeOriginal(changed));
      const pages = await step("read", () => mapLimited(photos.length, 8, (index) => (index === changed ? Promise.resolve(fresh) : readNormalized(index))));
      return { pages, pdfBytes: await assemble(pages) };
    }
    if (phase === "assembly") return { pages: [], pdfBytes: await assemble(await step("read", () => mapLimited(photos.length, 8, readNormalized))) };
    return { pages: [] };
  };

  const { pages, pdfBytes } = await once();
  const firstSteps = { ...steps };
  const workSeconds = Object.values(firstSteps).reduce((sum, seconds) => sum + seconds, 0);
  const peak = peakRssMb(); // of the first run only: the warm run below must not raise it

  if (phase === "cold") {
    // Untimed: the normalized images the next phases start from (what S3 holds after the uploads).
    await mkdir(path.join(work, "normalized"), { recursive: true });
    for (const [index, page] of pages.entries()) {
      await writeFile(normalizedFile(index), page.jpeg);
      await writeFile(`${normalizedFile(index)}.json`, JSON.stringify({ width: page.width, height: page.height }));
    }
  }
  // The same work again in this process: what a warm Lambda spends (modules loaded, code optimized).
  const warmStarted = performance.now();
  await once();
  const warmSeconds = (performance.now() - warmStarted) / 1000;
  console.log(`RESULT ${JSON.stringify({ workSeconds, warmSeconds, steps: firstSteps, peakRssMb: peak, pdfBytes })}`);
}

/**
 * This process's peak RSS: VmHWM, the high-water mark of its own memory. Not getrusage's ru_maxrss: Linux
 * carries the parent's RSS at fork() into the child's ru_maxrss across exec (measured: every child reported
 * the orchestrator's 750 MB). The python3 parent of img2pdf is small, so there it does not matter.
 */
function peakRssMb(): number {
  const status = existsSync("/proc/self/status") ? readFileSync("/proc/self/status", "utf8") : "";
  const kilobytes = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  if (!kilobytes) throw new Error("peak RSS needs Linux's /proc/self/status (VmHWM)");
  return Number(kilobytes) / 1024;
}

async function mapLimited<R>(count: number, limit: number, task: (index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await task(index);
      }
    }),
  );
  return results;
}

// ---------------------------------------------------------------------------------------------------------------
// Orchestration

async function measurePhase(script: string, phase: Phase, photosFolder: string, work: string): Promise<Measured> {
  const started = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    const { MALLOC_ARENA_MAX: _inherited, ...env } = process.env;
    const child = spawn(process.execPath, [script, phase, photosFolder, work], {
      stdio: ["ignore", "pipe", "inherit"],
      env: MALLOC_ARENA_MAX ? { ...env, MALLOC_ARENA_MAX } : env,
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`phase ${phase} exited with ${code}`))));
  });
  const processSeconds = (performance.now() - started) / 1000;
  const line = output.split("\n").find((row) => row.startsWith("RESULT "));
  if (!line) throw new Error(`phase ${phase} printed no result`);
  return { ...(JSON.parse(line.slice("RESULT ".length)) as Omit<Measured, "processSeconds">), processSeconds };
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
    processSeconds: median(runs.map((measured) => measured.processSeconds)),
    peakRssMb: Math.max(...runs.map((measured) => measured.peakRssMb)),
    lowestPeakRssMb: Math.min(...runs.map((measured) => measured.peakRssMb)),
  };
}

/**
 * The phases run on plain node, as in a Lambda: under tsx, its loader thread adds ~30 MB and every CommonJS
 * file of pdf-lib goes through its hooks (~0.3 s). TypeScript's transpiler (no type check, no bundling) writes
 * this script and every module it imports as .mjs into the work folder, beside a link to node_modules.
 */
async function compileForNode(work: string): Promise<string> {
  const { default: ts } = await import("typescript");
  const projectRoot = path.resolve(path.dirname(here), "..");
  const out = path.join(work, "js");
  const pending = [here];
  const done = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (done.has(file)) continue;
    done.add(file);
    const source = await readFile(file, "utf8");
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    const relativeImport = /(from |import\()"(\.{1,2}\/[^"]+)"/g;
    for (const [, , specifier] of outputText.matchAll(relativeImport)) pending.push(path.resolve(path.dirname(file), `${specifier}.ts`));
    const target = path.join(out, path.relative(projectRoot, file)).replace(/\.ts$/, ".mjs");
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, outputText.replace(relativeImport, '$1"$2.mjs"'));
  }
  await symlink(path.join(projectRoot, "node_modules"), path.join(out, "node_modules"), "dir");
  return path.join(out, path.relative(projectRoot, here)).replace(/\.ts$/, ".mjs");
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

/** 50 phone-like photos, generated once into a cache folder (slow, and not what is measured). */
async function generatedPhotos(): Promise<string> {
  const folder = path.join(tmpdir(), `dulcevicio-bench-photos-${PHOTO_SET}`);
  await mkdir(folder, { recursive: true });
  const name = (index: number) => path.join(folder, `photo-${String(index + 1).padStart(2, "0")}.jpg`);
  const missing = Array.from({ length: PHOTOS }, (_, index) => index).filter((index) => !existsSync(name(index)));
  if (missing.length === 0) return folder;

  console.log(`generating ${missing.length} phone-like 4032×3024 JPEGs in ${folder} (once)...`);
  const { photoLikeJpeg } = await import("../test/media/fixtures");
  await mapLimited(missing.length, availableParallelism(), async (position) => {
    const index = missing[position]!;
    const portrait = (index + 1) % PORTRAIT_EVERY === 0;
    const photo = await photoLikeJpeg({ width: 4032, height: 3024, seed: 1000 + index, orientation: portrait ? 6 : undefined });
    // Written aside and renamed: an interrupted run never leaves half a photo for the next run to reuse.
    await writeFile(`${name(index)}.partial`, photo);
    await rename(`${name(index)}.partial`, name(index));
  });
  return folder;
}

async function main(args: string[]): Promise<void> {
  const given = args[0] === "--photos" ? args[1] : undefined;
  const photosFolder = given ? path.resolve(given) : await generatedPhotos();
  const photos = await listPhotos(photosFolder);
  if (photos.length === 0) throw new Error(`no JPEG in ${photosFolder}`);
  const work = path.join(tmpdir(), "dulcevicio-bench-pdf");
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });

  const sizes = await Promise.all(photos.map(async (photo) => (await stat(photo)).size));
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  const source = given ? `from ${photosFolder}` : `generated, 4032×3024, every ${PORTRAIT_EVERY}th with EXIF orientation 6`;
  console.log(`\n${photos.length} photos ${source}: ${(totalBytes / MB).toFixed(1)} MB (${(totalBytes / photos.length / MB).toFixed(2)} MB each)`);
  console.log(`${availableParallelism()} CPUs, node ${process.version}, MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX || "(glibc default)"} in the phases; normalizing ${NORMALIZE_CONCURRENCY} at a time; ${RUNS} runs each\n`);

  const script = await compileForNode(work);
  const phase = (name: Phase) => repeated(() => measurePhase(script, name, photosFolder, work)) as Promise<Measured>;
  const idle = await phase("idle");
  const cold = await phase("cold");
  const incremental = await phase("incremental");
  const assembly = await phase("assembly");
  const img2pdf = await repeated(() => measureImg2pdf(photos, work));

  const seconds = (value: number | undefined) => (value === undefined ? "-" : value.toFixed(2)).padStart(10);
  const megabytes = (value: number | undefined) => (value === undefined ? "-" : (value / MB).toFixed(1)).padStart(9);
  const row = (name: string, measured: Measured) =>
    `${name.padEnd(46)}${seconds(measured.workSeconds)}${seconds(measured.warmSeconds)}${seconds(measured.processSeconds)}${`${measured.lowestPeakRssMb?.toFixed(0)}–${measured.peakRssMb.toFixed(0)}`.padStart(13)}${megabytes(measured.pdfBytes)}`;
  const ours: Array<[string, Measured]> = [
    ["(a) cold: normalize all + assemble", cold],
    ["(b) incremental: normalize 1 + assemble all", incremental],
    ["(c) assembly alone (normalized, from disk)", assembly],
  ];
  console.log(`${"phase".padEnd(46)}${"work s".padStart(10)}${"warm s".padStart(10)}${"process s".padStart(10)}${"peak RSS MB".padStart(13)}${"PDF MB".padStart(9)}`);
  for (const [name, measured] of ours) console.log(row(name, measured));
  console.log(img2pdf ? row("(d) img2pdf on the originals", img2pdf) : "(d) img2pdf: not on PATH (Debian: apt-get install img2pdf); its comparisons are skipped");
  console.log(row("    baseline: node + sharp + pdf-lib loaded", idle));

  console.log("\nwhere the work time goes (s):");
  for (const [name, measured] of ours) {
    console.log(`  ${name.slice(0, 3)} ${Object.entries(measured.steps ?? {}).map(([step, value]) => `${step} ${value.toFixed(2)}`).join(" · ")}`);
  }
  console.log(
    [
      "",
      "work s: inside a fresh child (plain node, the engine transpiled to JS), from importing sharp and pdf-lib to",
      "  the PDF on disk, reading the inputs included. warm s: the same work again in that process (a warm Lambda).",
      "  process s: spawn to exit of the fresh child (adds node's or python's start-up, and the warm run for ours).",
      `peak RSS: high-water mark of that one process (VmHWM; img2pdf's through getrusage), lowest–highest of ${RUNS} runs;`,
      `  times are medians. (b) and (c) read the normalized JPEGs from disk as the rebuild reads them from S3.`,
    ].join("\n"),
  );

  console.log("\ntargets (times: our work in a fresh process, then warm, against img2pdf's whole run):");
  const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
  if (img2pdf) {
    const against = (ours: Measured, limit: number) => {
      const [fresh, warm] = [ours.workSeconds! / img2pdf.processSeconds, ours.warmSeconds! / img2pdf.processSeconds];
      return `${verdict(fresh <= limit)}  ≤ ${limit}× img2pdf: ${ours.workSeconds!.toFixed(2)} s / ${img2pdf.processSeconds.toFixed(2)} s = ${fresh.toFixed(2)}× (warm: ${ours.warmSeconds!.toFixed(2)} s = ${warm.toFixed(2)}×, ${verdict(warm <= limit)})`;
    };
    const sizeRatio = cold.pdfBytes! / img2pdf.pdfBytes!;
    console.log(`  cold time        ${against(cold, TARGETS.coldTime)}`);
    console.log(`  incremental time ${against(incremental, TARGETS.incrementalTime)}`);
    console.log(`  PDF size         ${verdict(sizeRatio <= TARGETS.size)}  ≤ ${TARGETS.size}× img2pdf: ${(cold.pdfBytes! / MB).toFixed(1)} MB / ${(img2pdf.pdfBytes! / MB).toFixed(1)} MB = ${sizeRatio.toFixed(3)}×`);
  }
  console.log(`  cold RSS         ${verdict(cold.peakRssMb <= TARGETS.coldRssMb)}  ≤ ${TARGETS.coldRssMb} MB: highest peak ${cold.peakRssMb.toFixed(0)} MB`);
  console.log(`  incremental RSS  ${verdict(incremental.peakRssMb <= TARGETS.incrementalRssMb)}  ≤ ${TARGETS.incrementalRssMb} MB: highest peak ${incremental.peakRssMb.toFixed(0)} MB`);
  console.log(`\noutput in ${work}`);
}

const [phase, ...rest] = process.argv.slice(2);
if (phase === "cold" || phase === "incremental" || phase === "assembly" || phase === "idle") {
  await runPhase(phase, rest[0]!, rest[1]!);
} else {
  await main(process.argv.slice(2));
}
