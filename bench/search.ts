/**
 * `npm run bench:search`: the search index (core/search/) at the catalogue size docs/search.md promises, on this
 * machine, in-process (no DynamoDB or S3: those costs are one Query per course at build time and one GetObject per
 * load, outside these figures).
 *
 *   1. Build: BENCH_COURSES (1,000) courses with BENCH_LESSONS (10) lessons and BENCH_RECIPES (20) recipes each
 *      (20,000 recipes), synthetic Spanish-like text from a fixed seed (titles, descriptions, tags, recipe text of
 *      60-140 words with accents, ñ, numbers, units and ½), indexed as the consumer does (`withCourses`), then
 *      serialized: build time and serialized size; then one course refreshed in that whole index (the consumer's work per edit).
 *   2. Load, in a fresh child process (as a cold search function): reading the file and `SearchEngine.parse`, the
 *      module import apart; heap used and RSS after load (after a GC).
 *   3. Queries, warm in that child: BENCH_QUERIES (300) queries of 1-3 words, half from the common pastry words, half
 *      Zipf-drawn like the text, a third with a typo, each `engine.search` plus the snippets of the first 20 hits; p50, p99, max.
 *      The index keeps no long text: the snippets' text, which the function reads with one BatchGetItem per page, is
 *      generated again in the child (after its memory is measured) and that round trip is not in these figures.
 *
 * Budgets (issue 15): query p99 <= 20 ms warm, load <= 300 ms. Prints the figures and `uptime`; nothing is asserted.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { IndexedDoc } from "../core/search/documents";
import { seededRandom as random } from "../test/support/seeded-random";

const COURSES = Number(process.env.BENCH_COURSES ?? 1000);
const LESSONS = Number(process.env.BENCH_LESSONS ?? 10);
const RECIPES = Number(process.env.BENCH_RECIPES ?? 20);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);

const VOCABULARY = (
  "harina azúcar mantequilla huevos leche nata crema chocolate cacao vainilla canela limón naranja fresas frambuesas " +
  "almendras avellanas nueces piñones miel levadura masa madre hojaldre bizcocho tarta galletas magdalenas croissant " +
  "brioche turrón mazapán flan natillas merengue caramelo praliné ganache glaseado horno temperatura grados minutos " +
  "batir mezclar amasar hornear reposar enfriar tamizar fundir montar incorporar extender rellenar decorar dorado " +
  "esponjoso crujiente cremoso suave tostado salado dulce añejo pequeño castaña calabaza yogur queso mascarpone café " +
  "té jengibre anís coco plátano manzana pera albaricoque cereza ciruela higo dátil sésamo pistacho crème brûlée"
).split(" ");
// Real text has a long tail: the pastry words above are the most frequent ones, followed by BENCH_VOCABULARY
// (20,000) generated Spanish-like words; words are drawn Zipf-like (rank ~ r^3), so common words match thousands of
// documents and rare ones a few, as in a real catalogue.
const SYLLABLES = "ba be bi bo bu ca co cu da de di do fa fe fi fo ga go gu la le li lo lu ma me mi mo mu na ne ni no ña ño pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi za zo cha che chi cho lla lle llo rra rre".split(" ");
const LONG_TAIL = Number(process.env.BENCH_VOCABULARY ?? 20000);
const TAGS = ["chocolate", "francesa", "sin-gluten", "vegana", "navidad", "panaderia", "basico", "avanzado", "frutas", "galletas"];

const next = random(15);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
const generated = Array.from({ length: LONG_TAIL }, () => Array.from({ length: 2 + Math.floor(next() * 3) }, () => pick(SYLLABLES)).join("") + pick(["", "s", "ado", "ón", "ita"]));
const WORDS = [...VOCABULARY, ...generated];
const word = (): string => WORDS[Math.floor(WORDS.length * next() ** 3)]!;
const sentence = (count: number): string =>
  Array.from({ length: count }, (_, index) => (index % 9 === 4 ? `${Math.ceil(next() * 500)} ${pick(["g", "ml", "cucharadas", "½ taza"])}` : word())).join(" ");

/** An id as long as the API's (26-character ULIDs), so that the index's size is a real one. */
const idOf = (prefix: string, ...numbers: number[]): string => `${prefix}${numbers.join("-")}-`.padEnd(26, "0");

