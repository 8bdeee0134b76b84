import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

export const IDENTIFIER_KINDS = ["email", "username"] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/**
 * A claim on a unique value (an email, a username), written with `attribute_not_exists` in the same
 * transaction as the user: two concurrent sign-ups of one email cannot both succeed. It also maps an email to
 * its user with a strongly consistent GetItem, which the login needs (a GSI would be eventually consistent).
 */
export const IdentifierEntity = new Entity({
  model: { entity: "identifier", version: "1", service: SERVICE },
  attributes: {
    kind: { type: IDENTIFIER_KINDS, required: true, readOnly: true },
    /** Lower-cased, so the claim is case-insensitive. */
    value: { type: "string", required: true, readOnly: true },
    user_id: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byValue: {
      pk: { field: "pk", composite: ["kind", "value"] },
      sk: { field: "sk", composite: [] },
    },
  },
});
