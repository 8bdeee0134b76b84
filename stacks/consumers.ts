import { Duration } from "aws-cdk-lib";
import { Stats } from "aws-cdk-lib/aws-cloudwatch";
import { FilterCriteria, FilterRule, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import type { Stack } from "sst/constructs";
import { Cron, Function as SstFunction, Queue, type FunctionProps } from "sst/constructs";
import type { QueueConsumer, ScheduledJob, StreamConsumer } from "../core/consumers";
import { ALARM_PERIOD, type AlarmSet } from "./Alerts";
import { FUNCTION_DEFAULTS } from "./bundling";
import { functionAccess, grantsFor, type GrantableResources } from "./grants";

/**
 * Builds the rows of core/consumers.ts: for a queue consumer, its queue, its dead-letter queue and its function behind
 * an event source mapping; for a stream consumer, its function on the table's stream and its dead-letter queue; for a
 * scheduled job, its function behind a daily EventBridge rule, with a dead-letter queue for the runs that fail; each
 * with its alarms. What differs per stack (the media functions' native binaries) comes in as `functionProps`.
 */

/** A queue and its dead-letter queue, both refusing plain-HTTP requests. Consumers are attached afterwards. */
export function consumerQueue(stack: Stack, row: QueueConsumer, alarms: AlarmSet): { queue: Queue; deadLetters: Queue } {
  const deadLetters = new Queue(stack, `${row.queue}DeadLetters`, { cdk: { queue: { retentionPeriod: Duration.days(14), enforceSSL: true } } });
  const queue = new Queue(stack, row.queue, {
    cdk: {
      queue: {
        // A message is hidden this long while a function works on it: six times the function's timeout, as AWS
        // advises for SQS event sources, so a batch that times out is not handed to a second function meanwhile.
        visibilityTimeout: Duration.seconds(row.timeoutSeconds * 6),
        deadLetterQueue: { queue: deadLetters.cdk.queue, maxReceiveCount: row.maxReceiveCount },
        enforceSSL: true,
      },
    },
  });
  alarms.watch(stack, `${row.queue}DeadLettersAlarm`, {
    description: `A message reached the ${row.queue} dead-letter queue after ${row.maxReceiveCount} failed tries (${row.summary}): inspect it, fix the cause, redrive it.`,
    metric: deadLetters.cdk.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: Stats.MAXIMUM }),
    threshold: 0,
  });
  // Messages normally wait seconds; this long means the consumer is failing, throttled or far behind.
  const stuckSeconds = Math.max(15 * 60, row.timeoutSeconds * 6 * 2);
  alarms.watch(stack, `${row.queue}OldestMessageAlarm`, {
    description: `A message has waited over ${stuckSeconds / 60} minutes in the ${row.queue} queue (${row.summary}): the consumer is failing, throttled or far behind.`,
    metric: queue.cdk.queue.metricApproximateAgeOfOldestMessage({ period: ALARM_PERIOD, statistic: Stats.MAXIMUM }),
    threshold: stuckSeconds,
  });
  return { queue, deadLetters };
}

/** Attaches a row's function to its queue (built by consumerQueue), with the grants its `uses` ask for. */
export function attachQueueConsumer(stack: Stack, row: QueueConsumer, queue: Queue, resources: GrantableResources, alarms: AlarmSet, functionProps: FunctionProps): SstFunction {
  const fn = backgroundFunction(stack, `${row.queue}Consumer`, row, resources, functionProps);
  queue.addConsumer(stack, {
    function: fn,
    cdk: {
      eventSource: {
        batchSize: row.batchSize,
        ...(row.batchWindowSeconds > 0 ? { maxBatchingWindow: Duration.seconds(row.batchWindowSeconds) } : {}),
        reportBatchItemFailures: true,
        maxConcurrency: row.maxConcurrency,
      },
    },
  });
  watchFunction(stack, row.queue, row.summary, fn, alarms);
  return fn;
}

