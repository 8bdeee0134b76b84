import { paginateQuery, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { documentClient } from "./client";

/**
 * Counts the items of an indexed Query (ElectroDB builds it: `entity.query.x(...).where(...).params()`), with
 * `Select: COUNT` so no item travels back. The dashboard's figures come from here, never from a Scan.
 * Cost: the read capacity of the items the key condition covers (the filter runs after the read).
 */
export async function countQuery(params: object): Promise<number> {
  let count = 0;
  for await (const page of paginateQuery({ client: documentClient }, { ...(params as QueryCommandInput), Select: "COUNT" })) {
    count += page.Count ?? 0;
  }
  return count;
}

/**
 * Several counts from one pass over an indexed Query: only `attributes` travel back, and each item is counted
 * by every predicate it meets ("all users" and "active users" from a single read of the users index).
 */
export async function tallyQuery<Name extends string>(
  params: object,
  attributes: readonly string[],
  predicates: Record<Name, (item: Record<string, unknown>) => boolean>,
): Promise<Record<Name, number>> {
  const input = params as QueryCommandInput;
  const names = Object.fromEntries(attributes.map((attribute, index) => [`#tally${index}`, attribute]));
  const counts = Object.fromEntries(Object.keys(predicates).map((name) => [name, 0])) as Record<Name, number>;
  const pages = paginateQuery(
    { client: documentClient },
    { ...input, ProjectionExpression: Object.keys(names).join(", "), ExpressionAttributeNames: { ...input.ExpressionAttributeNames, ...names } },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      for (const name of Object.keys(predicates) as Name[]) if (predicates[name](item)) counts[name] += 1;
    }
  }
  return counts;
}
