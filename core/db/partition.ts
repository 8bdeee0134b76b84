import { BatchWriteCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { Table } from "../bindings";
import { documentClient as documents } from "./client";
import { tableSchema } from "./table-schema";

const { partitionKey: PK, sortKey: SK } = tableSchema;

export interface ItemKey {
  [PK]: string;
  [SK]: string;
}

/**
 * Keys of every item in a partition, whatever its entity: a course's partition holds the course, its lessons
 * and recipes and everything added later that belongs to the course, so deleting the course never has to know
 * the full list of entities. Pages through with a keys-only projection.
 */
export async function keysInPartition(pk: string): Promise<ItemKey[]> {
  const keys: ItemKey[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        TableName: Table.Main.tableName,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": PK, "#sk": SK },
        ExpressionAttributeValues: { ":pk": pk },
        ProjectionExpression: "#pk, #sk",
        ExclusiveStartKey: start,
      }),
    );
    keys.push(...((page.Items ?? []) as ItemKey[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return keys;
}

/** Deletes items 25 at a time (BatchWriteItem's limit), retrying what DynamoDB hands back unprocessed. */
export async function deleteItems(keys: ItemKey[]): Promise<void> {
  for (let offset = 0; offset < keys.length; offset += 25) {
    let requests = keys.slice(offset, offset + 25).map((key) => ({ DeleteRequest: { Key: { [PK]: key[PK], [SK]: key[SK] } } }));
    for (let attempt = 0; requests.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** Math.min(attempt, 5)));
      const result = await documents.send(new BatchWriteCommand({ RequestItems: { [Table.Main.tableName]: requests } }));
      requests = (result.UnprocessedItems?.[Table.Main.tableName] ?? []) as typeof requests;
      if (attempt > 8 && requests.length > 0) throw new Error(`BatchWriteItem left ${requests.length} items unprocessed`);
    }
  }
}