/** A stream consumer: its function on the table's stream, filtered to its entities, and its dead-letter queue. */
export function streamConsumer(stack: Stack, row: StreamConsumer, resources: GrantableResources, alarms: AlarmSet, functionProps: FunctionProps): SstFunction {
  const table = resources.table.cdk.table;
  const deadLetters = new Queue(stack, `${row.name}DeadLetters`, { cdk: { queue: { retentionPeriod: Duration.days(14), enforceSSL: true } } });
  const fn = backgroundFunction(stack, row.name, row, resources, functionProps);
  const entity = row.entities === "any" ? FilterRule.exists() : FilterRule.or(...row.entities);
  const attribute = row.withAttribute === undefined ? {} : { [row.withAttribute]: { S: FilterRule.exists() } };
  const entityIs = (image: "NewImage" | "OldImage") => FilterCriteria.filter({ dynamodb: { [image]: { __edb_e__: { S: entity }, ...attribute } } });
  fn.addEventSource(
    new DynamoEventSource(table, {
      // From deploy time on: a new consumer does not replay the stream's last 24 hours.
      startingPosition: StartingPosition.LATEST,
      batchSize: row.batchSize,
      ...(row.batchWindowSeconds > 0 ? { maxBatchingWindow: Duration.seconds(row.batchWindowSeconds) } : {}),
      reportBatchItemFailures: true,
      // A failing batch is halved until the failing record is alone; after its retries, its position (not its
      // data: the stream keeps that for 24 hours) goes to the dead-letter queue and the shard moves on.
      bisectBatchOnError: true,
      retryAttempts: row.maxRetries,
      onFailure: new SqsDlq(deadLetters.cdk.queue),
      // An insert or update carries the new image, a removal only the old one.
      filters: [entityIs("NewImage"), entityIs("OldImage")],
    }),
  );
  alarms.watch(stack, `${row.name}DeadLettersAlarm`, {
    description: `Stream records reached the ${row.name} dead-letter queue after ${row.maxRetries} retries (${row.summary}): read the positions in the message, fix the cause, replay them from the stream within 24 hours.`,
    metric: deadLetters.cdk.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: Stats.MAXIMUM }),
    threshold: 0,
  });
  alarms.watch(stack, `${row.name}IteratorAgeAlarm`, {
    description: `${row.name} is over 10 minutes behind the table's stream (${row.summary}): it is failing or too slow; records older than 24 hours are lost.`,
    metric: fn.metric("IteratorAge", { period: ALARM_PERIOD, statistic: Stats.MAXIMUM }),
    threshold: 10 * 60 * 1000,
  });
  watchFunction(stack, row.name, row.summary, fn, alarms);
  return fn;
}

/**
 * A scheduled job: its function, invoked by an EventBridge rule once a day at the row's time (SST `Cron`). EventBridge
 * invokes asynchronously: Lambda retries a failed run twice, then sends the event to the job's dead-letter queue (its
 * on-failure destination), whose alarm fires, as the Errors alarm already has; an event EventBridge itself cannot
 * deliver lands in the same queue. The job is safe to run again by hand (core/notifications/expiring.ts).
 */
export function scheduledJob(stack: Stack, row: ScheduledJob, resources: GrantableResources, alarms: AlarmSet, functionProps: FunctionProps): SstFunction {
  const deadLetters = new Queue(stack, `${row.name}DeadLetters`, { cdk: { queue: { retentionPeriod: Duration.days(14), enforceSSL: true } } });
  const fn = backgroundFunction(stack, row.name, row, resources, { ...functionProps, onFailure: new SqsDestination(deadLetters.cdk.queue), retryAttempts: 2 });
  const { hourUtc, minute } = row.schedule;
  new Cron(stack, `${row.name}Schedule`, { schedule: `cron(${minute} ${hourUtc} * * ? *)`, job: { function: fn, cdk: { target: { deadLetterQueue: deadLetters.cdk.queue } } } });
  alarms.watch(stack, `${row.name}DeadLettersAlarm`, {
    description: `A run of ${row.name} failed three times (${row.summary}): read its logs, fix the cause, and run it again (it is idempotent).`,
    metric: deadLetters.cdk.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: Stats.MAXIMUM }),
    threshold: 0,
  });
  watchFunction(stack, row.name, row.summary, fn, alarms);
  return fn;
}

function backgroundFunction(stack: Stack, id: string, row: QueueConsumer | StreamConsumer | ScheduledJob, resources: GrantableResources, functionProps: FunctionProps): SstFunction {
  const access = functionAccess(grantsFor({ auth: "public", uses: row.uses }), resources);
  return new SstFunction(stack, id, {
    ...FUNCTION_DEFAULTS,
    ...functionProps,
    handler: `functions/${row.handler}.handler`,
    description: row.summary.slice(0, 256), // Lambda's limit
    memorySize: row.memoryMB,
    timeout: row.timeoutSeconds,
    environment: { ...functionProps.environment, ...access.environment },
    permissions: access.permissions,
  });
}

/** A background function that errs (an invocation that throws or times out) or is throttled tells someone. */
function watchFunction(stack: Stack, name: string, summary: string, fn: SstFunction, alarms: AlarmSet): void {
  alarms.watch(stack, `${name}ErrorsAlarm`, {
    description: `${name} failed whole invocations (threw, timed out or ran out of memory) in 5 minutes (${summary}): read its logs.`,
    metric: fn.metricErrors({ period: ALARM_PERIOD, statistic: Stats.SUM }),
    threshold: 0,
  });
  alarms.watch(stack, `${name}ThrottlesAlarm`, {
    description: `${name} was throttled (${summary}): the account's concurrency is used up by something else (docs/deploy.md, quotas).`,
    metric: fn.metricThrottles({ period: ALARM_PERIOD, statistic: Stats.SUM }),
    threshold: 0,
  });
}
