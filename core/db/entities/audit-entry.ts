import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

export const AUDIT_ACTIONS = ["created", "updated", "deleted"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One field of an audited change. `null` = the attribute was absent; a redacted field shows that it changed, never its values. */
export interface AuditField {
  name: string;
  old: unknown;
  new: unknown;
  redacted?: true;
  truncated?: true;
}

/**
 * One change of one item by an admin, written by the audit consumer from the table's stream (core/audit/record.ts),
 * keyed by the stream record's event id so that a redelivered record writes nothing twice. The three ways to read
 * the log share one sort key, `at` (the request's time), then the request, the write within it and the record, so
 * the entries of one request are always adjacent: the history of one item (the table's key), everything (gsi1), one
 * admin's (gsi2). Removed by TTL after 400 days.
 */
export const AuditEntryEntity = new Entity({
  model: { entity: "audit_entry", version: "1", service: SERVICE },
  attributes: {
    /** The stream record's `eventID`. */
    entry_id: { type: "string", required: true, readOnly: true },
    request_id: { type: "string", required: true, readOnly: true },
    /** ISO 8601: when the admin's request started. */
    at: { type: "string", required: true, readOnly: true },
    /** Which write of the request (1, 2, …): the items of one transaction share it. */
    write: { type: "number", required: true, readOnly: true, padding: { length: 6, char: "0" } },
    actor_id: { type: "string", required: true, readOnly: true },
    /** The route key, `PUT /api/courses/{id}`. */
    route: { type: "string", required: true, readOnly: true },
    /** The ElectroDB entity name of the item (`course`, `enrollment`, …). */
    target_type: { type: "string", required: true, readOnly: true },
    target_id: { type: "string", required: true, readOnly: true },
    action: { type: AUDIT_ACTIONS, required: true, readOnly: true },
    /** AuditField[]: what changed, old and new, already filtered (core/audit/fields.ts). */
    fields: { type: "any", required: true, readOnly: true },
    expires_at_epoch: { type: "number", required: true, readOnly: true },
  },
  indexes: {
    byTarget: {
      pk: { field: "pk", composite: ["target_id"] },
      sk: { field: "sk", composite: ["at", "request_id", "write", "entry_id"] },
    },
    all: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: [], template: "audit" },
      sk: { field: "gsi1sk", composite: ["at", "request_id", "write", "entry_id"] },
    },
    byActor: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["actor_id"] },
      sk: { field: "gsi2sk", composite: ["at", "request_id", "write", "entry_id"] },
    },
  },
});
