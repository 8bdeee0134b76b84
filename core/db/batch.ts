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
