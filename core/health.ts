import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { Table } from "./bindings";
import { dynamo } from "./db/client";
import { databaseUnavailable } from "./db/unavailable";
import { logger } from "./logger";
import { tableSchema } from "./db/table-schema";

/** The API is healthy when a read of its table succeeds (a GetItem of a key that never exists: cheap, no Scan). */
export async function check(): Promise<{ status: "ok" }> {
  try {
    await dynamo.send(
      new GetItemCommand({
        TableName: Table.Main.tableName,
        Key: { [tableSchema.partitionKey]: { S: "$health" }, [tableSchema.sortKey]: { S: "$health" } },
      }),
    );
    return { status: "ok" };
  } catch (error) {
    // Whatever the reason (down, throttled, the table missing), the API is not healthy: the one 503 of the API.
    logger.error("health check: table unreachable", error as Error);
    throw databaseUnavailable();
  }
}
