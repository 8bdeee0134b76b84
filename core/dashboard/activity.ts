import { QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { Table } from "../bindings";
import { clock } from "../clock";
import { documentClient } from "../db/client";
import { tableSchema } from "../db/table-schema";

const { partitionKey: PK, sortKey: SK } = tableSchema;

/** The daily counters: one item per UTC day in partition `ACTIVITY`, sort key the date (docs/data-model.md). */
const ACTIVITY = "ACTIVITY";
export const COUNTERS = ["new_users", "new_enrollments", "lesson_completions", "comments"] as const;
export type Counter = (typeof COUNTERS)[number];
export type ActivityDay = { date: string } & Record<Counter, number>;

const CLAIM_TTL_SECONDS = 2 * 24 * 3600;

const dateOf = (at: Date): string => at.toISOString().slice(0, 10);

/**
 * Adds one to a day's counter for one stream event, once: the claim item (event id, counter) is put with
 * `attribute_not_exists` in the same transaction as the ADD, so a redelivered record changes nothing.
 */
export async function count(eventId: string, counter: Counter, at: Date): Promise<void> {
  const date = dateOf(at);
  try {
    await documentClient.send(new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: Table.Main.tableName,
            // A stream keeps a record 24 hours, so no redelivery can come after two days: the claim expires then.
            Item: { [PK]: `ACTIVITY_CLAIM#${eventId}`, [SK]: counter, [tableSchema.ttlAttribute]: Math.floor(clock.now().getTime() / 1000) + CLAIM_TTL_SECONDS },
            ConditionExpression: `attribute_not_exists(${PK})`,
          },
        },
        {
          Update: {
            TableName: Table.Main.tableName,
            Key: { [PK]: ACTIVITY, [SK]: date },
            UpdateExpression: "ADD #counter :one",
            ExpressionAttributeNames: { "#counter": counter },
            ExpressionAttributeValues: { ":one": 1 },
          },
        },
      ],
    }));
  } catch (error) {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if (reasons?.[0]?.Code === "ConditionalCheckFailed") return; // counted already
    throw error;
  }
}

/** The last `days` UTC days, today included, oldest first, every day present: one Query over the date range. */
export async function activity(days: number): Promise<{ days: ActivityDay[] }> {
  const today = clock.now();
  const dates = Array.from({ length: days }, (_, index) => dateOf(new Date(today.getTime() - (days - 1 - index) * 86_400_000)));
  const result = await documentClient.send(new QueryCommand({
    TableName: Table.Main.tableName,
    KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
    ExpressionAttributeNames: { "#pk": PK, "#sk": SK },
    ExpressionAttributeValues: { ":pk": ACTIVITY, ":from": dates[0], ":to": dates[dates.length - 1] },
  }));
  const stored = new Map((result.Items ?? []).map((item) => [String(item[SK]), item]));
  return {
    days: dates.map((date) => {
      const item = stored.get(date);
      return { date, ...Object.fromEntries(COUNTERS.map((counter) => [counter, Number(item?.[counter] ?? 0)])) } as ActivityDay;
    }),
  };
}
