/**
 * The local background runtime: every queue of core/consumers.ts with its real consumer, s3rver's events bridged into
 * the media queues with the stack's own filters, a local SQS endpoint for what the app sends, the table's stream
 * read from DynamoDB Local for the stream consumers, and the scheduled jobs on their daily timers. Consumers are
 * imported on their first batch: call `applyBindings()` before anything is sent.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Context, ScheduledEvent } from "aws-lambda";
import { queueConsumers, scheduledJobs, streamConsumers, type QueueName, type ScheduledJob, type StreamConsumer } from "../core/consumers";
import { LOCAL_REGION } from "./bindings";
import { lambdaContext } from "./lambda-context";
import { bridgeS3Events } from "./event-bridge";
import { createQueue, type Chaos, type LocalQueue, type QueueOptions } from "./queue";
import type { S3rver } from "./s3";
import { startLocalSqs } from "./sqs";
import { startLocalStreams, type LocalStreams, type StreamHandler } from "./streams";

const FUNCTIONS_DIR = fileURLToPath(new URL("../functions/", import.meta.url));

const handlerOf =
  <T>(handler: string) =>
  async (): Promise<T> =>
    ((await import(/* @vite-ignore */ pathToFileURL(path.join(FUNCTIONS_DIR, `${handler}.ts`)).href)) as { handler: T }).handler;

export interface Workers {
  queues: Record<QueueName, LocalQueue>;
  streams: LocalStreams;
  sqsEndpoint: string;
  /** `SST_Queue_queueUrl_<name>` of every queue. */
  queueUrls: Record<QueueName, string>;
  /** Resolves once every queue and the stream are idle (uploads feed the rebuild queue, writes feed the stream). */
  settle(timeoutMs?: number): Promise<void>;
  /** Runs a scheduled job of core/consumers.ts now, as its timer would, and resolves with what its handler returned. */
  runJob(name: string): Promise<unknown>;
  close(): Promise<void>;
}

export async function startWorkers(options: {
  s3: S3rver;
  sqsPort: number;
  /** The table whose stream feeds the stream consumers. */
  table: { endpoint: string; name: string };
  /** Where stream reading starts: tests read their new table from its start; `npm run dev` from now on, as a new deploy does. */
  streamStart: "TRIM_HORIZON" | "LATEST";
  /** Tests: short timers, and chaos (duplicates, shuffled batches) on demand. */
  timing?: Pick<QueueOptions, "batchWindowMs" | "visibilityTimeoutMs">;
  chaos?: Chaos;
  /** Run the scheduled jobs on their daily timers (`npm run dev`); tests run them with `runJob`. */
  schedules: boolean;
}): Promise<Workers> {
  // As the stack sets them (stacks/consumers.ts); the visibility timeout is a second locally, so a retry is quick, and a
  // consumer's own backoff (ChangeMessageVisibility) is shortened by the same ratio.
  const visibilityMs = options.timing?.visibilityTimeoutMs ?? 1000;
  const queues = Object.fromEntries(
    queueConsumers.map((row) => [
      row.queue,
      createQueue({
        msPerVisibilitySecond: visibilityMs / (row.timeoutSeconds * 6),
        name: row.queue,
        batchSize: row.batchSize,
        batchWindowMs: Math.min(row.batchWindowSeconds * 1000, 1000),
        maxReceiveCount: row.maxReceiveCount,
        timeoutMs: row.timeoutSeconds * 1000,
        // One batch at a time, whatever the stack's maximumConcurrency: on Lambda concurrent batches run in separate
        // instances, here they would share one module (the Powertools batch processor keeps its batch there).
        concurrency: 1,
        consumer: handlerOf(row.handler),
        chaos: options.chaos,
        ...options.timing,
      }),
    ]),
  ) as Record<QueueName, LocalQueue>;
  const bridge = bridgeS3Events({ server: options.s3, queues });
  const sqs = await startLocalSqs({ port: options.sqsPort, queues });
  const streams = startLocalStreams({
    endpoint: options.table.endpoint,
    tableName: options.table.name,
    startingPosition: options.streamStart,
    consumers: (streamConsumers as readonly StreamConsumer[]).map((row) => ({
      name: row.name,
      consumer: handlerOf<StreamHandler>(row.handler),
      entities: row.entities,
      withAttribute: row.withAttribute,
      batchSize: row.batchSize,
      maxRetries: row.maxRetries,
      timeoutMs: row.timeoutSeconds * 1000,
    })),
  });
  const all = Object.values(queues);
  const jobs = new Map((scheduledJobs as readonly ScheduledJob[]).map((job) => [job.name, job]));
  const runJob = async (name: string) => {
    const job = jobs.get(name);
    if (!job) throw new Error(`no scheduled job ${name} in core/consumers.ts`);
    const handler = await handlerOf<(event: ScheduledEvent, context: Context) => Promise<unknown>>(job.handler)();
    return handler(scheduledEvent(job), lambdaContext(`dulcevicio-local-${job.name}`, job.timeoutSeconds * 1000));
  };
  const timers = options.schedules ? [...jobs.values()].map((job) => everyDay(job, () => runJob(job.name))) : [];
  return {
    queues,
    streams,
    sqsEndpoint: sqs.endpoint,
    queueUrls: Object.fromEntries(queueConsumers.map((row) => [row.queue, sqs.queueUrl(row.queue)])) as Record<QueueName, string>,
    async settle(timeoutMs = 120_000) {
      // Uploads write media/recipes/ objects, whose events (emitted while the write is answered) feed the rebuild
      // queue, whose rebuilds may remove objects again; writes reach the stream, whose consumers may send messages:
      // rounds in that order until a round finds everything idle.
      for (let round = 0; round < 3; round += 1) {
        for (const queue of all) await queue.drain(timeoutMs);
        await streams.drain(timeoutMs);
      }
    },
    runJob,
    async close() {
      // Producers before what they send to: stream and queue consumers send SQS messages, so the local SQS
      // endpoint closes last (closing it first left in-flight consumers logging ECONNREFUSED at teardown).
      for (const timer of timers) timer.stop();
      await streams.close();
      bridge.close();
      await Promise.all(all.map((queue) => queue.close()));
      await sqs.close();
    },
  };
}

/** What EventBridge hands a scheduled function. */
function scheduledEvent(job: ScheduledJob): ScheduledEvent {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: "000000000000",
    time: new Date().toISOString(),
    region: LOCAL_REGION,
    resources: [`arn:aws:events:${LOCAL_REGION}:000000000000:rule/dulcevicio-local-${job.name}`],
    detail: {},
  };
}

/** Runs `run` every day at the job's `hourUtc:minute`, as its EventBridge rule does; a failed run is logged and the next one comes. */
function everyDay(job: ScheduledJob, run: () => Promise<unknown>): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    const now = new Date();
    let next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), job.schedule.hourUtc, job.schedule.minute);
    if (next <= now.getTime()) next += 86_400_000;
    timer = setTimeout(() => {
      run()
        .then((result) => console.log(`[schedule ${job.name}] ran:`, JSON.stringify(result)))
        .catch((error: unknown) => console.error(`[schedule ${job.name}] failed; it runs again tomorrow (or now: npm run notify:expiring):`, error))
        .finally(schedule);
    }, next - now.getTime());
    timer.unref();
  };
  schedule();
  return { stop: () => clearTimeout(timer) };
}
