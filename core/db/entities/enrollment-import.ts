import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

export const IMPORT_STATUSES = ["awaiting_upload", "checking", "checked", "applying", "applied", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * One CSV enrollment import (core/imports/imports.ts). Its status moves forward only, each step a conditional
 * update: the upload lands (`checking`), the EnrollmentImports stream consumer writes the dry run's report
 * (`checked`), an admin applies it (`applying`), the consumer applies it (`applied`). The reports themselves are
 * objects under `imports/` (one row each for up to 5,000 rows is more than an item holds). Removed by TTL after
 * 30 days, as are the reports by the bucket's lifecycle.
 */
export const EnrollmentImportEntity = new Entity({
  model: { entity: "enrollment_import", version: "1", service: SERVICE },
  attributes: {
    import_id: { type: "string", required: true, readOnly: true },
    created_by: { type: "string", required: true, readOnly: true },
    created_at: { type: "string", required: true, readOnly: true },
    filename: { type: "string" },
    status: { type: IMPORT_STATUSES, required: true },
    /** A sentence for the admin when the file as a whole is refused (not UTF-8, over 5,000 rows …). */
    error: { type: "string" },
    /** Counts per row result (core/imports/rows.ts RowResult), of the dry run and of the applied run. */
    checked_summary: { type: "any" },
    applied_summary: { type: "any" },
    /** Who applied it and with which request: the applied enrollments are audited as that request's. */
    applied_by: { type: "string" },
    applied_at: { type: "string" },
    apply_request_id: { type: "string" },
    updated_at: { type: "string", required: true },
    expires_at_epoch: { type: "number", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["import_id"] },
      sk: { field: "sk", composite: [] },
    },
  },
});
