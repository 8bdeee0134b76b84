import { Duration } from "aws-cdk-lib";
import { Stats } from "aws-cdk-lib/aws-cloudwatch";
import { SqsSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Queue as SstQueue, use, type Queue, type StackContext } from "sst/constructs";
import { queueConsumers, scheduledJobs, streamConsumers, type QueueConsumer, type QueueName, type ScheduledJob, type StreamConsumer } from "../core/consumers";
import { Alerts } from "./Alerts";
import { Api } from "./Api";
import { API_BUNDLING, pdfFontFiles } from "./bundling";
import { stageConfig } from "./config";
import { attachQueueConsumer, consumerQueue, scheduledJob, streamConsumer } from "./consumers";
import { Mail } from "./Mail";
import { Media } from "./Media";
import { isEphemeralStage } from "./stage";
import { Storage } from "./Storage";

/** The consumers of core/consumers.ts that are not media ones: reactions to the table's stream, their queues, the daily jobs. */
export const workerQueues = (): QueueConsumer[] => (queueConsumers as readonly QueueConsumer[]).filter((row) => row.runtime === "node");
export const workerStreams = (): readonly StreamConsumer[] => streamConsumers;
export const workerJobs = (): readonly ScheduledJob[] => scheduledJobs;

/** Whether the app has any worker: a stack without resources cannot be deployed, so stacks/index.ts leaves it out. */
export const hasWorkers = (): boolean => workerQueues().length + workerStreams().length + workerJobs().length > 0;

/** The queue SES's bounces and complaints reach (through stacks/Mail.ts's topic). */
const MAIL_FEEDBACK_QUEUE: QueueName = "MailFeedback";

/**
 * How the workers are bundled: as the API functions, without nodemailer, which only the local runtime's SMTP mailer
 * imports (core/mail/smtp.ts, on demand): on AWS mail goes through SES, and the import is never reached.
 */
export const WORKER_BUNDLING = { ...API_BUNDLING, esbuild: { ...API_BUNDLING.esbuild, external: ["nodemailer"] } };

/**
 * Background work off the request that needs no sharp: plain Node functions on arm64. Each knows the SPA's URL, as
 * every API function does (emails and certificates link there), and those that draw PDFs carry the font.
 */
export function Workers({ app, stack }: StackContext) {
  const storage = use(Storage);
  const { alarms } = use(Alerts);
  const media = use(Media);
  const mail = use(Mail);
  const { api } = use(Api);
  const functionProps = {
    architecture: "arm_64" as const,
    environment: { POWERTOOLS_SERVICE_NAME: "dulcevicio-workers", SPA_BASE_URL: stageConfig(app).spaBaseUrl },
    nodejs: WORKER_BUNDLING,
  };
  const propsOf = (row: { handler: string }) => ({ ...functionProps, copyFiles: pdfFontFiles(row.handler) });

  const own = Object.fromEntries(workerQueues().map((row) => [row.queue, consumerQueue(stack, row, alarms)]));
  const queues: Partial<Record<QueueName, Queue>> = { ...media.queues, ...Object.fromEntries(Object.entries(own).map(([name, { queue }]) => [name, queue])) };
  const resources = { ...storage, queues, secretsFallback: isEphemeralStage(app), mail: { ...mail.resources, apiBaseUrl: api.url } };
  const consumers = workerQueues().map((row) => ({ row, ...own[row.queue]!, fn: attachQueueConsumer(stack, row, own[row.queue]!.queue, resources, alarms, propsOf(row)) }));
  const streams = workerStreams().map((row) => ({ row, fn: streamConsumer(stack, row, resources, alarms, propsOf(row)) }));
  const jobs = workerJobs().map((row) => ({ row, fn: scheduledJob(stack, row, resources, alarms, propsOf(row)) }));
  // Raw delivery: the queue gets SES's event itself, not SNS's envelope around it. What SNS cannot deliver to the
  // queue (its policy broken, the queue gone) waits in a dead-letter queue of its own, with its alarm.
  const undelivered = new SstQueue(stack, "MailFeedbackSubscriptionDeadLetters", { cdk: { queue: { retentionPeriod: Duration.days(14), enforceSSL: true } } });
  mail.feedback.addSubscription(new SqsSubscription(own[MAIL_FEEDBACK_QUEUE]!.queue.cdk.queue, { rawMessageDelivery: true, deadLetterQueue: undelivered.cdk.queue }));
  alarms.watch(stack, "MailFeedbackSubscriptionDeadLettersAlarm", {
    description: "SNS could not put SES's bounce and complaint events on the MailFeedback queue: read the dead-letter queue, fix the queue's policy, redrive.",
    metric: undelivered.cdk.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: Stats.MAXIMUM }),
    threshold: 0,
  });
  return { consumers, streams, jobs };
}
