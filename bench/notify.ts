/**
 * `npm run bench:notify`: the notifications pipeline on this machine, in one process, as `npm run dev` runs it: a
 * fresh DynamoDB Local, its table's stream read by the NotificationEvents consumer, the local Notifications queue
 * and its sender, the local SMTP server.
 *
 *   1. Stream to SMTP: BENCH_NOTIFICATIONS (1,000) enrollments written straight to the table, each an
 *      access-granted notice; the latency of each is from its write returning to its email being kept by the SMTP
 *      server. Written in a burst (the queue's backlog counts) and, for a second sample, paced at BENCH_PACED_RATE/s (BENCH_PACED of them, 60 at 2/s).
 *      DynamoDB requests per notification: every request of the consumers, counted on the app's DynamoDB client,
 *      divided by the notifications (the writes that caused them are left out).
 *   2. The daily access-ending job over BENCH_ENROLLMENTS (100,000) generated enrollments whose ends are spread over
 *      the next 365 days: its wall time, its Queries (gsi3) and the notices it asks for. The sending that follows is
 *      not part of it.
 *
 * Prints the figures, `uptime` and the machine; nothing is asserted.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { bucketCorsRule, DEFAULT_DEV_ORIGINS } from "../core/http/cors";
import { applyBindings, bucketNameFor, LOCAL_REGION } from "../dev/bindings";
import { DYNAMO_LOCAL_CREDENTIALS, startDynamoLocal } from "../dev/dynamodb";
import { startLocalMail } from "../dev/mail";
import { startS3Local } from "../dev/s3";
import { generateSecrets } from "../dev/secrets";
import { ensureTable } from "../dev/table";
import { startWorkers } from "../dev/workers";

const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS ?? 1000);
const PACED = Number(process.env.BENCH_PACED ?? 60);
const PACED_RATE = Number(process.env.BENCH_PACED_RATE ?? 2);
const ENROLLMENTS = Number(process.env.BENCH_ENROLLMENTS ?? 100_000);
const DAY = 86_400_000;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main(): Promise<void> {
  const s3Dir = await mkdtemp(path.join(os.tmpdir(), "dulcevicio-bench-notify-"));
  const dynamo = await startDynamoLocal({ port: 0 });
  const s3 = await startS3Local({ port: 0, directory: s3Dir, buckets: [{ name: bucketNameFor("bench"), cors: bucketCorsRule(DEFAULT_DEV_ORIGINS) }] });
  const mail = await startLocalMail({ smtpPort: 0 });
  const tableName = `bench-${randomUUID()}`;
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials: DYNAMO_LOCAL_CREDENTIALS });

  // Part 2's enrollments first, before the stream is read (LATEST): they are data for the job, not events to tell.
  // Until the workers start there is no queue: the bindings name a placeholder, replaced below.
  await ensureTable(client, tableName);
  const secrets = generateSecrets();
  const bind = (sqsEndpoint: string, queueUrls: Record<string, string>) =>
    applyBindings({
      stage: "bench",
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      sqsEndpoint,
      queueUrls,
      tableName,
      bucketName: bucketNameFor("bench"),
      ...secrets,
      smtpUrl: mail.smtpUrl,
      apiBaseUrl: "http://localhost:3000",
    });
  bind("http://127.0.0.1:9", {});
  process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";
  const { db } = await import("../core/db/service");
  const { dynamo: appDynamo } = await import("../core/db/client");
  const { newId } = await import("../core/ids");
  const { requestEndingNotices } = await import("../core/notifications/expiring");
  const { scheduledJobs } = await import("../core/consumers");
  const { createAdmin } = await import("../dev/admin");

  let dynamoRequests = 0;
  const jobContext = new AsyncLocalStorage<{ requests: number }>();
  appDynamo.middlewareStack.add(
    (next) => (args) => {
      dynamoRequests += 1;
      const job = jobContext.getStore();
      if (job) job.requests += 1;
      return next(args);
    },
    { step: "initialize", name: "benchRequestCounter" },
  );

  const now = Date.now();
  const granter = newId();
  console.log(`Generating ${ENROLLMENTS.toLocaleString("en")} enrollments for the expiry job…`);
  const generated = Date.now();
  const items = Array.from({ length: ENROLLMENTS }, (_, i) => ({
    enrollment_id: newId(),
    user_id: `bench-user-${i}`,
    course_id: `bench-course-${i % 50}`,
    enrolled_at: new Date(now).toISOString(),
    // Spread over the next year, a few with no end (not in gsi3).
    ...(i % 20 === 0 ? {} : { expires_at: new Date(now + ((i * 7919) % 365) * DAY + (i % 86_400) * 1000).toISOString() }),
    granted_by: granter,
    updated_at: new Date(now).toISOString(),
  }));
  const chunks: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 500) chunks.push(items.slice(i, i + 500));
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        const { unprocessed } = await db().entities.enrollment.put(chunk).go();
        if (unprocessed.length > 0) throw new Error(`${unprocessed.length} enrollments were not written`);
      }
    }),
  );
  console.log(`  written in ${((Date.now() - generated) / 1000).toFixed(1)} s`);
  const workers = await startWorkers({ s3: s3.server, sqsPort: 0, table: { endpoint: dynamo.endpoint, name: tableName }, streamStart: "LATEST", schedules: false });
  bind(workers.sqsEndpoint, workers.queueUrls);

  // ---- Part 1: stream to SMTP ----
  const admin = await createAdmin({ email: "bench-admin@dulcevicio.local", password: "a bench password", fullName: "Bench" });
  const course = newId();
  const stamp = new Date().toISOString();
  await db()
    .entities.course.create({ course_id: course, title: "Bench «Tartas»", description: "d", created_by: admin.user_id, created_at: stamp, updated_at: stamp })
    .go();
  const received = new Map<string, number>();
  mail.onReceived((message) => received.set(message.envelope.to[0]!, performance.now()));

  async function phase(label: string, count: number, ratePerSecond: number | undefined) {
    const users = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const user_id = newId();
        const email = `${label}-${i}-${user_id.toLowerCase()}@bench.local`;
        // Written straight to the table (no sign-in here, so no password hash to compute): the sender reads the user by id.
        await db().entities.user.create({ user_id, email, full_name: `Alumna ${i}`, password_hash: "unused", created_at: stamp, updated_at: stamp }).go();
        return { user_id, email };
      }),
    );
    await workers.settle(600_000);
    const before = dynamoRequests;
    const written = new Map<string, number>();
    const started = performance.now();
    const writes: Promise<void>[] = [];
    for (const [i, user] of users.entries()) {
      if (ratePerSecond) {
        const due = started + (i * 1000) / ratePerSecond;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      }
      writes.push(
        (async () => {
          const at = new Date().toISOString();
          await db().entities.enrollment.create({ enrollment_id: newId(), user_id: user.user_id, course_id: course, enrolled_at: at, granted_by: admin.user_id, updated_at: at }).go();
          written.set(user.email, performance.now());
        })(),
      );
      if (!ratePerSecond && writes.length % 25 === 0) await Promise.all(writes.slice(-25));
    }
    await Promise.all(writes);
    await workers.settle(900_000);
    const elapsed = performance.now() - started;
    const latencies = users.map((user) => received.get(user.email)! - written.get(user.email)!).sort((a, b) => a - b);
    const missing = users.filter((user) => !received.has(user.email)).length;
    const requests = (dynamoRequests - before - count) / count;
    console.log(
      `  ${label}: ${count} notifications${ratePerSecond ? ` written at ${ratePerSecond}/s` : " written in a burst"}: stream -> SMTP p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1)!)}; ${(count / (elapsed / 1000)).toFixed(1)} emails/s end to end; ${requests.toFixed(2)} DynamoDB requests per notification; ${missing} missing`,
    );
  }

  console.log("Stream to SMTP (one process: DynamoDB Local stream -> NotificationEvents -> Notifications queue -> sender -> SMTP):");
  await phase("burst", NOTIFICATIONS, undefined);
  await phase("paced", PACED, PACED_RATE);

  // ---- Part 2: the daily job ----
  const job = scheduledJobs.find((row) => row.name === "AccessEnding")!;
  const counted = { requests: 0 };
  const jobStarted = performance.now();
  const run = await jobContext.run(counted, () => requestEndingNotices(job.schedule, new Date(now + DAY)));
  const jobMs = performance.now() - jobStarted;
  console.log(
    `Daily access-ending job over ${ENROLLMENTS.toLocaleString("en")} enrollments (ends spread over 365 days): ${ms(jobMs)}, ${counted.requests} DynamoDB requests (${run.queries} gsi3 Queries incl. pages), notices asked for: 7 days ${run.requested["7d"]}, 1 day ${run.requested["1d"]} (queued; sending not timed)`,
  );

  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}; uptime: ${os.loadavg().map((load) => load.toFixed(2)).join(", ")} (1/5/15 min load)`);
  await workers.close();
  await mail.close();
  await s3.stop();
  await dynamo.stop();
  client.destroy();
  await rm(s3Dir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
