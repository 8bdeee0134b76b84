import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

/**
 * Failed sign-ins counted per subject (an account's email, a source IP) in fixed time windows.
 * One item per subject and window; old windows disappear through TTL.
 */
export const LoginAttemptEntity = new Entity({
  model: { entity: "login_attempt", version: "1", service: SERVICE },
  attributes: {
    scope: { type: ["account", "ip"] as const, required: true, readOnly: true },
    subject: { type: "string", required: true, readOnly: true },
    window_start: { type: "string", required: true, readOnly: true },
    // Grown with ADD, so the first failure creates it.
    failures: { type: "number" },
    expires_at_epoch: { type: "number", required: true },
  },
  indexes: {
    bySubject: {
      pk: { field: "pk", composite: ["scope", "subject"] },
      sk: { field: "sk", composite: ["window_start"] },
    },
  },
});
