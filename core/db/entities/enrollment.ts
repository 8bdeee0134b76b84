import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

/**
 * Access to one course for one user. Keyed by (user, course) in the user's partition, so there is at most one
 * per pair (a second is a failed `attribute_not_exists`) and the access check reads all of a user's grants in
 * one Query (collection `userAccess`). gsi1 finds it by id; gsi2 lists all enrollments, or one course's.
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
  },
});
