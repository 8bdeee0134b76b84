import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { logger } from "../logger";
import { tableSchema } from "../db/table-schema";
import { nextWrite, type AuditOrigin } from "./origin";

/**
 * Stamps every item an admin's request writes with who and which request (`_actor`, `_route`, `_request`, `_at`) and
 * which write of it (`_write`), so that the table's stream can tell an admin's change from anyone else's and say who
 * made it (core/audit/record.ts). One middleware on the one DynamoDB client: every write of the app goes through
 * it, whatever entity it touches, so entities added later are audited without doing anything.
 *
 * - PutItem, UpdateItem and the Puts and Updates of TransactWriteItems and BatchWriteItem carry the stamp in the
 *   same request: no extra round trip, and it lands only if the write does.
 * - A deletion carries no attributes, and the stream's REMOVE record shows the item as it was. So the item is first
 *   stamped alone (one UpdateItem per deleted item, under the deletion's own condition, and never creating one that
 *   is not there) with `_op = "delete"`; its REMOVE record then names the admin. If the deletion then fails, that
 *   mark is taken off again, so that a later deletion by someone else is not put on the admin. A stamp-only change
 *   is never an audit entry.
 *
 * ElectroDB never sees these attributes: it reads only the attributes its entities declare (unknown ones are left
 * out of every answer) and writes only its own, so a stamp cannot leak into a response or be written back.
 */
export const STAMP = {
  actor: "_actor",
  route: "_route",
  request: "_request",
  write: "_write",
  at: "_at",
  /** `delete` on the stamp that precedes a deletion, `write` otherwise. */
  op: "_op",
} as const;

export type StampOp = "write" | "delete";

type Input = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the SDK commands' inputs, of several shapes

const PK = tableSchema.partitionKey;
const names = Object.fromEntries(Object.entries(STAMP).map(([name, attribute]) => [`#audit_${name}`, attribute]));
const setClause = Object.keys(STAMP)
  .map((name) => `#audit_${name} = :audit_${name}`)
  .join(", ");

function stampValues(origin: AuditOrigin, write: number, op: StampOp): Record<string, string | number> {
  return {
    ":audit_actor": origin.actor,
    ":audit_route": origin.route,
    ":audit_request": origin.request,
    ":audit_write": write,
    ":audit_at": origin.at,
    ":audit_op": op,
  };
}

function stampAttributes(origin: AuditOrigin, write: number): Record<string, string | number> {
  return { [STAMP.actor]: origin.actor, [STAMP.route]: origin.route, [STAMP.request]: origin.request, [STAMP.write]: write, [STAMP.at]: origin.at, [STAMP.op]: "write" };
}

/**
 * The app writes through the document client (ElectroDB and core/db/*), whose inputs hold plain values at this step;
 * a raw client command would hold AttributeValues, which a plain stamp would corrupt. Refused loudly, in an admin's
 * request only, rather than written unaudited.
 */
function assertDocumentInput(record: Input | undefined): void {
  const value = record?.[PK];
  if (value !== undefined && typeof value !== "string") {
    throw new Error("An admin's write reached DynamoDB as a raw client command: write through ElectroDB or the document client (core/db/client.ts) so it is audited.");
  }
}

function stampPut<T extends Input>(put: T, origin: AuditOrigin, write: number): T {
  assertDocumentInput(put.Item);
  return { ...put, Item: { ...put.Item, ...stampAttributes(origin, write) } };
}

/** Adds the stamp to the SET clause of an update expression (or gives it one). Attribute names are placeholders, so `SET` is only ever the keyword. */
function stampUpdate<T extends Input>(update: T, origin: AuditOrigin, write: number): T {
  assertDocumentInput(update.Key);
  const expression = String(update.UpdateExpression ?? "");
  const set = /(^|\s)SET\s+/i.exec(expression);
  const stamped = set ? `${expression.slice(0, set.index + set[0].length)}${setClause}, ${expression.slice(set.index + set[0].length)}` : `SET ${setClause} ${expression}`.trim();
  return {
    ...update,
    UpdateExpression: stamped,
    ExpressionAttributeNames: { ...update.ExpressionAttributeNames, ...names },
    ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ...stampValues(origin, write, "write") },
  };
}

/** Our own stamp-only updates come through this middleware again: they are recognised and let pass. */
const isOwnStamp = (input: Input): boolean => input.ExpressionAttributeNames?.["#audit_request"] !== undefined;

