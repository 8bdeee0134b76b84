/**
 * The table's DynamoDB Stream and its Lambda consumers (the event source mappings of stacks/consumers.ts), in process,
 * for `npm run dev` and the tests. DynamoDB Local implements the Streams API: one reader polls the table's stream
 * (DescribeStream, GetShardIterator, GetRecords, as Lambda's poller does) and hands each record to every consumer
 * whose entities it concerns (the event filter on `__edb_e__`).
 *
 * What the consumers rely on is reproduced, per consumer: records of a shard in order, in batches of up to
 * `batchSize`; partial batch responses (`batchItemFailures` by sequence number: the batch is retried from the first
 * failed record); a batch that fails as a whole is halved until the failing record is alone (bisect on error); after
 * `maxRetries` retries its records go to the consumer's dead letters and the shard moves on. Left out because the
 * app does not use them: parallelization factor, tumbling windows, maximum record age.
 */
import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as StreamRecordFromSdk,
} from "@aws-sdk/client-dynamodb-streams";
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { LOCAL_REGION } from "./bindings";
import { DYNAMO_LOCAL_CREDENTIALS } from "./dynamodb";
import { lambdaContext } from "./lambda-context";

export type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse | void>;

export interface StreamConsumerOptions {
  /** The consumer's name in core/consumers.ts. */
  name: string;
  /** Loaded on the first batch and kept, like a cold start. */
  consumer: () => Promise<StreamHandler>;
  entities: readonly string[] | "any";
  withAttribute?: string;
  batchSize: number;
  maxRetries: number;
  timeoutMs: number;
  /** Between the retries of a failing batch (Lambda retries at once; a little delay keeps the logs readable). */
  retryDelayMs?: number;
}

export interface StreamDeadLetter {
  /** The records' sequence numbers, as the onFailure destination receives their positions. */
  sequenceNumbers: string[];
  reason: string;
}

export interface LocalStreams {
  /** Resolves once every record written before the call has been read and handled by every consumer. */
  drain(timeoutMs?: number): Promise<void>;
  deadLetters(consumer: string): ReadonlyArray<StreamDeadLetter>;
  close(): Promise<void>;
}

export interface LocalStreamsOptions {
  endpoint: string;
  tableName: string;
  consumers: readonly StreamConsumerOptions[];
  /** Where reading starts for shards that exist when the reader first finds the stream (new shards: their start). */
  startingPosition: "TRIM_HORIZON" | "LATEST";
  /** Between reads while nothing comes (default 250 ms). */
  pollMs?: number;
}

