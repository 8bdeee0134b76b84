import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

export const CERTIFICATE_STATUSES = ["valid", "revoked"] as const;

/**
 * A certificate of completion, keyed by its own id (a ULID: 80 random bits, not guessable), so the public
 * verification is one GetItem. What it certifies is a snapshot taken when it was issued (name, course title,
 * duration, completion date): later edits change nothing, a reissue does. Kept when the course is deleted: it
 * documents something that happened. gsi1 lists a user's certificates.
 */
export const CertificateEntity = new Entity({
  model: { entity: "certificate", version: "1", service: SERVICE },
  attributes: {
    certificate_id: { type: "string", required: true, readOnly: true },
    user_id: { type: "string", required: true, readOnly: true },
    course_id: { type: "string", required: true, readOnly: true },
    full_name: { type: "string", required: true, readOnly: true },
    course_title: { type: "string", required: true, readOnly: true },
    course_duration_minutes: { type: "number", required: true, readOnly: true },
    /** When the last lesson was completed (an ISO instant); the certificate shows its UTC date. */
    completed_at: { type: "string", required: true, readOnly: true },
    issued_at: { type: "string", required: true, readOnly: true },
    status: { type: CERTIFICATE_STATUSES, required: true, default: "valid" },
    revoked_at: { type: "string" },
    revoked_reason: { type: "string" },
    /** The certificate that replaced this one (reissued after a change of name). */
    replaced_by: { type: "string" },
    /** The certificate this one replaces. */
    replaces: { type: "string", readOnly: true },
    /** `pending` until the stream consumer has written the PDF (functions/certificates/build-pdfs.ts). */
    pdf_status: { type: ["pending", "ready"] as const, required: true, default: "pending" },
    pdf_key: { type: "string" },
    pdf_size_bytes: { type: "number" },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["certificate_id"] },
      sk: { field: "sk", composite: [] },
    },
    byUser: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["user_id"] },
      sk: { field: "gsi1sk", composite: ["certificate_id"] },
    },
  },
});

/**
 * "This user has a certificate for this course": the idempotency key of issuing, written with
 * `attribute_not_exists` in the same transaction as the certificate, so a retried or duplicated completion event
 * issues nothing more. It names the current certificate (a reissue moves it). In the user's partition, outside the
 * `userAccess` collection.
 */
export const CertificateClaimEntity = new Entity({
  model: { entity: "certificateClaim", version: "1", service: SERVICE },
  attributes: {
    user_id: { type: "string", required: true, readOnly: true },
    course_id: { type: "string", required: true, readOnly: true },
    certificate_id: { type: "string", required: true },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byUserCourse: {
      pk: { field: "pk", composite: ["user_id"] },
      sk: { field: "sk", composite: ["course_id"] },
    },
  },
});
