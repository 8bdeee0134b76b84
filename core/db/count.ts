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
