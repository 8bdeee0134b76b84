import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

export const EXPORT_STATUSES = ["building", "ready"] as const;

/**
 * One personal data export of one person (core/exports/exports.ts), in a partition of their own
 * (`exports#<user>`, apart from the user's partition that every access check reads), newest last (ULIDs).
 * The request writes it `building`; the PersonalDataExports stream consumer builds the document into S3 under
 * `exports/` and moves it to `ready`, conditionally, so a retried build changes nothing more. Removed by TTL after
 * a day, as the document is by the bucket's lifecycle.
 */
export const PersonalDataExportEntity = new Entity({
  model: { entity: "personal_data_export", version: "1", service: SERVICE },
  attributes: {
    user_id: { type: "string", required: true, readOnly: true },
    export_id: { type: "string", required: true, readOnly: true },
    /** Who asked: the person themselves or an admin. */
    requested_by: { type: "string", required: true, readOnly: true },
    requested_at: { type: "string", required: true, readOnly: true },
    status: { type: EXPORT_STATUSES, required: true },
    exported_at: { type: "string" },
    /** How many items of each kind the document holds. */
    counts: { type: "any" },
    size_bytes: { type: "number" },
    expires_at_epoch: { type: "number", required: true, readOnly: true },
  },
  indexes: {
    byUser: {
      pk: { field: "pk", composite: ["user_id"], template: "exports#${user_id}" },
      sk: { field: "sk", composite: ["export_id"] },
    },
  },
});
