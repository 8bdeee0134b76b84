/**
 * A local SQS standard queue with its Lambda consumer (the event source mapping), in process, for `npm run dev`
 * and the tests. S3 notifications (through dev/event-bridge.ts) and the app's own SendMessage calls (through
 * dev/sqs.ts) feed it.
 *
 * What the media pipeline relies on is reproduced: batches of up to `batchSize` gathered over a batching window,
 * partial batch responses, redelivery after the visibility timeout with ApproximateReceiveCount incremented, and
 * dead-lettering after `maxReceiveCount` receives. A consumer may set when a received message comes back
 * (ChangeMessageVisibility, through dev/sqs.ts), which the notification sender does to back off. The `chaos` knobs add what S3 and standard queues are allowed
 * to do and usually do not do while you watch: duplicate and reorder deliveries. Left out because the app does
 * not use them: message attributes, delays, FIFO queues, retention.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { LOCAL_REGION } from "./bindings";
import { lambdaContext } from "./lambda-context";

export type QueueConsumer = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface QueueOptions {
  /** The queue's construct id in the stack, e.g. "PdfRebuilds". */
  name: string;
  /** Loaded on the first batch and kept, like a cold start; a failed load is retried with the next batch. */
  consumer: () => Promise<QueueConsumer>;
  /** Default 10, the most a standard queue's event source hands over without a batching window. */
  batchSize?: number;
  /** Default 0. How long to wait after the oldest visible message arrived for a batch to fill (MaximumBatchingWindow). */
  batchWindowMs?: number;
  /** Default 1000 (seconds or minutes on AWS). A failed message becomes visible again this long after it was received. */
  visibilityTimeoutMs?: number;
  /**
   * Milliseconds per second of a ChangeMessageVisibility: 1000 by default. The local runtime shortens the queue's own
   * visibility timeout, and shortens a consumer's requested delays by the same ratio, so a backoff keeps its shape.
   */
  msPerVisibilitySecond?: number;
  /** Default 3. A message received this many times that fails once more goes to the dead letters. */
  maxReceiveCount?: number;
  /** Default 60000. The consumer's Lambda timeout; a batch that runs longer fails as a whole. */
  timeoutMs?: number;
  /** Batches in flight at once (the event source mapping's maximumConcurrency). Default 1. */
  concurrency?: number;
  /**
   * Test knobs: deliver every sent message `duplicates` extra times (as separate messages, as S3 duplicates are),
   * and pick each batch at random from the visible messages, in random order. `seed` makes the shuffle repeatable.
   */
  chaos?: Chaos;
}

export interface Chaos {
  duplicates?: number;
  shuffle?: boolean;
  seed?: number;
}

/** What a batch listener learns once the consumer has answered: the records delivered and the ids that failed. */
export interface SettledBatch {
  records: SQSRecord[];
  failed: ReadonlySet<string>;
}

export interface DeadLetter {
  messageId: string;
  body: string;
  receiveCount: number;
  lastError?: string;
}

export interface LocalQueue {
  readonly name: string;
  /** Like SendMessage: the body is a string (JSON). Returns the messageId. */
  send(body: string): string;
  /** Resolves once nothing is visible, in flight or waiting to be retried. Rejects after `timeoutMs` (default 60 s) with the queue's state. */
  drain(timeoutMs?: number): Promise<void>;
  /** Messages that exhausted maxReceiveCount. */
  deadLetters(): ReadonlyArray<DeadLetter>;
  /**
   * ChangeMessageVisibility of a message being handled (by the receipt handle its record carries): it comes back that
   * many seconds from now, if it fails. False when the handle is not of a message in flight (SQS's ReceiptHandleIsInvalid).
   */
  changeVisibility(receiptHandle: string, seconds: number): boolean;
  /** Test knob: the `chaos` of every message sent and batch taken from now on (undefined: none). */
  setChaos(chaos: Chaos | undefined): void;
  /**
   * Test knob: `listener` runs after each batch's consumer answered, and the queue waits for it before that batch
   * counts as done (the next batch starts only then, at the default concurrency of 1): a test can look at the state
   * each batch left behind. Returns the function that removes the listener.
   */
  onBatchSettled(listener: (batch: SettledBatch) => void | Promise<void>): () => void;
  /** Stops the timers and drops pending work; waits for batches in flight (at most their timeout). */
  close(): Promise<void>;
}

