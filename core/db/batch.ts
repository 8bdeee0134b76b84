import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import { Table } from "../bindings";
import { documentClient } from "./client";
import { tableSchema } from "./table-schema";

const { partitionKey: PK, sortKey: SK } = tableSchema;

/**
 * Every item of a BatchGetItem. DynamoDB may leave keys unprocessed when it throttles; dropping them would
 * silently shorten a page, so they are asked again with backoff, and only a persistent failure becomes an
 * error (a logged 5xx: DynamoDB is overloaded, not the client's fault).
 *
 *   const courses = await getAll(ids.map((course_id) => ({ course_id })), (keys) => db().entities.course.get(keys).go());
 */
export async function getAll<Key, Item>(
  keys: Key[],
  fetch: (keys: Key[]) => Promise<{ data: Item[]; unprocessed: Key[] }>,
  attempts = 4,
): Promise<Item[]> {
  const items: Item[] = [];
  let pending = keys;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    if (attempt > attempts) throw new Error(`BatchGetItem left ${pending.length} of ${keys.length} keys unprocessed after ${attempts} attempts`);
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * 2 ** attempt));
    const { data, unprocessed } = await fetch(pending);
    items.push(...data);
    pending = unprocessed;
  }
  return items;
}

/** One item to read in a mixed BatchGetItem: its key (an ElectroDB `get(...).params()`) and how its entity reads it. */
export interface Wanted<T> {
  params: { Key?: Record<string, unknown> };
  parse(item: Record<string, unknown>): { data: T | null };
}

/**
 * Items of different entities in one BatchGetItem (strongly consistent), each parsed by its own entity; a missing
 * item is `undefined`. `getAll` above is the same for many items of one entity.
 *
 *   const { user, course } = await getEach({
 *     user: { params: db().entities.user.get({ user_id }).params(), parse: (Item) => db().entities.user.parse({ Item }) },
 *     course: …,
 *   });
 */
export async function getEach<R extends Record<string, Wanted<unknown> | undefined>>(wanted: R): Promise<{ [K in keyof R]: ItemOf<R[K]> }> {
  const entries = Object.entries(wanted).filter((entry): entry is [string, Wanted<unknown>] => entry[1] !== undefined);
  const identity = (key: Record<string, unknown>) => `${String(key[PK])}\n${String(key[SK])}`;
  const keys = [...new Map(entries.map(([, { params }]) => [identity(params.Key!), params.Key!])).values()];
  const found = new Map<string, Record<string, unknown>>();
  if (keys.length > 0) {
    const items = await getAll(keys, async (pending) => {
      const result = await documentClient.send(new BatchGetCommand({ RequestItems: { [Table.Main.tableName]: { Keys: pending, ConsistentRead: true } } }));
      return { data: result.Responses?.[Table.Main.tableName] ?? [], unprocessed: (result.UnprocessedKeys?.[Table.Main.tableName]?.Keys ?? []) as Record<string, unknown>[] };
    });
    for (const item of items) found.set(identity(item), item);
  }
  const result: Record<string, unknown> = {};
  for (const [name, { params, parse }] of entries) {
    const item = found.get(identity(params.Key!));
    result[name] = item ? (parse(item).data ?? undefined) : undefined;
  }
  return result as { [K in keyof R]: ItemOf<R[K]> };
}

/** What a `Wanted` reads (distributed over `Wanted | undefined`, for items asked only sometimes). */
type ItemOf<W> = W extends Wanted<infer T> ? T | undefined : undefined;
