import { randomUUID } from "node:crypto";
import { DeleteItemCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import type { DynamoDBBatchResponse, DynamoDBRecord } from "aws-lambda";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { LOCAL_REGION } from "./bindings";
import { DYNAMO_LOCAL_CREDENTIALS } from "./dynamodb";
import { startLocalStreams, type LocalStreams, type StreamConsumerOptions } from "./streams";
import { ensureTable } from "./table";

/**
 * The local event source of the table's stream, against DynamoDB Local's real Streams API: a fresh table per test,
 * items written as ElectroDB writes them (`__edb_e__` names the entity), consumers that record what they receive.
 */
const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB!;
const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: DYNAMO_LOCAL_CREDENTIALS });
const open: LocalStreams[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((streams) => streams.close()));
  vi.restoreAllMocks();
});
afterAll(() => client.destroy());

type Respond = (records: DynamoDBRecord[], call: number) => DynamoDBBatchResponse | void;

type Put = (entity: string, id: string, extra?: Record<string, string>) => Promise<unknown>;

/** `before` writes while no reader runs yet: the reader's first read then finds all of it at once. */
async function givenStream(consumer: Partial<StreamConsumerOptions> & { respond?: Respond; before?: (put: Put) => Promise<void> } = {}) {
  const tableName = `streams-${randomUUID()}`;
  await ensureTable(client, tableName);
  const batches: DynamoDBRecord[][] = [];
  const { respond = () => {}, before, ...options } = consumer;
  const put: Put = (entity, id, extra = {}) =>
    client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { pk: { S: `$${entity}#${id}` }, sk: { S: "$item" }, __edb_e__: { S: entity }, __edb_v__: { S: "1" }, id: { S: id }, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, { S: v }])) },
      }),
    );
  await before?.(put);
  const streams = startLocalStreams({
    endpoint,
    tableName,
    startingPosition: "TRIM_HORIZON",
    pollMs: 50,
    consumers: [
      {
        name: "Recorder",
        entities: ["enrollment", "lesson"],
        batchSize: 10,
        maxRetries: 2,
        timeoutMs: 5000,
        retryDelayMs: 1,
        consumer: async () => async (event) => {
          batches.push(event.Records);
          return respond(event.Records, batches.length);
        },
        ...options,
      },
    ],
  });
  open.push(streams);
  const key = (entity: string, id: string) => ({ pk: { S: `$${entity}#${id}` }, sk: { S: "$item" } });
  return { streams, batches, put, key, tableName, records: () => batches.flat() };
}

const ids = (records: DynamoDBRecord[]) => records.map((record) => (record.dynamodb?.NewImage ?? record.dynamodb?.OldImage)?.id?.S);
const silenceErrors = () => vi.spyOn(console, "error").mockImplementation(() => {});

describe("the table's stream, locally", () => {
  it("hands a consumer its entities' inserts, updates and removals in order, shaped as Lambda gives them", async () => {
    const { streams, put, key, tableName, records } = await givenStream();
    await put("enrollment", "e1");
    await put("course", "c1"); // not an entity of this consumer
    await put("lesson", "l1");
    await client.send(new UpdateItemCommand({ TableName: tableName, Key: key("enrollment", "e1"), UpdateExpression: "SET expires_at = :at", ExpressionAttributeValues: { ":at": { S: "2027-01-01" } } }));
    await client.send(new DeleteItemCommand({ TableName: tableName, Key: key("lesson", "l1") }));
    await streams.drain();

    expect(records().map((record) => [record.eventName, ids([record])[0]])).toEqual([
      ["INSERT", "e1"],
      ["INSERT", "l1"],
      ["MODIFY", "e1"],
      ["REMOVE", "l1"],
    ]);
    const modify = records()[2]!;
    expect(modify).toMatchObject({ eventSource: "aws:dynamodb", eventVersion: "1.1", awsRegion: LOCAL_REGION, eventSourceARN: expect.stringContaining(`table/${tableName}/stream/`) });
    expect(modify.dynamodb).toMatchObject({ StreamViewType: "NEW_AND_OLD_IMAGES", Keys: key("enrollment", "e1"), OldImage: { id: { S: "e1" } }, NewImage: { expires_at: { S: "2027-01-01" } } });
    expect(modify.dynamodb?.OldImage?.expires_at).toBeUndefined();
    // Epoch seconds, as Lambda gives them (the SDK reads a Date).
    expect(modify.dynamodb?.ApproximateCreationDateTime).toBeGreaterThan(Date.now() / 1000 - 600);
    expect(records()[3]!.dynamodb?.NewImage).toBeUndefined();
    // Sequence numbers increase along the shard.
    const sequence = records().map((record) => BigInt(record.dynamodb!.SequenceNumber!));
    expect([...sequence].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequence);
  });

  it("delivers in batches of at most batchSize", async () => {
    const { streams, batches } = await givenStream({
      batchSize: 3,
      before: async (put) => {
        for (let i = 0; i < 7; i += 1) await put("enrollment", `e${i}`);
      },
    });
    await streams.drain();
    expect(batches.map((batch) => batch.length)).toEqual([3, 3, 1]);
    expect(ids(batches.flat())).toEqual(["e0", "e1", "e2", "e3", "e4", "e5", "e6"]);
  });

  it("retries a batch from the first record it reports failed, not the ones before it", async () => {
    const { streams, batches } = await givenStream({
      respond: (records, call) => (call === 1 ? { batchItemFailures: [{ itemIdentifier: records[3]!.dynamodb!.SequenceNumber! }] } : undefined),
      before: async (put) => {
        for (let i = 0; i < 5; i += 1) await put("enrollment", `e${i}`);
      },
    });
    await streams.drain();
    expect(batches.map(ids)).toEqual([
      ["e0", "e1", "e2", "e3", "e4"],
      ["e3", "e4"],
    ]);
  });

  it("halves a batch that fails as a whole until the poison record is alone, and dead-letters it after its retries", async () => {
    silenceErrors();
    const { streams, batches } = await givenStream({
      respond: (records) => {
        if (ids(records).includes("poison")) throw new Error("cannot handle the poison record");
      },
      before: async (put) => {
        for (const id of ["e0", "e1", "poison", "e3", "e4"]) await put("enrollment", id);
      },
    });
    await streams.drain();

    // The batch of five, its halves, the poison alone with its 2 retries; every other record handled exactly once.
    expect(batches[0]!.length).toBe(5);
    const handled = batches.filter((batch) => !ids(batch).includes("poison")).flatMap(ids);
    expect(handled.sort()).toEqual(["e0", "e1", "e3", "e4"]);
    expect(batches.filter((batch) => ids(batch).length === 1 && ids(batch)[0] === "poison")).toHaveLength(3);
    const dead = streams.deadLetters("Recorder");
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ reason: "cannot handle the poison record" });
    expect(dead[0]!.sequenceNumbers).toEqual([batches.find((batch) => ids(batch)[0] === "poison" && batch.length === 1)![0]!.dynamodb!.SequenceNumber]);
  });

  it("drain waits for what was written before it, even while the reader sleeps", async () => {
    const { streams, put, records } = await givenStream({ batchSize: 100 });
    await streams.drain();
    await put("lesson", "late");
    await streams.drain();
    expect(ids(records())).toEqual(["late"]);
  });
});
