/**
 * The local background runtime: every queue of core/consumers.ts with its real consumer, s3rver's events bridged into
 * the media queues with the stack's own filters, a local SQS endpoint for what the app sends, and the table's stream
 * read from DynamoDB Local for the stream consumers. Consumers are imported on their first batch: call
 * `applyBindings()` before anything is sent.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { queueConsumers, streamConsumers, type QueueName, type StreamConsumer } from "../core/consumers";
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
}): Promise<Workers> {
  // As the stack sets them (stacks/consumers.ts); the visibility timeout is a second locally, so a retry is quick.
  const queues = Object.fromEntries(
    queueConsumers.map((row) => [
      row.queue,
      createQueue({
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
    async close() {
      bridge.close();
      await sqs.close();
      await Promise.all(all.map((queue) => queue.close()));
      await streams.close();
    },
  };
}
