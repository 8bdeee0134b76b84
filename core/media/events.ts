import type { SQSRecord } from "aws-lambda";
import { courseOfRecipeImage } from "./keys";
import { matches, NOTIFICATIONS, type NotificationRule } from "./notifications";

export type MediaQueue = NotificationRule["queue"];

/** S3 URL-encodes keys in notifications (spaces as '+'). */
export const decodeS3Key = (key: string): string => decodeURIComponent(key.replace(/\+/g, " "));

/**
 * What an SQS record of a media queue carries: S3 notification records, a rebuild request of ours, S3's test event,
 * or something no consumer can act on. An unreadable message is reported failed on its own, so that it ends in the
 * dead-letter queue as it was sent, where its alarm calls someone to read it, while the rest of its batch goes on.
 * That includes well-formed JSON of an unknown shape and messages meant for the other queue: only a bug sends
 * those (a producer that renamed a field, a subscription pointed at the wrong queue), and dropping them quietly
 * would lose a photo or a rebuild without anyone knowing.
 */
export type MediaMessage =
  | { kind: "s3"; events: Array<{ eventName: string; key: string }> }
  | { kind: "rebuild"; courseId: string }
  | { kind: "test-event" }
  | { kind: "unreadable"; reason: string };

export function parseMediaMessage(record: SQSRecord, queue: MediaQueue): MediaMessage {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    return unreadable("the body is not JSON");
  }
  if (!isObject(body)) return unreadable("the body is not a JSON object");
  if ("rebuild_course" in body) {
    if (queue !== "PdfRebuilds") return unreadable(`a rebuild request on the ${queue} queue`);
    return typeof body.rebuild_course === "string" && body.rebuild_course !== "" ? { kind: "rebuild", courseId: body.rebuild_course } : unreadable("a rebuild request without a course");
  }
  // S3 sends one when a notification is configured; there is nothing to do.
  if (body.Event === "s3:TestEvent") return { kind: "test-event" };
  if (!Array.isArray(body.Records) || body.Records.length === 0) return unreadable("neither an S3 notification nor a rebuild request");
  const events = [];
  for (const record of body.Records as unknown[]) {
    const event = readS3Event(record, queue);
    if (typeof event === "string") return unreadable(event);
    events.push(event);
  }
  return { kind: "s3", events };
}

/**
 * The rebuild consumer's reading of a batch: each course to rebuild with the messages that asked for it (a failed
 * rebuild fails them), and the messages it cannot read.
 */
export function rebuildsOf(records: SQSRecord[]): { messagesByCourse: Map<string, string[]>; unreadable: Array<{ messageId: string; reason: string }> } {
  const messagesByCourse = new Map<string, string[]>();
  const unreadableMessages: Array<{ messageId: string; reason: string }> = [];
  for (const record of records) {
    const message = parseMediaMessage(record, "PdfRebuilds");
    if (message.kind === "unreadable") {
      unreadableMessages.push({ messageId: record.messageId, reason: message.reason });
      continue;
    }
    // An image under media/recipes/ whose key this app never writes belongs to no course: nothing to rebuild. It is
    // skipped rather than dead-lettered: the event itself is well-formed and routed as subscribed, only the object
    // is foreign (someone wrote into the bucket), and no redrive would ever give it a course.
    const courses = message.kind === "rebuild" ? [message.courseId] : message.kind === "s3" ? message.events.map((event) => courseOfRecipeImage(event.key)) : [];
    for (const courseId of courses) {
      if (courseId) messagesByCourse.set(courseId, [...(messagesByCourse.get(courseId) ?? []), record.messageId]);
    }
  }
  return { messagesByCourse, unreadable: unreadableMessages };
}

const unreadable = (reason: string): MediaMessage => ({ kind: "unreadable", reason });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** One S3 notification record, or why it cannot be acted on. Only events the queue's own subscription sends are read. */
function readS3Event(record: unknown, queue: MediaQueue): { eventName: string; key: string } | string {
  const s3 = isObject(record) && isObject(record.s3) ? record.s3 : undefined;
  const object = s3 && isObject(s3.object) ? s3.object : undefined;
  if (!isObject(record) || typeof record.eventName !== "string" || typeof object?.key !== "string") return "an S3 record without an event name or an object key";
  let key: string;
  try {
    key = decodeS3Key(object.key);
  } catch {
    return "an S3 record whose key is not URL-encoded";
  }
  const { eventName } = record;
  if (!NOTIFICATIONS.some((rule) => rule.queue === queue && matches(rule, eventName, key))) return `${eventName} of ${key}, which the ${queue} queue is not subscribed to`;
  return { eventName, key };
}
