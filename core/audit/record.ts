import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { epochSeconds } from "../clock";
import type { AuditAction, AuditField } from "../db/entities/audit-entry";
import { db } from "../db/service";
import { isConditionalCheckFailure } from "../db/transactions";
import { changedFields, NEVER_AUDITED_ENTITIES, plain } from "./fields";
import { STAMP } from "./stamp";

/**
 * The audit consumer's one job: a change of the table, read from its stream, becomes an audit entry when an admin's
 * request made it (core/audit/stamp.ts). Decided from the record alone:
 *
 * - an insert or an update is the admin's when the new image carries a stamp that the old one did not (a student's
 *   or a consumer's later write to an item an admin once wrote leaves that old stamp untouched, so it is not theirs);
 * - an update that changed nothing but the stamp (the mark before a deletion, or its removal) is no entry;
 * - a removal is the admin's when the old image carries the deletion mark, made moments before: a mark left by a
 *   request that died between marking and deleting is not put on whoever deletes the item much later.
 */

export const RETENTION_DAYS = 400;

/** The longest a request can take to delete what it marked: a Lambda function runs for 15 minutes at most. */
const DELETION_MARK_SECONDS = 15 * 60;

export interface AuditEntryRecord {
  entry_id: string;
  request_id: string;
  at: string;
  write: number;
  actor_id: string;
  route: string;
  target_type: string;
  target_id: string;
  action: AuditAction;
  fields: AuditField[];
  expires_at_epoch: number;
}

interface Stamp {
  actor: string;
  route: string;
  request: string;
  write: number;
  at: string;
  op: string | undefined;
}

function stampOf(image: Record<string, unknown> | undefined): Stamp | undefined {
  if (!image) return undefined;
  const [actor, route, request, write, at] = [image[STAMP.actor], image[STAMP.route], image[STAMP.request], image[STAMP.write], image[STAMP.at]];
  if (typeof actor !== "string" || typeof route !== "string" || typeof request !== "string" || typeof write !== "number" || typeof at !== "string") return undefined;
  const op = image[STAMP.op];
  return { actor, route, request, write, at, op: typeof op === "string" ? op : undefined };
}

interface EntityShape {
  /** Declared attributes with the item field each is stored in. */
  attributes: Array<{ name: string; field: string }>;
  /** How the target is named: its `<entity>_id`, else the composites of its primary key. */
  idFields: string[];
}

interface ElectroSchema {
  model: { entity: string };
  attributes: Record<string, { field?: string; hidden?: boolean }>;
  indexes: Record<string, { index?: string; pk: { composite: readonly string[] }; sk?: { composite: readonly string[] } }>;
}

let shapes: Map<string, EntityShape> | undefined;

/** Every entity of the service, read from its own schema: an entity added to core/db/service.ts is covered as it lands. */
function entityShapes(): Map<string, EntityShape> {
  if (shapes) return shapes;
  shapes = new Map();
  for (const entity of Object.values(db().entities) as unknown as Array<{ schema: ElectroSchema }>) {
    const { model, attributes, indexes } = entity.schema;
    // Hidden attributes are derived index keys (an enrollment's `expires_day`): the change is the attribute they follow.
    const declared = Object.entries(attributes)
      .filter(([, definition]) => !definition.hidden)
      .map(([name, definition]) => ({ name, field: definition.field ?? name }));
    const primary = Object.values(indexes).find((index) => index.index === undefined);
    const ownId = `${model.entity}_id`;
    const idFields = ownId in attributes ? [ownId] : [...(primary?.pk.composite ?? []), ...(primary?.sk?.composite ?? [])];
    shapes.set(model.entity, { attributes: declared, idFields: idFields.map((name) => attributes[name]?.field ?? name) });
  }
  return shapes;
}

/** The entry a stream record makes, or undefined when it is not an admin's change. */
export function entryOf(record: DynamoDBRecord): AuditEntryRecord | undefined {
  const change = record.dynamodb;
  if (!change || !record.eventID) return undefined;
  const before = change.OldImage ? (plain(unmarshall(change.OldImage as never)) as Record<string, unknown>) : undefined;
  const after = change.NewImage ? (plain(unmarshall(change.NewImage as never)) as Record<string, unknown>) : undefined;
  const entity = (after ?? before)?.__edb_e__;
  if (typeof entity !== "string" || NEVER_AUDITED_ENTITIES.has(entity)) return undefined;
  const shape = entityShapes().get(entity);
  if (!shape) return undefined;

  let stamp: Stamp | undefined;
  let action: AuditAction;
  if (record.eventName === "REMOVE") {
    stamp = stampOf(before);
    const madeAt = change.ApproximateCreationDateTime;
    if (!stamp || stamp.op !== "delete" || (madeAt !== undefined && madeAt - epochSeconds(new Date(stamp.at)) > DELETION_MARK_SECONDS)) return undefined;
    action = "deleted";
  } else {
    stamp = stampOf(after);
    const earlier = stampOf(before);
    if (!stamp || (earlier && earlier.request === stamp.request && earlier.write === stamp.write)) return undefined;
    action = before ? "updated" : "created";
  }
  const fields = changedFields(shape.attributes, before, after);
  if (fields.length === 0) return undefined;
  const image = (after ?? before)!;
  return {
    entry_id: record.eventID,
    request_id: stamp.request,
    at: stamp.at,
    write: stamp.write,
    actor_id: stamp.actor,
    route: stamp.route,
    target_type: entity,
    target_id: shape.idFields.map((field) => String(image[field] ?? "")).join("/") || entity,
    action,
    fields,
    expires_at_epoch: epochSeconds(new Date(stamp.at)) + RETENTION_DAYS * 24 * 60 * 60,
  };
}

/**
 * Writes the record's entry, once: the key holds the record's event id and the put is conditional, so a redelivered
 * record (a retried batch, a replay) finds its entry there and writes nothing.
 */
export async function record(streamRecord: DynamoDBRecord): Promise<AuditEntryRecord | undefined> {
  const entry = entryOf(streamRecord);
  if (!entry) return undefined;
  try {
    await db().entities.auditEntry.create(entry).go({ response: "none" });
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
  return entry;
}
