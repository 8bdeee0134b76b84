import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import * as z from "zod";
import { queueUrl } from "../bindings";
import { ENDING_THRESHOLDS_DAYS, NOTIFICATION_KINDS } from "./kinds";

/**
 * "Tell this person about this event": a message on the Notifications queue, one per (event, recipient). The stream
 * consumer (core/notifications/events.ts) and the daily job (core/notifications/expiring.ts) write them; the
 * sender (core/notifications/outbox.ts) reads them. A message carries keys, not content: the sender reads the
 * current state and decides then, so nobody is told about a course they can no longer open or a comment hidden
 * since.
 *
 * `event_key` names the event the same way however often it is seen (a duplicated stream record, a stream retry,
 * the daily job run twice): with the recipient, it is the idempotency key of the email and the seed of the in-app
 * notification's id.
 */
const Id = z.string().min(1).max(64);
const Instant = z.iso.datetime();

export const Grant = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("enrollment"), course_id: Id }),
  z.strictObject({ type: z.literal("membership"), membership_id: Id }),
]);
export type Grant = z.infer<typeof Grant>;

export const NotificationRequest = z.strictObject({
  event_key: z.string().min(1).max(300),
  user_id: Id,
  kind: z.enum(NOTIFICATION_KINDS),
  /** When it happened: the in-app notification's time (and its order). */
  occurred_at: Instant,
  /** Access kinds: the enrollment (the recipient's, in that course) or the membership. */
  grant: Grant.optional(),
  /** access_ending: the end the notice is about, and how many days before it. A grant that moved since is not told. */
  ending: z.strictObject({ ends_at: Instant, days: z.union(ENDING_THRESHOLDS_DAYS.map((days) => z.literal(days))) }).optional(),
  /** Forum kinds: the reply, and who wrote it. */
  comment: z.strictObject({ course_id: Id, thread_id: Id, comment_id: Id, author_id: Id }).optional(),
  /** new_lesson. */
  lesson: z.strictObject({ course_id: Id, lesson_id: Id }).optional(),
});
export type NotificationRequest = z.infer<typeof NotificationRequest>;

let client: SQSClient | undefined;
const sqs = (): SQSClient => (client ??= new SQSClient({}));

/** Puts requests on the Notifications queue, ten per SendMessageBatch; entries SQS refuses are sent again. */
export async function enqueue(requests: readonly NotificationRequest[]): Promise<void> {
  for (let offset = 0; offset < requests.length; offset += 10) {
    let entries = requests.slice(offset, offset + 10).map((request, index) => ({ Id: String(index), MessageBody: JSON.stringify(request) }));
    for (let attempt = 1; entries.length > 0; attempt += 1) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const { Failed = [] } = await sqs().send(new SendMessageBatchCommand({ QueueUrl: queueUrl("Notifications"), Entries: entries }));
      if (Failed.length > 0 && attempt >= 4) throw new Error(`SQS refused ${Failed.length} notification requests: ${Failed.map((failure) => failure.Code).join(", ")}`);
      entries = entries.filter((entry) => Failed.some((failure) => failure.Id === entry.Id));
    }
  }
}
