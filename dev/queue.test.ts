import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createQueue, type LocalQueue, type QueueOptions } from "./queue";

type Respond = (event: SQSEvent, call: number) => Promise<SQSBatchResponse | void> | SQSBatchResponse | void;

const open: LocalQueue[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((queue) => queue.close()));
  vi.restoreAllMocks();
});

/** A queue whose consumer records every batch it receives, then answers with `respond`. */
function collectingQueue(options: Partial<QueueOptions> = {}, respond: Respond = () => {}) {
  const batches: SQSRecord[][] = [];
  const queue = createQueue({
    name: "Test",
    visibilityTimeoutMs: 20,
    consumer: async () => async (event) => {
      batches.push(event.Records);
      return respond(event, batches.length);
    },
    ...options,
  });
  open.push(queue);
  return { queue, batches, records: () => batches.flat() };
}

const fail = (...records: SQSRecord[]): SQSBatchResponse => ({ batchItemFailures: records.map((r) => ({ itemIdentifier: r.messageId })) });
const bodies = (records: SQSRecord[]) => records.map((record) => record.body);
const silenceErrors = () => vi.spyOn(console, "error").mockImplementation(() => {});
const range = (n: number) => Array.from({ length: n }, (_, i) => `m${i}`);

describe("batching", () => {
  it("delivers 15 messages sent together as a batch of 10, then a batch of 5, in order", async () => {
    const { queue, batches } = collectingQueue();
    for (const body of range(15)) queue.send(body);
    await queue.drain();
    expect(batches.map((batch) => batch.length)).toEqual([10, 5]);
    expect(batches.flatMap(bodies)).toEqual(range(15));
  });

  it("gathers messages sent a few ms apart into one batch within the batching window", async () => {
    const { queue, batches } = collectingQueue({ batchWindowMs: 1000 });
    for (const body of range(5)) {
      queue.send(body);
      await sleep(5);
    }
    await queue.drain();
    expect(batches.map(bodies)).toEqual([range(5)]);
  });

  it("does not wait for the window once a batch is full", async () => {
    const { queue, batches } = collectingQueue({ batchSize: 3, batchWindowMs: 60_000 });
    for (const body of range(3)) queue.send(body);
    await queue.drain(10_000);
    expect(batches.map(bodies)).toEqual([range(3)]);
  });

  it("runs one batch at a time by default, and more with `concurrency`", async () => {
    const peak = async (concurrency?: number) => {
      let running = 0;
      let most = 0;
      const { queue } = collectingQueue({ batchSize: 1, concurrency }, async () => {
        most = Math.max(most, ++running);
        await sleep(20);
        running -= 1;
      });
      for (const body of range(6)) queue.send(body);
      await queue.drain();
      return most;
    };
    expect(await peak()).toBe(1);
    expect(await peak(3)).toBe(3);
  });

  it("loads the consumer once, like a cold start, and again only after a failed load", async () => {
    silenceErrors();
    let loads = 0;
    const seen: string[] = [];
    const queue = createQueue({
      name: "ColdStart",
      batchSize: 1,
      visibilityTimeoutMs: 10,
      consumer: async () => {
        loads += 1;
        if (loads === 1) throw new Error("SyntaxError while editing");
        return async (event) => void seen.push(...bodies(event.Records));
      },
    });
    open.push(queue);
    for (const body of range(3)) queue.send(body);
    await queue.drain();
    expect(loads).toBe(2);
    expect(seen.sort()).toEqual(range(3));
  });
});