const ACCOUNT = "000000000000";
/** The IAM user id that SQS reports as the sender (the shape of AWS's own example). */
const SENDER_ID = "AIDAIENQZJOLO23YVJ4VO";

interface Message {
  messageId: string;
  body: string;
  md5OfBody: string;
  sentAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** When it (last) became visible: the batching window counts from the oldest visible message. */
  visibleSince: number;
  lastError?: string;
  /** Set by ChangeMessageVisibility while it is in flight: when it comes back if it fails. */
  visibleAt?: number;
}

interface DrainWaiter {
  resolve(): void;
  reject(error: Error): void;
}

export function createQueue(options: QueueOptions): LocalQueue {
  const { name } = options;
  const batchSize = positiveInteger("batchSize", options.batchSize ?? 10);
  const concurrency = positiveInteger("concurrency", options.concurrency ?? 1);
  const maxReceiveCount = positiveInteger("maxReceiveCount", options.maxReceiveCount ?? 3);
  const batchWindowMs = options.batchWindowMs ?? 0;
  const visibilityTimeoutMs = options.visibilityTimeoutMs ?? 1000;
  const msPerVisibilitySecond = options.msPerVisibilitySecond ?? 1000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  let duplicates = 0;
  let shuffle = false;
  let random = Math.random;
  const setChaos = (chaos: Chaos | undefined) => {
    duplicates = chaos?.duplicates ?? 0;
    shuffle = chaos?.shuffle ?? false;
    random = chaos?.seed === undefined ? Math.random : seededRandom(chaos.seed);
  };
  setChaos(options.chaos);
  const batchListeners = new Set<(batch: SettledBatch) => void | Promise<void>>();
  const queueArn = `arn:aws:sqs:${LOCAL_REGION}:${ACCOUNT}:${name}`;
  const functionName = `dulcevicio-local-${name}-consumer`;
  const log = `[queue ${name}]`;

  const visible: Message[] = [];
  /** Received and failed, per batch: invisible until their visibility timeout ends. */
  const waiting = new Map<NodeJS.Timeout, Message[]>();
  /** One promise per batch in flight; it settles when the consumer answers or times out. */
  const inFlight = new Set<Promise<void>>();
  const dead: DeadLetter[] = [];
  /** Messages in flight by their current receipt handle. */
  const byReceipt = new Map<string, Message>();
  const drains = new Set<DrainWaiter>();
  let consumer: Promise<QueueConsumer> | undefined;
  let pumpTimer: NodeJS.Timeout | undefined;
  let pumpAt = Infinity;
  let closed = false;

  const isIdle = () => visible.length === 0 && inFlight.size === 0 && waiting.size === 0;
  const describeState = () =>
    `${visible.length} visible, ${inFlight.size} batch(es) in flight, ${[...waiting.values()].flat().length} waiting to be retried, ${dead.length} dead-lettered`;

  function schedulePump(delayMs: number): void {
    const at = Date.now() + delayMs;
    if (closed || (pumpTimer !== undefined && pumpAt <= at)) return;
    clearTimeout(pumpTimer);
    pumpAt = at;
    pumpTimer = setTimeout(pump, delayMs);
  }

  function pump(): void {
    clearTimeout(pumpTimer);
    pumpTimer = undefined;
    pumpAt = Infinity;
    while (!closed && inFlight.size < concurrency && visible.length > 0) {
      if (visible.length < batchSize) {
        const oldest = Math.min(...visible.map((message) => message.visibleSince));
        const waitMs = oldest + batchWindowMs - Date.now();
        if (waitMs > 0) {
          schedulePump(waitMs);
          break;
        }
      }
      deliver(takeBatch());
    }
    if (isIdle()) {
      for (const waiter of drains) waiter.resolve();
    }
  }

  function takeBatch(): Message[] {
    const count = Math.min(batchSize, visible.length);
    if (!shuffle) return visible.splice(0, count);
    return Array.from({ length: count }, () => visible.splice(Math.floor(random() * visible.length), 1)[0]!);
  }

  function deliver(batch: Message[]): void {
    const receivedAt = Date.now();
    for (const message of batch) {
      message.receiveCount += 1;
      message.firstReceivedAt ??= receivedAt;
    }
    const event = { Records: batch.map(toRecord) };
    for (const [index, message] of batch.entries()) byReceipt.set(event.Records[index]!.receiptHandle, message);
    const invocation = invoke(event).then(async ({ failed, reason }) => {
      for (const record of event.Records) byReceipt.delete(record.receiptHandle);
      retryLater(
        batch.filter((message) => failed.has(message.messageId)),
        receivedAt,
        reason,
      );
      await notifyBatchSettled({ records: event.Records, failed });
    });
    inFlight.add(invocation);
    void invocation.finally(() => {
      inFlight.delete(invocation);
      pump();
    });
  }

  async function notifyBatchSettled(batch: SettledBatch): Promise<void> {
    for (const listener of [...batchListeners]) {
      try {
        await listener(batch);
      } catch (error) {
        console.error(`${log} a batch listener failed:`, error);
      }
    }
  }

  /** Runs the consumer on one batch; always resolves, with the ids to retry. */
  async function invoke(event: SQSEvent): Promise<{ failed: ReadonlySet<string>; reason: string }> {
    const batchIds = new Set(event.Records.map((record) => record.messageId));
    let timer: NodeJS.Timeout | undefined;
    try {
      const run = (async () => (await loadConsumer())(event, lambdaContext(functionName, timeoutMs)))();
      // A consumer that timed out keeps running (it cannot be frozen like a Lambda): its late failure is not news.
      run.catch(() => {});
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the consumer did not finish within ${timeoutMs} ms`)), timeoutMs);
      });
      const response: unknown = await Promise.race([run, timedOut]);
      return { failed: reportedFailures(response, batchIds), reason: "reported in batchItemFailures" };
    } catch (error) {
      // As on Lambda, an error or a timeout fails the whole batch.
      console.error(`${log} a batch of ${batchIds.size} failed as a whole; it returns after the visibility timeout:`, error);
      return { failed: batchIds, reason: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  function loadConsumer(): Promise<QueueConsumer> {
    if (!consumer) {
      const loading = options.consumer();
      // A module that failed to import (a syntax error while editing) is loaded again for the next batch.
      loading.catch(() => {
        if (consumer === loading) consumer = undefined;
      });
      consumer = loading;
    }
    return consumer;
  }

  /**
   * The failed messages of one batch become visible again when their visibility timeout ends: counted from the
   * receive, or from the ChangeMessageVisibility that set it. Those due at the same moment come back together.
   */
  function retryLater(failed: Message[], receivedAt: number, reason: string): void {
    if (closed || failed.length === 0) return;
    const dueAt = (message: Message) => message.visibleAt ?? receivedAt + visibilityTimeoutMs;
    for (const due of new Set(failed.map(dueAt))) {
      const messages = failed.filter((message) => dueAt(message) === due);
      for (const message of messages) message.visibleAt = undefined;
      comeBackAt(messages, due, reason);
    }
  }

  function comeBackAt(messages: Message[], due: number, reason: string): void {
    const timer = setTimeout(
      () => {
        waiting.delete(timer);
        for (const message of messages) {
          message.lastError = reason;
          // SQS moves a message to the dead-letter queue when a receive would exceed maxReceiveCount.
          if (message.receiveCount >= maxReceiveCount) {
            const { messageId, body, receiveCount, lastError } = message;
            dead.push({ messageId, body, receiveCount, lastError });
            console.error(`${log} message ${messageId} moved to the dead letters after ${receiveCount} receives (${lastError})`);
          } else {
            message.visibleSince = Date.now();
            visible.push(message);
          }
        }
        pump();
      },
      // The visibility timeout runs from the receive (or the change), not from the failure.
      Math.max(0, due - Date.now()),
    );
    waiting.set(timer, messages);
  }

  function toRecord(message: Message): SQSRecord {
    return {
      messageId: message.messageId,
      // A new handle per receive, as SQS gives.
      receiptHandle: `AQEB${randomBytes(48).toString("base64")}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: SENDER_ID,
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
      },
      messageAttributes: {},
      md5OfBody: message.md5OfBody,
      eventSource: "aws:sqs",
      eventSourceARN: queueArn,
      awsRegion: LOCAL_REGION,
    };
  }

  return {
    name,
    send(body) {
      if (closed) throw new Error(`${log} is closed`);
      const now = Date.now();
      const md5OfBody = createHash("md5").update(body, "utf8").digest("hex");
      const copies = Array.from({ length: 1 + duplicates }, () => ({
        messageId: randomUUID(),
        body,
        md5OfBody,
        sentAt: now,
        receiveCount: 0,
        visibleSince: now,
      }));
      visible.push(...copies);
      // Not at once: messages sent in the same tick arrive together, as a burst does on SQS.
      schedulePump(0);
      return copies[0]!.messageId;
    },
    drain(drainTimeoutMs = 60_000) {
      if (closed) return Promise.reject(new Error(`${log} is closed`));
      if (isIdle()) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const waiter: DrainWaiter = {
          resolve: () => {
            clearTimeout(timer);
            drains.delete(waiter);
            resolve();
          },
          reject: (error) => {
            clearTimeout(timer);
            drains.delete(waiter);
            reject(error);
          },
        };
        const timer = setTimeout(
          () => waiter.reject(new Error(`${log} did not drain within ${drainTimeoutMs} ms: ${describeState()}`)),
          drainTimeoutMs,
        );
        drains.add(waiter);
      });
    },
    deadLetters: () => dead.map((letter) => ({ ...letter })),
    changeVisibility(receiptHandle, seconds) {
      const message = byReceipt.get(receiptHandle);
      if (!message) return false;
      message.visibleAt = Date.now() + seconds * msPerVisibilitySecond;
      return true;
    },
    setChaos,
    onBatchSettled(listener) {
      batchListeners.add(listener);
      return () => void batchListeners.delete(listener);
    },
    async close() {
      closed = true;
      clearTimeout(pumpTimer);
      for (const timer of waiting.keys()) clearTimeout(timer);
      waiting.clear();
      visible.length = 0;
      for (const waiter of drains) waiter.reject(new Error(`${log} was closed before it drained`));
      await Promise.allSettled([...inFlight]);
    },
  };
}

/**
 * Lambda's reading of a partial batch response: no response, or no or an empty `batchItemFailures`, is full
 * success; an identifier that is empty, not a string or not in the batch makes the whole batch fail.
 */
function reportedFailures(response: unknown, batchIds: ReadonlySet<string>): Set<string> {
  const failures = typeof response === "object" && response !== null ? (response as { batchItemFailures?: unknown }).batchItemFailures : undefined;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) throw new Error(`invalid batch response: batchItemFailures is ${JSON.stringify(failures)}`);
  return new Set(
    failures.map((failure: unknown) => {
      const id = typeof failure === "object" && failure !== null ? (failure as { itemIdentifier?: unknown }).itemIdentifier : undefined;
      if (typeof id !== "string" || !batchIds.has(id)) {
        throw new Error(`invalid batch response: itemIdentifier ${JSON.stringify(id)} is not a message of this batch`);
      }
      return id;
    }),
  );
}

function positiveInteger(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`createQueue: ${option} must be a positive integer, not ${value}`);
  return value;
}

/** mulberry32: a small seeded generator, so a shuffled delivery order (or a test fixture) can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
