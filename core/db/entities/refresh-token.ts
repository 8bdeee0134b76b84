import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

/**
 * One refresh token, stored only as its SHA-256. Every rotation spends the presented token and issues a new
 * one in the same family; presenting a spent token again means it was stolen, and revokes the family.
 */
export const RefreshTokenEntity = new Entity({
  model: { entity: "refresh_token", version: "1", service: SERVICE },
  attributes: {
    token_hash: { type: "string", required: true, readOnly: true },
    family_id: { type: "string", required: true, readOnly: true },
    user_id: { type: "string", required: true, readOnly: true },
    /** The user's token_version when issued: a password change or deactivation voids it. */
    token_version: { type: "number", required: true, readOnly: true },
    status: { type: ["active", "spent"] as const, required: true, default: "active" },
    created_at: { type: "string", required: true, readOnly: true },
    expires_at: { type: "string", required: true, readOnly: true },
    /** TTL cleanup only; expiry is decided on `expires_at` at read time. */
    expires_at_epoch: { type: "number", required: true, readOnly: true },
  },
  indexes: {
    byHash: {
      pk: { field: "pk", composite: ["token_hash"] },
      sk: { field: "sk", composite: [] },
    },
  },
});

/** A login session: every refresh token rotated from one login. Revoking it ends them all. */
export const RefreshFamilyEntity = new Entity({
  model: { entity: "refresh_family", version: "1", service: SERVICE },
  attributes: {
    family_id: { type: "string", required: true, readOnly: true },
    user_id: { type: "string", required: true, readOnly: true },
    revoked: { type: "boolean", required: true, default: false },
    created_at: { type: "string", required: true, readOnly: true },
    expires_at_epoch: { type: "number", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["family_id"] },
      sk: { field: "sk", composite: [] },
    },
  },
});