describe("the records", () => {
  it("are shaped like SQS records, with the real MD5 of the body", async () => {
    const { queue, records } = collectingQueue({ name: "PdfRebuilds" });
    const body = JSON.stringify({ rebuild_course: "ñandú 🍰" });
    const before = Date.now();
    const messageId = queue.send(body);
    await queue.drain();
    const [record] = records();
    expect(record).toEqual({
      messageId,
      receiptHandle: expect.any(String),
      body,
      attributes: {
        ApproximateReceiveCount: "1",
        SentTimestamp: expect.stringMatching(/^\d{13}$/),
        SenderId: expect.any(String),
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d{13}$/),
      },
      messageAttributes: {},
      md5OfBody: createHash("md5").update(Buffer.from(body, "utf8")).digest("hex"),
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:PdfRebuilds",
      awsRegion: "us-east-1",
    });
    expect(Number(record!.attributes.SentTimestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(record!.attributes.ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(Number(record!.attributes.SentTimestamp));
  });

  it("come with a Lambda context that counts down from the consumer's timeout", async () => {
    let remaining = 0;
    let functionName = "";
    const queue = createQueue({
      name: "Uploads",
      timeoutMs: 5000,
      consumer: async () => async (_event, context) => {
        remaining = context.getRemainingTimeInMillis();
        functionName = context.functionName;
      },
    });
    open.push(queue);
    queue.send("{}");
    await queue.drain();
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(5000);
    expect(functionName).toContain("Uploads");
  });
});

describe("failures", () => {
  it("retries only the messages named in batchItemFailures, with ApproximateReceiveCount 2", async () => {
    const { queue, batches } = collectingQueue({}, (event, call) => (call === 1 ? fail(event.Records[1]!) : undefined));
    for (const body of ["a", "b", "c"]) queue.send(body);
    await queue.drain();
    expect(batches.map(bodies)).toEqual([["a", "b", "c"], ["b"]]);
    const [first, retry] = [batches[0]![1]!, batches[1]![0]!];
    expect(retry.messageId).toBe(first.messageId);
    expect(retry.receiptHandle).not.toBe(first.receiptHandle);
    expect(retry.attributes.ApproximateReceiveCount).toBe("2");
    expect(retry.attributes.ApproximateFirstReceiveTimestamp).toBe(first.attributes.ApproximateFirstReceiveTimestamp);
  });

  it("moves a poison message to the dead letters after maxReceiveCount while the rest of its batch succeeds", async () => {
    silenceErrors();
    const { queue, records } = collectingQueue({ maxReceiveCount: 3 }, (event) =>
      fail(...event.Records.filter((record) => record.body === "poison")),
    );
    for (const body of ["ok-1", "poison", "ok-2"]) queue.send(body);
    await queue.drain();
    const deliveries = (body: string) => records().filter((record) => record.body === body);
    expect(deliveries("ok-1")).toHaveLength(1);
    expect(deliveries("ok-2")).toHaveLength(1);
    expect(deliveries("poison").map((record) => record.attributes.ApproximateReceiveCount)).toEqual(["1", "2", "3"]);
    expect(queue.deadLetters()).toEqual([
      { messageId: deliveries("poison")[0]!.messageId, body: "poison", receiveCount: 3, lastError: expect.any(String) },
    ]);
  });

  it("retries the whole batch when the consumer throws, and prints the error with the queue's name", async () => {
    const errors = silenceErrors();
    const { queue, batches } = collectingQueue({ name: "Throwing" }, (_event, call) => {
      if (call === 1) throw new Error("DynamoDB is down");
    });
    for (const body of ["a", "b"]) queue.send(body);
    await queue.drain();
    expect(batches.map(bodies)).toEqual([["a", "b"], ["a", "b"]]);
    expect(batches[1]!.map((record) => record.attributes.ApproximateReceiveCount)).toEqual(["2", "2"]);
    expect(batches[1]!.map((record) => record.messageId)).toEqual(batches[0]!.map((record) => record.messageId));
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("[queue Throwing]"), expect.objectContaining({ message: "DynamoDB is down" }));
    expect(queue.deadLetters()).toEqual([]);
  });

  it("retries the whole batch when the consumer times out", async () => {
    silenceErrors();
    const { queue, batches } = collectingQueue({ timeoutMs: 50 }, (_event, call) => (call === 1 ? new Promise(() => {}) : undefined));
    queue.send("slow");
    await queue.drain();
    expect(batches.map((batch) => batch.map((record) => record.attributes.ApproximateReceiveCount))).toEqual([["1"], ["2"]]);
  });

  it("treats an itemIdentifier that is not in the batch as a failure of the whole batch, as Lambda does", async () => {
    silenceErrors();
    const { queue, batches } = collectingQueue({}, (_event, call) =>
      call === 1 ? { batchItemFailures: [{ itemIdentifier: "not-a-message-of-this-batch" }] } : undefined,
    );
    for (const body of ["a", "b"]) queue.send(body);
    await queue.drain();
    expect(batches.map(bodies)).toEqual([["a", "b"], ["a", "b"]]);
  });

  it("keeps drain waiting until the retries are done", async () => {
    const { queue, records } = collectingQueue({ visibilityTimeoutMs: 300 }, (event, call) => (call === 1 ? fail(...event.Records) : undefined));
    queue.send("retried");
    await queue.drain();
    expect(records().map((record) => record.attributes.ApproximateReceiveCount)).toEqual(["1", "2"]);
  });

  it("rejects drain after its timeout with the queue's state", async () => {
    const { queue } = collectingQueue({ name: "Stuck", visibilityTimeoutMs: 60_000 }, (event) => fail(...event.Records));
    queue.send("never succeeds");
    await expect(queue.drain(200)).rejects.toThrow(/\[queue Stuck\] did not drain within 200 ms: .*1 waiting to be retried/);
  });
});

describe("chaos", () => {
  it("delivers every message duplicates + 1 times, as distinct messages with the same body", async () => {
    const { queue, records } = collectingQueue({ chaos: { duplicates: 2 } });
    const messageId = queue.send("twice more");
    await queue.drain();
    expect(bodies(records())).toEqual(["twice more", "twice more", "twice more"]);
    expect(new Set(records().map((record) => record.messageId)).size).toBe(3);
    expect(records().map((record) => record.messageId)).toContain(messageId);
  });

  it("shuffles delivery within and across batches, repeatably for a seed, losing nothing", async () => {
    const deliveryOrder = async (seed: number) => {
      const { queue, batches } = collectingQueue({ chaos: { shuffle: true, seed } });
      for (const body of range(20)) queue.send(body);
      await queue.drain();
      return batches.map(bodies);
    };
    const order = await deliveryOrder(7);
    expect(order.map((batch) => batch.length)).toEqual([10, 10]);
    expect(order.flat().sort()).toEqual(range(20).sort());
    expect(order.flat()).not.toEqual(range(20));
    expect([...order[0]!].sort()).not.toEqual(range(10).sort());
    expect(await deliveryOrder(7)).toEqual(order);
  });

  it("can be switched on and off while the queue runs", async () => {
    const { queue, records } = collectingQueue();
    queue.send("once");
    await queue.drain();
    queue.setChaos({ duplicates: 1 });
    queue.send("twice");
    await queue.drain();
    queue.setChaos(undefined);
    queue.send("once again");
    await queue.drain();
    expect(bodies(records())).toEqual(["once", "twice", "twice", "once again"]);
  });
});

describe("batch listeners", () => {
  it("see each batch's records and failures once the consumer answered, before the next batch starts", async () => {
    silenceErrors(); // "b" ends in the dead letters
    const { queue, batches } = collectingQueue({ batchSize: 2 }, (event) => fail(...event.Records.filter((record) => record.body === "b")));
    const seen: Array<{ bodies: string[]; failed: string[]; batchesDelivered: number }> = [];
    const stop = queue.onBatchSettled(async ({ records, failed }) => {
      await sleep(10); // the next batch must wait for this
      seen.push({ bodies: bodies(records), failed: records.filter((record) => failed.has(record.messageId)).map((record) => record.body), batchesDelivered: batches.length });
    });
    for (const body of ["a", "b", "c"]) queue.send(body);
    await queue.drain();
    expect(seen).toEqual([
      { bodies: ["a", "b"], failed: ["b"], batchesDelivered: 1 },
      { bodies: ["c"], failed: [], batchesDelivered: 2 },
      { bodies: ["b"], failed: ["b"], batchesDelivered: 3 },
      { bodies: ["b"], failed: ["b"], batchesDelivered: 4 },
    ]);
    stop();
    queue.send("unseen");
    await queue.drain();
    expect(seen).toHaveLength(4);
  });
});

describe("close", () => {
  it("drops pending work and refuses new messages", async () => {
    const { queue, batches } = collectingQueue({ batchWindowMs: 50 });
    queue.send("dropped");
    const pendingDrain = queue.drain();
    await queue.close();
    await expect(pendingDrain).rejects.toThrow(/closed before it drained/);
    await sleep(100);
    expect(batches).toEqual([]);
    expect(() => queue.send("late")).toThrow(/closed/);
    await expect(queue.drain()).rejects.toThrow(/closed/);
  });
});