interface Deletion {
  TableName: string;
  Key: Record<string, unknown>;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

const isConditionFailure = (error: unknown): boolean => (error as { name?: string }).name === "ConditionalCheckFailedException";

/**
 * The stamp before a deletion, under the deletion's own condition and only if the item exists. Returns whether the
 * item was stamped (false: it is not there, or the deletion's condition already fails, so the deletion will too).
 */
async function stampDeletion(client: DynamoDBClient, deletion: Deletion, origin: AuditOrigin, write: number): Promise<boolean> {
  assertDocumentInput(deletion.Key);
  const own = deletion.ConditionExpression ? ` AND (${deletion.ConditionExpression})` : "";
  try {
    await client.send(
      new UpdateCommand({
        TableName: deletion.TableName,
        Key: deletion.Key,
        UpdateExpression: `SET ${setClause}`,
        ConditionExpression: `attribute_exists(#audit_key)${own}`,
        ExpressionAttributeNames: { ...deletion.ExpressionAttributeNames, ...names, "#audit_key": PK },
        ExpressionAttributeValues: { ...deletion.ExpressionAttributeValues, ...stampValues(origin, write, "delete") },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Takes the deletion mark off an item whose deletion failed, if the mark is still this one. Best effort: a mark left behind is ignored after 15 minutes (core/audit/record.ts). */
async function unstampDeletion(client: DynamoDBClient, deletion: Deletion, origin: AuditOrigin, write: number): Promise<void> {
  try {
    await client.send(
      new UpdateCommand({
        TableName: deletion.TableName,
        Key: deletion.Key,
        UpdateExpression: "REMOVE #audit_op",
        ConditionExpression: "#audit_request = :audit_request AND #audit_write = :audit_write",
        ExpressionAttributeNames: { "#audit_op": STAMP.op, "#audit_request": STAMP.request, "#audit_write": STAMP.write },
        ExpressionAttributeValues: { ":audit_request": origin.request, ":audit_write": write },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) logger.warn("could not take the deletion mark off an item whose deletion failed", { request: origin.request, error: (error as Error).name });
  }
}

/**
 * Runs a request that deletes `deletions` (and maybe writes more): stamps each deleted item first, side by side, and
 * takes the marks off those the request did not delete (`undeleted` reads them from its answer).
 */
async function withDeletionsStamped<R>(
  client: DynamoDBClient,
  deletions: Deletion[],
  origin: AuditOrigin,
  write: number,
  send: () => Promise<R>,
  undeleted: (result: R) => Deletion[] = () => [],
): Promise<R> {
  const stamped = (await Promise.all(deletions.map(async (deletion) => ((await stampDeletion(client, deletion, origin, write)) ? deletion : undefined)))).filter(
    (deletion): deletion is Deletion => deletion !== undefined,
  );
  let result: R;
  try {
    result = await send();
  } catch (error) {
    await Promise.all(stamped.map((deletion) => unstampDeletion(client, deletion, origin, write)));
    throw error;
  }
  const left = undeleted(result);
  if (left.length > 0) await Promise.all(left.map((deletion) => unstampDeletion(client, deletion, origin, write)));
  return result;
}

const WRITES = new Set(["PutItemCommand", "UpdateItemCommand", "DeleteItemCommand", "TransactWriteItemsCommand", "BatchWriteItemCommand"]);

export function stampAdminWrites(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Input;
      if (!WRITES.has(String(context.commandName)) || isOwnStamp(input)) return next(args);
      const stamp = nextWrite();
      if (!stamp) return next(args);
      const { origin, write } = stamp;
      const send = (changed: Input) => next({ ...args, input: changed });

      switch (context.commandName) {
        case "PutItemCommand":
          return send(stampPut(input, origin, write));
        case "UpdateItemCommand":
          return send(stampUpdate(input, origin, write));
        case "DeleteItemCommand":
          return withDeletionsStamped(client, [input as Deletion], origin, write, () => send(input));
        case "TransactWriteItemsCommand": {
          const items = (input.TransactItems ?? []) as Input[];
          const deletions = items.filter((item) => item.Delete).map((item) => item.Delete as Deletion);
          const stamped = items.map((item) =>
            item.Put ? { ...item, Put: stampPut(item.Put, origin, write) } : item.Update ? { ...item, Update: stampUpdate(item.Update, origin, write) } : item,
          );
          return withDeletionsStamped(client, deletions, origin, write, () => send({ ...input, TransactItems: stamped }));
        }
        default: {
          // BatchWriteItem: puts carry the stamp; deletions are stamped first; unprocessed ones are unmarked.
          const requestItems = (input.RequestItems ?? {}) as Record<string, Input[]>;
          const deletions = Object.entries(requestItems).flatMap(([TableName, requests]) =>
            requests.filter((request) => request.DeleteRequest).map((request) => ({ TableName, Key: request.DeleteRequest.Key }) as Deletion),
          );
          const stamped = Object.fromEntries(
            Object.entries(requestItems).map(([table, requests]) => [
              table,
              requests.map((request) => (request.PutRequest ? { PutRequest: stampPut(request.PutRequest, origin, write) } : request)),
            ]),
          );
          return withDeletionsStamped(
            client,
            deletions,
            origin,
            write,
            () => send({ ...input, RequestItems: stamped }),
            (result) =>
              Object.entries(((result.output as Input).UnprocessedItems ?? {}) as Record<string, Input[]>).flatMap(([TableName, requests]) =>
                requests.filter((request) => request.DeleteRequest).map((request) => ({ TableName, Key: request.DeleteRequest.Key }) as Deletion),
              ),
          );
        }
      }
    },
    { step: "initialize", name: "auditStamp" },
  );
}
