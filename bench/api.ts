/**
 * `npm run bench:api`: mixed student traffic against a running `npm run dev` (loopback), for a bounded time.
 *
 *   npm run dev            # in one terminal
 *   npm run bench:api      # in another; BENCH_URL, BENCH_SECONDS, BENCH_USERS, DEV_ADMIN_EMAIL/PASSWORD to change
 *
 * It seeds one course (6 lessons, 6 recipes) and BENCH_USERS enrolled students through the API, then each student
 * loops over what a learner does: open the course page, list the lessons, save the video position (often), mark
 * a lesson done (sometimes), read the forum, post a comment (rarely). Prints requests/s, p50/p99 per route,
 * errors (target 0) and the DynamoDB requests each route made, from the local gateway's meter header.
 */
import os from "node:os";

const BASE = process.env.BENCH_URL ?? "http://localhost:3000";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const USERS = Number(process.env.BENCH_USERS ?? 16);
const ADMIN = { email: process.env.DEV_ADMIN_EMAIL ?? "admin@dulcevicio.local", password: process.env.DEV_ADMIN_PASSWORD ?? "dulcevicio-admin" };

interface Sample {
  route: string;
  ms: number;
  status: number;
  dynamo: number;
}
const samples: Sample[] = [];

async function call(route: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of any shape
  const started = performance.now();
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  samples.push({ route, ms: performance.now() - started, status: response.status, dynamo: Number(response.headers.get("x-dev-dynamodb-requests") ?? Number.NaN) });
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function must(route: string, method: string, path: string, token?: string, body?: unknown) {
  const response = await call(route, method, path, token, body);
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function seed(): Promise<{ courseId: string; lessons: string[]; tokens: string[] }> {
  const admin = (await must("seed", "POST", "/api/auth/login", undefined, ADMIN)).access_token as string;
  const courseId = (await must("seed", "POST", "/api/courses", admin, { title: `Bench ${new Date().toISOString()}`, description: "load" })).id as string;
  const lessons: string[] = [];
  for (let n = 1; n <= 6; n += 1) {
    lessons.push((await must("seed", "POST", `/api/courses/${courseId}/lessons`, admin, { title: `Lección ${n}`, order: n })).id);
    await must("seed", "POST", `/api/courses/${courseId}/recipes`, admin, { title: `Receta ${n}`, order: n });
  }
  const tokens = await Promise.all(
    Array.from({ length: USERS }, async (_, n) => {
      const email = `bench-${Date.now()}-${n}@example.com`;
      const password = `bench password ${n} ${Date.now()}`;
      const user = await must("seed", "POST", "/api/users", admin, { email, password, full_name: `Bench ${n}` });
      await must("seed", "POST", "/api/enrollments", admin, { user_id: user.id, course_id: courseId });
      return (await must("seed", "POST", "/api/auth/login", undefined, { email, password })).access_token as string;
    }),
  );
  return { courseId, lessons, tokens };
}

async function learner(token: string, courseId: string, lessons: string[], until: number, random: () => number): Promise<void> {
  while (Date.now() < until) {
    const lesson = lessons[Math.floor(random() * lessons.length)]!;
    const roll = random();
    if (roll < 0.2) await call("GET /api/courses/{id}", "GET", `/api/courses/${courseId}`, token);
    else if (roll < 0.35) await call("GET /api/courses/{id}/lessons", "GET", `/api/courses/${courseId}/lessons`, token);
    else if (roll < 0.7) await call("POST /api/lessons/{id}/progress", "POST", `/api/lessons/${lesson}/progress`, token, { last_watched_position: Math.floor(random() * 600) });
    else if (roll < 0.8) await call("PUT /api/lessons/{id}/complete", "PUT", `/api/lessons/${lesson}/complete`, token, { completed: random() < 0.8 });
    else if (roll < 0.97) await call("GET /api/courses/{id}/comments", "GET", `/api/courses/${courseId}/comments?limit=20`, token);
    else await call("POST /api/courses/{id}/comments", "POST", `/api/courses/${courseId}/comments`, token, { content: "¿Alguien probó con mantequilla salada?" });
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function main(): Promise<void> {
  const health = await fetch(`${BASE}/api/health`).catch(() => undefined);
  if (!health?.ok) throw new Error(`No API at ${BASE}: start it with 'npm run dev' first.`);
  console.log(`Seeding ${USERS} students and one course at ${BASE} ...`);
  const { courseId, lessons, tokens } = await seed();
  samples.length = 0;

  let state = 0x2f6b_1d3a;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
  const started = Date.now();
  await Promise.all(tokens.map((token) => learner(token, courseId, lessons, started + SECONDS * 1000, random)));
  const elapsed = (Date.now() - started) / 1000;

  const routes = [...new Set(samples.map((sample) => sample.route))].sort();
  const rows = routes.map((route) => {
    const mine = samples.filter((sample) => sample.route === route);
    const times = mine.map((sample) => sample.ms).sort((a, b) => a - b);
    const dynamo = [...new Set(mine.map((sample) => sample.dynamo))].sort((a, b) => a - b);
    return {
      route,
      requests: mine.length,
      "p50 ms": Number(percentile(times, 50).toFixed(1)),
      "p99 ms": Number(percentile(times, 99).toFixed(1)),
      errors: mine.filter((sample) => sample.status >= 400).length,
      "DynamoDB requests": dynamo.length === 1 ? String(dynamo[0]) : `${dynamo[0]}–${dynamo.at(-1)}`,
    };
  });
  const all = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const errors = samples.filter((sample) => sample.status >= 400);
  console.table(rows);
  console.log(
    `${samples.length} requests in ${elapsed.toFixed(1)} s = ${(samples.length / elapsed).toFixed(0)} req/s; ` +
      `p50 ${percentile(all, 50).toFixed(1)} ms, p99 ${percentile(all, 99).toFixed(1)} ms; errors ${errors.length}` +
      (errors.length > 0 ? ` (${[...new Set(errors.map((sample) => `${sample.route} ${sample.status}`))].join(", ")})` : ""),
  );
  console.log(
    `How: ${USERS} concurrent students in one Node ${process.version} process on loopback against npm run dev ` +
      `(DynamoDB Local + s3rver + the local gateway, same machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}), ${SECONDS} s after seeding.`,
  );
  if (errors.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
