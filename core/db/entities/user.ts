import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

export const ROLES = ["ADMIN", "USER"] as const;
export type Role = (typeof ROLES)[number];

/**
 * A person who can sign in. `token_version` is copied into every access and refresh token; bumping it
 * (password change, deactivation) makes every earlier token of the user worthless at once.
 */
export const UserEntity = new Entity({
  model: { entity: "user", version: "1", service: SERVICE },
  attributes: {
    user_id: { type: "string", required: true, readOnly: true },
    /** Lower-cased; uniqueness is guarded by an `identifier` item written in the same transaction. */
    email: { type: "string", required: true },
    username: { type: "string" },
    full_name: { type: "string", required: true },
    role: { type: ROLES, required: true, default: "USER" },
    is_active: { type: "boolean", required: true, default: true },
    avatar_url: { type: "string" },
    // --- Uploaded avatar (media issue #14): it replaces `avatar_url` (set one, the other goes).
    avatar_key: { type: "string" },
    avatar_status: { type: ["none", "pending", "ready", "rejected"] as const },
    avatar_error: { type: "string" },
    avatar_upload_id: { type: "string" },
    // --- end of uploaded avatar
    password_hash: { type: "string", required: true },
    token_version: { type: "number", required: true, default: 1 },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byId: {
      // The user's partition also holds their enrollments and memberships (collection `userAccess`).
      pk: { field: "pk", composite: ["user_id"] },
      sk: { field: "sk", composite: [] },
    },
    /** Every user by email: the admin's user list and its email-prefix search. */
    allByEmail: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: [], template: "users" },
      sk: { field: "gsi1sk", composite: ["email"] },
    },
    /** Users of one role by email: "is there an admin yet?" and the role filter. */
    byRole: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["role"] },
      sk: { field: "gsi2sk", composite: ["email"] },
    },
  },
});