function catalogue(): IndexedDoc[] {
  const docs: IndexedDoc[] = [];
  for (let course = 0; course < COURSES; course++) {
    const courseId = idOf("C", course);
    const title = sentence(4);
    docs.push({ kind: "course", key: `course:${courseId}`, id: courseId, course_id: courseId, title, is_active: true, text: { title, description: sentence(30), tags: [pick(TAGS), pick(TAGS)].join(" ") } });
    for (let lesson = 0; lesson < LESSONS; lesson++) {
      const id = idOf("L", course, lesson);
      const title = sentence(5);
      docs.push({ kind: "lesson", key: `lesson:${id}`, id, course_id: courseId, title, is_active: true, is_preview: lesson === 0, text: { title, description: sentence(25) } });
    }
    for (let recipe = 0; recipe < RECIPES; recipe++) {
      const id = idOf("R", course, recipe);
      const title = sentence(4);
      docs.push({ kind: "recipe", key: `recipe:${id}`, id, course_id: courseId, title, is_active: true, pdf_page: recipe + 2, text: { title, description: sentence(12), recipe_text: sentence(60 + Math.floor(next() * 80)) } });
    }
  }
  return docs;
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (value: number): string => `${value.toFixed(2)} ms`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The child: a fresh process that loads the index and queries it warm. */
async function child(file: string): Promise<void> {
  const importStart = performance.now();
  const { SearchEngine } = await import("../core/search/engine");
  const { snippetOf } = await import("../core/search/snippet");
  const importMs = performance.now() - importStart;
  const loadStart = performance.now();
  const engine = SearchEngine.parse(readFileSync(file));
  const loadMs = performance.now() - loadStart;
  globalThis.gc?.();
  const memory = process.memoryUsage();
  const queries = Array.from({ length: QUERIES }, (_, index) => {
    const words = Array.from({ length: 1 + (index % 3) }, () => (index % 2 ? pick(VOCABULARY) : word()));
    if (index % 3 === 0) words[0] = `${words[0]!.slice(0, 2)}x${words[0]!.slice(3)}`; // a typo
    return words.join(" ");
  });
  // The text a page's snippets are cut from, which the search function reads from DynamoDB (one BatchGetItem, not
  // timed here): the same catalogue, generated again after the memory was measured.
  const texts = new Map(catalogue().map((doc) => [doc.key, doc.text]));
  for (const query of queries.slice(0, 20)) engine.search(query); // warm the JIT, as a few requests would
  const times: number[] = [];
  let hits = 0;
  for (const query of queries) {
    const start = performance.now();
    const results = engine.search(query);
    // As GET /api/search takes a page: the first hits only (20 here), the rest never leave the heap.
    let taken = 0;
    for (const hit of results) {
      if (++taken > 20) break;
      const text = texts.get(hit.doc.key)!;
      const field = Object.keys(text).find((name) => name !== "title") ?? "title";
      snippetOf(field, text[field] ?? "", new Set(Object.keys(hit.match)));
    }
    times.push(performance.now() - start);
    hits += results.count;
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ importMs, loadMs, heapUsed: memory.heapUsed, rss: memory.rss, documents: engine.size, p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: times.at(-1), meanHits: hits / queries.length }));
}

async function main(): Promise<void> {
  const { SearchEngine } = await import("../core/search/engine");
  const docs = catalogue();
  const buildStart = performance.now();
  const engine = SearchEngine.empty().withCourses(
    docs.filter((doc) => doc.kind === "course").map((doc) => doc.id),
    docs,
  );
  const bytes = engine.serialize(1);
  const buildMs = performance.now() - buildStart;
  // What the consumer does on an edit: one course's documents replaced in the whole index, which is then written.
  const firstCourse = docs[0]!.course_id;
  const refreshStart = performance.now();
  engine.withCourses([firstCourse], docs.filter((doc) => doc.course_id === firstCourse)).serialize(2);
  const refreshMs = performance.now() - refreshStart;
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-search-"));
  const file = path.join(dir, "index.bin");
  writeFileSync(file, bytes);
  const gzipped = execFileSync("gzip", ["-c", file], { maxBuffer: 1 << 30 }).length;
  const self = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, [...process.execArgv, "--expose-gc", self, "--child", file], { encoding: "utf8", env: process.env });
  rmSync(dir, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(run.stderr);
  const measured = JSON.parse(run.stdout.trim().split("\n").at(-1)!);

  console.log(`search index bench: ${COURSES} courses, ${COURSES * LESSONS} lessons, ${COURSES * RECIPES} recipes (${docs.length} documents, ${WORDS.length} words Zipf-like, seed 15)`);
  console.log(`  build (index + serialize, one process)  ${ms(buildMs)}`);
  console.log(`  one course refreshed (+ serialize)      ${ms(refreshMs)}   (the consumer's work per edited course, S3 and DynamoDB apart)`);
  console.log(`  serialized size                         ${mb(bytes.length)} (gzip ${mb(gzipped)})`);
  console.log(`  load in a fresh process (read + parse)  ${ms(measured.loadMs)}   budget 300 ms   (module import apart: ${ms(measured.importMs)})`);
  console.log(`  after load                              heap used ${mb(measured.heapUsed)}, RSS ${mb(measured.rss)}`);
  console.log(`  ${QUERIES} warm queries (search + 20 snippets)  p50 ${ms(measured.p50)}  p99 ${ms(measured.p99)}  max ${ms(measured.max)}   budget p99 20 ms   (mean ${measured.meanHits.toFixed(0)} hits per query)`);
  console.log(`  machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}; uptime: ${execFileSync("uptime", { encoding: "utf8" }).trim()}`);
}

if (process.argv[2] === "--child") await child(process.argv[3]!);
else await main();
