import { use, type Queue, type StackContext } from "sst/constructs";
import { queueConsumers, streamConsumers, type QueueConsumer, type QueueName, type StreamConsumer } from "../core/consumers";
import { Alerts } from "./Alerts";
import { API_BUNDLING } from "./bundling";
import { attachQueueConsumer, consumerQueue, streamConsumer } from "./consumers";
import { Media } from "./Media";
import { isEphemeralStage } from "./stage";
import { stageConfig } from "./config";
import { PDF_FONT_FILE, PDF_FONT_SOURCE } from "../core/media/font";
import { Storage } from "./Storage";

/** The consumers of core/consumers.ts that are not media ones: reactions to the table's stream, and their queues. */
export const workerQueues = (): QueueConsumer[] => (queueConsumers as readonly QueueConsumer[]).filter((row) => row.runtime === "node");
export const workerStreams = (): readonly StreamConsumer[] => streamConsumers;

/** Whether the app has any worker: a stack without resources cannot be deployed, so stacks/index.ts leaves it out. */
export const hasWorkers = (): boolean => workerQueues().length + workerStreams().length > 0;

/**
 * Background work off the request that needs no sharp: plain Node functions on arm64. The certificate consumer also
 * carries the PDF font and the SPA's URL (the certificate's QR code points there).
 */
export function Workers({ app, stack }: StackContext) {
  const storage = use(Storage);
  const { alarms } = use(Alerts);
  const media = use(Media);
  const functionProps = { architecture: "arm_64" as const, environment: { POWERTOOLS_SERVICE_NAME: "dulcevicio-workers" }, nodejs: API_BUNDLING };

  const own = Object.fromEntries(workerQueues().map((row) => [row.queue, consumerQueue(stack, row, alarms)]));
  const queues: Partial<Record<QueueName, Queue>> = { ...media.queues, ...Object.fromEntries(Object.entries(own).map(([name, { queue }]) => [name, queue])) };
  const resources = { ...storage, queues, secretsFallback: isEphemeralStage(app) };
  const consumers = workerQueues().map((row) => ({ row, ...own[row.queue]!, fn: attachQueueConsumer(stack, row, own[row.queue]!.queue, resources, alarms, functionProps) }));
  const certificateProps = {
    ...functionProps,
    environment: { ...functionProps.environment, SPA_BASE_URL: stageConfig(app).spaBaseUrl },
    copyFiles: [{ from: PDF_FONT_SOURCE, to: PDF_FONT_FILE }],
  };
  const streams = workerStreams().map((row) => ({ row, fn: streamConsumer(stack, row, resources, alarms, row.handler === "certificates/issue" ? certificateProps : functionProps) }));
  return { consumers, streams };
}
