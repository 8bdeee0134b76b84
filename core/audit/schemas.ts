import * as z from "zod";
import { AUDIT_ACTIONS } from "../db/entities/audit-entry";
import { Id } from "../ids";
import { pageOf } from "../openapi/schemas";
import { Instant } from "../users/schemas";

/** Filters of `GET /api/audit`; any together. */
export const AuditFilters = {
  target: z
    .string()
    .min(1, { error: "must not be empty" })
    .max(300, { error: "must be at most 300 characters" })
    // eslint-disable-next-line no-control-regex -- control characters are the very ones refused
    .regex(/^[^\u0000-\u001f]+$/, { error: "must not contain control characters" })
    .optional()
    .meta({ description: "An item's id as the entries name it (`target.id`): a course's, a lesson's, an enrollment's …; its whole history." }),
  actor: Id.optional().meta({ description: "An admin's user id: only what they did." }),
  from: Instant.optional().meta({ description: "Entries at or after this moment." }),
  to: Instant.optional().meta({ description: "Entries before this moment; must come after `from`, or the request is a 400." }),
};

export const AuditField = z
  .object({
    name: z.string().meta({ description: "The attribute, as the item stores it (`title`, `expires_at`, …)." }),
    // Any JSON value. z.unknown(), not z.json(): the latter's recursive schema defeats openapi-typescript's types.
    old: z.unknown().meta({ description: "Its value before the change; null when it had none (a creation)." }),
    new: z.unknown().meta({ description: "Its value after the change; null when it has none (a deletion)." }),
    redacted: z.literal(true).optional().meta({ description: "A secret (a password's hash, a token …): it changed, and its values are never shown." }),
    truncated: z.literal(true).optional().meta({ description: "A long value, clipped to its first 2,000 characters (a list to the items that fit)." }),
  })
  .meta({ id: "AuditField" });

export const AuditChange = z
  .object({
    id: z.string().meta({ description: "The entry's id (the table stream record it came from)." }),
    target: z.object({
      type: z.string().meta({ description: "What kind of item: `course`, `lesson`, `enrollment`, `user`, `comment` …" }),
      id: z.string().meta({ description: "Its id (for items keyed by several ids, those ids joined by `/`)." }),
    }),
    action: z.enum(AUDIT_ACTIONS),
    fields: z.array(AuditField).meta({ description: "What changed; everything it held when created or deleted." }),
  })
  .meta({ id: "AuditChange" });

export const AuditActor = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    full_name: z.string().nullable(),
  })
  .meta({ id: "AuditActor" });

export const AuditGroup = z
  .object({
    request_id: z.string().meta({ description: "The request (its `x-request-id`): every change it made is in this group." }),
    at: z.string().meta({ description: "When the request started." }),
    route: z.string().meta({ description: "What the admin called: `PUT /api/courses/{id}`." }),
    actor: AuditActor,
    changes: z.array(AuditChange).meta({ description: "In the order the request made them." }),
  })
  .meta({ id: "AuditGroup" });

export type AuditGroup = z.infer<typeof AuditGroup>;

export const AuditPage = pageOf(AuditGroup).meta({
  id: "AuditPage",
  description:
    "Changes grouped by the request that made them, newest first. `limit` counts changes: a request with more than fit in a page continues at the top of the next one, in a group with the same `request_id`.",
});
