import { Entity } from "electrodb";
import { EMAIL_TOPICS, NOTIFICATION_KINDS } from "../../notifications/kinds";
import { SERVICE } from "../service-name";

/**
 * A person's notifications live in a partition of their own (`notifications#<user>`), apart from the user's
 * partition, which the access check reads on every request: 90 days of notifications must not slow that down.
 */
const partition = { field: "pk", composite: ["user_id"], template: "notifications#${user_id}" } as const;

/**
 * One in-app notification. Its id is a ULID made from the event's time and its key (core/ids.ts `idFor`), so the
 * same event written twice for the same person is the same item (a conditional put), and ids sort newest first.
 * `expires_at_epoch` is the table's TTL: 90 days after the event.
 */
export const NotificationEntity = new Entity({
  model: { entity: "notification", version: "1", service: SERVICE },
  attributes: {
    user_id: { type: "string", required: true, readOnly: true },
    notification_id: { type: "string", required: true, readOnly: true },
    kind: { type: NOTIFICATION_KINDS, required: true, readOnly: true },
    /** What happened, once (core/notifications/requests.ts): `enrollment:<id>:opened:<at>`, `comment:<id>`… */
    event_key: { type: "string", required: true, readOnly: true },
    course_id: { type: "string", readOnly: true },
    title: { type: "string", required: true, readOnly: true },
    body: { type: "string", required: true, readOnly: true },
    /** Where in the SPA it leads. */
    link: { type: "string", required: true, readOnly: true },
    /** When the event happened (the id's time). */
    created_at: { type: "string", required: true, readOnly: true },
    /** When it was written: what "mark all as read" compares with (an old event can be delivered late). */
    delivered_at: { type: "string", required: true, readOnly: true },
    read_at: { type: "string" },
    expires_at_epoch: { type: "number", required: true, readOnly: true },
  },
  indexes: {
    byUser: { pk: partition, sk: { field: "sk", composite: ["notification_id"] } },
  },
});

/**
 * A person's notification settings: email on or off per topic (absent = on) and `read_all_at`, when they last marked
 * everything as read: every notification delivered until then is read, without a write to each.
 */
export const NotificationSettingsEntity = new Entity({
  model: { entity: "notification_settings", version: "1", service: SERVICE },
  attributes: {
    user_id: { type: "string", required: true, readOnly: true },
    ...(Object.fromEntries(EMAIL_TOPICS.map((topic) => [`email_${topic}`, { type: "boolean" }])) as Record<`email_${(typeof EMAIL_TOPICS)[number]}`, { type: "boolean" }>),
    read_all_at: { type: "string" },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byUser: { pk: partition, sk: { field: "sk", composite: [] } },
  },
});

/**
 * The idempotency key of one email: one item per (event, recipient), claimed with a conditional write before the
 * email is handed to the mail service and marked `sent` after (core/notifications/outbox.ts). A claim that stays
 * `sending` is an attempt that never told how it ended: it is not tried again (at most once; docs/data-model.md, Notifications).
 */
export const EmailDeliveryEntity = new Entity({
  model: { entity: "email_delivery", version: "1", service: SERVICE },
  attributes: {
    event_key: { type: "string", required: true, readOnly: true },
    user_id: { type: "string", required: true, readOnly: true },
    /** `failed`: the mail service refused it for good (core/mail/mail.ts `permanent`); never tried again. */
    state: { type: ["sending", "sent", "released", "failed"] as const, required: true },
    /** Which attempt holds the claim: only that one may mark it sent or release it. */
    attempt_id: { type: "string", required: true },
    attempts: { type: "number", required: true },
    claimed_at: { type: "string", required: true },
    sent_at: { type: "string" },
    /** The mail service's id of the message (SES MessageId, or the SMTP server's). */
    message_id: { type: "string" },
    /** Why it failed for good: the mail service's answer (`the SMTP server answered 550`). */
    failure: { type: "string" },
    failed_at: { type: "string" },
    /** Kept well past every retry of the event (the stream keeps records 24 hours, the queue retries for hours). */
    expires_at_epoch: { type: "number", required: true },
  },
  indexes: {
    byKey: { pk: { field: "pk", composite: ["event_key", "user_id"] }, sk: { field: "sk", composite: [] } },
  },
});

/**
 * An address the mail service told us not to write to again: a permanent bounce or a complaint (SES, through
 * core/notifications/feedback.ts). Keyed by the lower-cased address, as every email here is stored.
 */
export const MailSuppressionEntity = new Entity({
  model: { entity: "mail_suppression", version: "1", service: SERVICE },
  attributes: {
    email: { type: "string", required: true, readOnly: true },
    reason: { type: ["bounce", "complaint"] as const, required: true },
    /** The mail service's own words (bounce type and subtype, complaint feedback type). */
    detail: { type: "string" },
    at: { type: "string", required: true },
  },
  indexes: {
    byEmail: { pk: { field: "pk", composite: ["email"] }, sk: { field: "sk", composite: [] } },
  },
});
