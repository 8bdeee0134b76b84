/**
 * The local media pipeline: the two queues of `stacks/Media.ts` with their real consumers, s3rver's events
 * bridged into them with the stack's own filters, and a local SQS endpoint for the rebuild requests the API sends.
 * Consumers are imported on their first batch: call `applyBindings()` before anything is sent.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MEDIA_MAX_RECEIVE_COUNT } from "../core/media/events";
import { bridgeS3Events } from "./event-bridge";
import { createQueue, type Chaos, type LocalQueue, type QueueConsumer, type QueueOptions } from "./queue";
import type { S3rver } from "./s3";
import { startLocalSqs } from "./sqs";

const FUNCTIONS_DIR = fileURLToPath(new URL("../functions/", import.meta.url));

const consumer = (file: string) => async (): Promise<QueueConsumer> =>
  ((await import(/* @vite-ignore */ pathToFileURL(path.join(FUNCTIONS_DIR, file)).href)) as { handler: QueueConsumer }).handler;

export interface MediaRuntime {
  queues: { Uploads: LocalQueue; PdfRebuilds: LocalQueue };
  sqsEndpoint: string;
  rebuildQueueUrl: string;
  /** Resolves once both queues are idle (uploads feed the rebuild queue through S3 events). */
  settle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startMediaRuntime(options: {
  s3: S3rver;
  sqsPort: number;
  /** Tests: short timers, and chaos (duplicates, shuffled batches) on demand. */
  timing?: Pick<QueueOptions, "batchWindowMs" | "visibilityTimeoutMs">;
  chaos?: Chaos;
}): Promise<MediaRuntime> {
  // The same batch sizes as the stack; the rebuild window is 5 s on AWS, 1 s locally.
  const queues = {
    Uploads: createQueue({ name: "Uploads", batchSize: 2, maxReceiveCount: MEDIA_MAX_RECEIVE_COUNT, consumer: consumer("media/process-uploads.ts"), chaos: options.chaos, ...options.timing }),
    PdfRebuilds: createQueue({
      name: "PdfRebuilds",
      batchSize: 10,
      batchWindowMs: 1000,
      maxReceiveCount: MEDIA_MAX_RECEIVE_COUNT,
      timeoutMs: 180_000,
      consumer: consumer("media/rebuild-pdfs.ts"),
      chaos: options.chaos,
      ...options.timing,
    }),
  };
  const bridge = bridgeS3Events({ server: options.s3, queues });
  const sqs = await startLocalSqs({ port: options.sqsPort, queues });
  return {
    queues,
    sqsEndpoint: sqs.endpoint,
    rebuildQueueUrl: sqs.queueUrl("PdfRebuilds"),
    async settle(timeoutMs = 120_000) {
      // Uploads write media/recipes/ objects, whose events (emitted while the write is answered) feed the rebuild
      // queue, whose rebuilds may remove objects again: two rounds in that order reach the quiet state.
      for (let round = 0; round < 2; round += 1) {
        await queues.Uploads.drain(timeoutMs);
        await queues.PdfRebuilds.drain(timeoutMs);
      }
    },
    async close() {
      bridge.close();
      await sqs.close();
      await Promise.all([queues.Uploads.close(), queues.PdfRebuilds.close()]);
    },
  };
}
