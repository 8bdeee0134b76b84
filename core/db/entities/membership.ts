import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

/**
 * Access to every course between `start_date` (inclusive) and `end_date` (exclusive), in the user's partition
 * next to their enrollments. gsi1 finds it by id; gsi2 lists all memberships, newest first; gsi3 orders them by
 * `end_date` (the daily access-ending notices, core/notifications/expiring.ts).
 */
export const MembershipEntity = new Entity({
  model: { entity: "membership", version: "1", service: SERVICE },
  attributes: {
    membership_id: { type: "string", required: true, readOnly: true },
    user_id: { type: "string", required: true, readOnly: true },
    membership_type: { type: ["FULL_ACCESS"] as const, required: true, default: "FULL_ACCESS" },
    start_date: { type: "string", required: true },
    end_date: { type: "string", required: true },
    /** The UTC day of `end_date` (its first ten characters), kept by ElectroDB: gsi3's partition. */
    end_day: {
      type: "string",
      hidden: true,
      watch: ["end_date"],
      set: (_, { end_date }) => (typeof end_date === "string" ? end_date.slice(0, 10) : undefined),
    },
    is_active: { type: "boolean", required: true, default: true },
    granted_by: { type: "string", required: true, readOnly: true },
    notes: { type: "string" },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byUser: {
      collection: "userAccess",
      pk: { field: "pk", composite: ["user_id"] },
      sk: { field: "sk", composite: ["membership_id"] },
    },
    byId: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["membership_id"] },
      sk: { field: "gsi1sk", composite: [] },
    },
    all: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: [], template: "memberships" },
      sk: { field: "gsi2sk", composite: ["membership_id"] },
    },
    byEnd: {
      index: "gsi3",
      pk: { field: "gsi3pk", composite: ["end_day"] },
      sk: { field: "gsi3sk", composite: ["end_date"] },
    },
  },
});