interface Shard {
  id: string;
  iterator: string | undefined;
  /** Closed and read to its end. */
  done: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startLocalStreams(options: LocalStreamsOptions): LocalStreams {
  const pollMs = options.pollMs ?? 250;
  const config = { endpoint: options.endpoint, region: LOCAL_REGION, credentials: DYNAMO_LOCAL_CREDENTIALS };
  const dynamo = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  const consumers = options.consumers.map((consumer) => ({ ...consumer, dead: [] as StreamDeadLetter[], handler: undefined as Promise<StreamHandler> | undefined }));
  const shards = new Map<string, Shard>();
  let streamArn: string | undefined;
  let firstListing = true;
  let closed = false;
  /** Completed read passes that found nothing new and left nothing to handle. */
  let quietPasses = 0;
  const quietWaiters = new Set<{ after: number; resolve(): void }>();

  async function findStream(): Promise<string | undefined> {
    try {
      const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
      return Table?.LatestStreamArn;
    } catch (error) {
      if ((error as { name?: string }).name === "ResourceNotFoundException") return undefined;
      throw error;
    }
  }

  async function listShards(arn: string): Promise<void> {
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: exclusiveStartShardId }));
      for (const shard of StreamDescription?.Shards ?? []) {
        if (!shard.ShardId || shards.has(shard.ShardId)) continue;
        const type = firstListing ? options.startingPosition : "TRIM_HORIZON";
        const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: type }));
        shards.set(shard.ShardId, { id: shard.ShardId, iterator: ShardIterator, done: !ShardIterator });
      }
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    firstListing = false;
  }

  /** One read of every open shard; the records of each shard are handled in order before the next read. */
  async function readPass(): Promise<number> {
    let read = 0;
    for (const shard of shards.values()) {
      if (shard.done || !shard.iterator) continue;
      let response;
      try {
        response = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }));
      } catch (error) {
        // Records older than the stream's retention are gone: start again from what is left.
        if (!(error instanceof TrimmedDataAccessException)) throw error;
        const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.id, ShardIteratorType: "TRIM_HORIZON" }));
        shard.iterator = ShardIterator;
        continue;
      }
      shard.iterator = response.NextShardIterator;
      shard.done = !response.NextShardIterator;
      const records = (response.Records ?? []).map((record) => toLambdaRecord(record, streamArn!));
      read += records.length;
      for (const consumer of consumers) {
        const mine = records.filter((record) => concerns(record, consumer));
        for (let offset = 0; offset < mine.length; offset += consumer.batchSize) await runBatch(consumer, mine.slice(offset, offset + consumer.batchSize));
      }
    }
    return read;
  }

  async function run(): Promise<void> {
    let lastListing = 0;
    while (!closed) {
      try {
        streamArn ??= await findStream();
        if (streamArn && (Date.now() - lastListing > 5000 || [...shards.values()].every((shard) => shard.done))) {
          await listShards(streamArn);
          lastListing = Date.now();
        }
        const read = streamArn ? await readPass() : 0;
        if (read > 0) continue;
        quietPasses += 1;
        for (const waiter of [...quietWaiters]) if (quietPasses > waiter.after) waiter.resolve();
      } catch (error) {
        if (!closed) console.error(`[stream ${options.tableName}] reading failed; trying again:`, error);
      }
      await sleep(pollMs);
    }
  }

  type Consumer = (typeof consumers)[number];

  /** One batch with Lambda's retry, partial-failure and bisect rules. */
  async function runBatch(consumer: Consumer, batch: DynamoDBRecord[]): Promise<void> {
    let rest = batch;
    for (let retries = 0; rest.length > 0; retries += 1) {
      const outcome = await invoke(consumer, rest);
      if (outcome.kind === "ok") return;
      if (outcome.kind === "whole" && rest.length > 1) {
        const half = Math.ceil(rest.length / 2);
        await runBatch(consumer, rest.slice(0, half));
        await runBatch(consumer, rest.slice(half));
        return;
      }
      if (outcome.kind === "partial") rest = rest.slice(outcome.from);
      if (retries >= consumer.maxRetries) {
        consumer.dead.push({ sequenceNumbers: rest.map((record) => record.dynamodb!.SequenceNumber!), reason: outcome.reason });
        console.error(`[stream ${consumer.name}] ${rest.length} record(s) moved to the dead letters after ${retries} retries (${outcome.reason})`);
        return;
      }
      await sleep(consumer.retryDelayMs ?? 50);
    }
  }

  type Outcome = { kind: "ok" } | { kind: "whole"; reason: string } | { kind: "partial"; from: number; reason: string };

  async function invoke(consumer: Consumer, records: DynamoDBRecord[]): Promise<Outcome> {
    let timer: NodeJS.Timeout | undefined;
    try {
      consumer.handler ??= consumer.consumer();
      consumer.handler.catch(() => (consumer.handler = undefined));
      const handler = await consumer.handler;
      const run = handler({ Records: records }, lambdaContext(`dulcevicio-local-${consumer.name}`, consumer.timeoutMs));
      run.catch(() => {});
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the consumer did not finish within ${consumer.timeoutMs} ms`)), consumer.timeoutMs);
      });
      const response = await Promise.race([run, timedOut]);
      const failures = response?.batchItemFailures ?? [];
      if (failures.length === 0) return { kind: "ok" };
      const positions = failures.map(({ itemIdentifier }) => records.findIndex((record) => record.dynamodb?.SequenceNumber === itemIdentifier));
      // As on Lambda, an identifier that is not a record of the batch fails the whole batch.
      if (positions.some((position) => position < 0)) return { kind: "whole", reason: "invalid batchItemFailures" };
      return { kind: "partial", from: Math.min(...positions), reason: "reported in batchItemFailures" };
    } catch (error) {
      console.error(`[stream ${consumer.name}] a batch of ${records.length} failed as a whole:`, error);
      return { kind: "whole", reason: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  const running = consumers.length > 0 ? run() : Promise.resolve();

  return {
    drain(timeoutMs = 60_000) {
      if (consumers.length === 0) return Promise.resolve();
      // Two quiet passes after this call: the first may have begun before the caller's last write.
      const after = quietPasses + 1;
      return new Promise<void>((resolve, reject) => {
        const waiter = {
          after,
          resolve: () => {
            clearTimeout(timer);
            quietWaiters.delete(waiter);
            resolve();
          },
        };
        const timer = setTimeout(() => {
          quietWaiters.delete(waiter);
          reject(new Error(`the stream of ${options.tableName} did not drain within ${timeoutMs} ms`));
        }, timeoutMs);
        quietWaiters.add(waiter);
      });
    },
    deadLetters: (name) => consumers.find((consumer) => consumer.name === name)?.dead.map((letter) => ({ ...letter })) ?? [],
    async close() {
      closed = true;
      await running;
      dynamo.destroy();
      streams.destroy();
    },
  };
}

/**
 * Does one of a record's images (the new one, or the old one of a removal) pass the consumer's event filter: one of
 * its entities (any, for "any") and, when it asks, the attribute?
 */
function concerns(record: DynamoDBRecord, { entities, withAttribute }: Pick<StreamConsumerOptions, "entities" | "withAttribute">): boolean {
  return [record.dynamodb?.NewImage, record.dynamodb?.OldImage].some((image) => {
    const name = image?.__edb_e__?.S;
    if (name === undefined || (entities !== "any" && !entities.includes(name))) return false;
    return withAttribute === undefined || image?.[withAttribute]?.S !== undefined;
  });
}

/** A record as the Streams API gives it, in the shape Lambda hands to a function. */
function toLambdaRecord(record: StreamRecordFromSdk, eventSourceARN: string): DynamoDBRecord {
  const change = record.dynamodb!;
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord["eventName"],
    eventVersion: record.eventVersion,
    eventSource: "aws:dynamodb",
    awsRegion: LOCAL_REGION,
    eventSourceARN,
    dynamodb: {
      // Lambda gives epoch seconds; the SDK parsed them into a Date.
      ApproximateCreationDateTime: change.ApproximateCreationDateTime ? Math.floor(change.ApproximateCreationDateTime.getTime() / 1000) : undefined,
      Keys: change.Keys as never,
      NewImage: change.NewImage as never,
      OldImage: change.OldImage as never,
      SequenceNumber: change.SequenceNumber,
      SizeBytes: change.SizeBytes,
      StreamViewType: change.StreamViewType as never,
    },
  };
}
