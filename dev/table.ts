import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { tableSchema } from "../core/db/table-schema";

/** As stacks/Storage.ts: the stream consumers of core/consumers.ts read new and old images. */
const STREAM = { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" } as const;

const indexes = Object.entries(tableSchema.globalIndexes);

const keyAttributes = (keys: { partitionKey: string; sortKey: string }) => [keys.partitionKey, keys.sortKey].map((name) => ({ AttributeName: name, AttributeType: "S" as const }));

const globalIndex = ([name, keys]: (typeof indexes)[number]) => ({
  IndexName: name,
  KeySchema: [
    { AttributeName: keys.partitionKey, KeyType: "HASH" as const },
    { AttributeName: keys.sortKey, KeyType: "RANGE" as const },
  ],
  Projection: { ProjectionType: "ALL" as const },
});

/** A new index is backfilled before it answers Queries (DynamoDB Local takes a moment too). */
async function indexesActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if ((Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === "ACTIVE")) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the indexes of ${tableName} did not become active within 30 s`);
}

/** Creates the Main table with the stack's key schema (`core/db/table-schema.ts`) when it is missing. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<"created" | "exists"> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    // A data folder from before the stream was switched on gets it now.
    if (!Table?.StreamSpecification?.StreamEnabled) await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: STREAM }));
    // And the indexes added since it was created, one at a time (as DynamoDB, and a stack update, allow).
    for (const index of indexes.filter(([name]) => !Table?.GlobalSecondaryIndexes?.some((existing) => existing.IndexName === name))) {
      await client.send(
        new UpdateTableCommand({ TableName: tableName, AttributeDefinitions: keyAttributes(index[1]), GlobalSecondaryIndexUpdates: [{ Create: globalIndex(index) }] }),
      );
      await indexesActive(client, tableName);
    }
    return "exists";
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ partitionKey: tableSchema.partitionKey, sortKey: tableSchema.sortKey }, ...indexes.map(([, keys]) => keys)].flatMap(keyAttributes),
      KeySchema: [
        { AttributeName: tableSchema.partitionKey, KeyType: "HASH" },
        { AttributeName: tableSchema.sortKey, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: indexes.map(globalIndex),
      StreamSpecification: STREAM,
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: tableSchema.ttlAttribute, Enabled: true } }),
  );
  return "created";
}
