import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

/**
 * Access to one course for one user. Keyed by (user, course) in the user's partition, so there is at most one
 * per pair (a second is a failed `attribute_not_exists`) and the access check reads all of a user's grants in
 * one Query (collection `userAccess`). gsi1 finds it by id; gsi2 lists all enrollments, or one course's; gsi3 holds
 * those that end, one partition per UTC day of `expires_at` (the daily access-ending notices,
 * core/notifications/expiring.ts): one without an end is not in it.
 */
export const EnrollmentEntity = new Entity({
  model: { entity: "enrollment", version: "1", service: SERVICE },
  attributes: {
    enrollment_id: { type: "string", required: true, readOnly: true },
    user_id: { type: "string", required: true, readOnly: true },
    course_id: { type: "string", required: true, readOnly: true },
    enrolled_at: { type: "string", required: true, readOnly: true },
    /** ISO instant; access ends when the clock reaches it. Absent = no end. */
    expires_at: { type: "string" },
    /** The UTC day of `expires_at` (its first ten characters), kept by ElectroDB: gsi3's partition. */
    expires_day: {
      type: "string",
      hidden: true,
      watch: ["expires_at"],
      set: (_, { expires_at }) => (typeof expires_at === "string" ? expires_at.slice(0, 10) : undefined),
    },
    is_active: { type: "boolean", required: true, default: true },
    granted_by: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byUser: {
      collection: "userAccess",
      pk: { field: "pk", composite: ["user_id"] },
      sk: { field: "sk", composite: ["course_id"] },
    },
    byId: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["enrollment_id"] },
      sk: { field: "gsi1sk", composite: [] },
    },
    byCourse: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: [], template: "enrollments" },
      sk: { field: "gsi2sk", composite: ["course_id", "user_id"] },
    },
    byEnd: {
      index: "gsi3",
      pk: { field: "gsi3pk", composite: ["expires_day"] },
      sk: { field: "gsi3sk", composite: ["expires_at"] },
      // Sparse: only enrollments that end are in it (removing expires_at removes gsi3sk, which takes the item out).
      condition: (attributes) => attributes.expires_at !== undefined,
    },
  },
});
