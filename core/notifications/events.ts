import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import * as z from "zod";
import { isEnrollmentActive, isMembershipActive } from "../access/access";
import { clock } from "../clock";
import { db } from "../db/service";
import type { NotificationRequest } from "./requests";

/**
 * Notifications derived from the table's changes (its DynamoDB Stream, new and old images), never from the handlers
 * that made them: a request stays one transaction and waits for no mail. For each record of the entities below, who
 * is to be told what (one NotificationRequest per recipient); the sender checks again, at sending time, that they
 * still may see it.
 *
 *   enrollment  opened (created, or switched on / un-expired again)       -> access_granted, to its user
 *               open and now ending later (or never)                      -> access_extended
 *   membership  the same, counting a membership that starts later as open -> access_granted / access_extended
 *   comment     a new visible reply                                       -> forum_reply to the thread's author and
 *               everyone who replied before (admin_response to the author of the comment an admin answered)
 *   lesson      became active (created active, or switched on)            -> new_lesson to everyone who can open the course
 *
 * A record whose image is not what its entity writes throws: it is a poison record, reported failed, retried and then
 * sent to the consumer's dead-letter queue with its alarm (stacks/consumers.ts).
 */
export const STREAM_ENTITIES = ["enrollment", "membership", "comment", "lesson"] as const;

const Text = z.string().min(1);
const Instant = z.iso.datetime();

const EnrollmentImage = z.object({ enrollment_id: Text, user_id: Text, course_id: Text, expires_at: Instant.optional(), is_active: z.boolean(), updated_at: Instant });
const MembershipImage = z.object({ membership_id: Text, user_id: Text, start_date: Instant, end_date: Instant, is_active: z.boolean(), updated_at: Instant });
const CommentImage = z.object({
  comment_id: Text,
  course_id: Text,
  kind: z.enum(["thread", "reply"]),
  thread_id: Text,
  parent_id: Text.optional(),
  user_id: Text,
  is_active: z.boolean(),
  is_deleted: z.boolean(),
  is_admin_response: z.boolean(),
  created_at: Instant,
});
const LessonImage = z.object({ lesson_id: Text, course_id: Text, is_active: z.boolean(), updated_at: Instant });

type Image = Record<string, AttributeValue> | undefined;

function read<T extends z.ZodType>(schema: T, image: Image, entity: string): z.output<T> | undefined {
  if (!image) return undefined;
  const parsed = schema.safeParse(unmarshall(image));
  if (!parsed.success) throw new Error(`a stream image of ${entity} is not one (${parsed.error.issues.map((issue) => issue.path.join(".")).join(", ")})`);
  return parsed.data;
}

/** The ElectroDB entity a record is about (its new image, or the old one of a removal). */
function entityOf(record: DynamoDBRecord): string | undefined {
  return (record.dynamodb?.NewImage?.__edb_e__?.S ?? record.dynamodb?.OldImage?.__edb_e__?.S) as string | undefined;
}

export async function requestsFor(record: DynamoDBRecord, now: Date = clock.now()): Promise<NotificationRequest[]> {
  if (record.eventName === "REMOVE") return [];
  const { NewImage, OldImage } = (record.dynamodb ?? {}) as { NewImage?: Image; OldImage?: Image };
  const entity = entityOf(record);
  switch (entity) {
    case "enrollment":
      return enrollmentChanged(read(EnrollmentImage, OldImage, entity), read(EnrollmentImage, NewImage, entity)!, now);
    case "membership":
      return membershipChanged(read(MembershipImage, OldImage, entity), read(MembershipImage, NewImage, entity)!, now);
    case "comment":
      return record.eventName === "INSERT" ? replyPosted(read(CommentImage, NewImage, entity)!) : [];
    case "lesson":
      return lessonChanged(read(LessonImage, OldImage, entity), read(LessonImage, NewImage, entity)!);
    default:
      throw new Error(`the notifications consumer received a record of ${entity ?? "no entity"}, which it does not subscribe to`);
  }
}

/** Later end, or no end any more (`undefined` = never ends). */
const endsLater = (before: string | undefined, after: string | undefined) => before !== undefined && (after === undefined || after > before);

type EnrollmentImage = z.output<typeof EnrollmentImage>;
function enrollmentChanged(before: EnrollmentImage | undefined, after: EnrollmentImage, now: Date): NotificationRequest[] {
  // The access rule's own test, on the images (the rule's type wants every stored field; these are the ones it reads).
  const open = (image: EnrollmentImage | undefined) => image !== undefined && isEnrollmentActive(image as Parameters<typeof isEnrollmentActive>[0], now);
  if (!open(after)) return [];
  const base = { user_id: after.user_id, occurred_at: after.updated_at, grant: { type: "enrollment" as const, course_id: after.course_id } };
  if (!open(before)) return [{ ...base, kind: "access_granted", event_key: `enrollment:${after.enrollment_id}:opened:${after.updated_at}` }];
  if (endsLater(before!.expires_at, after.expires_at)) return [{ ...base, kind: "access_extended", event_key: `enrollment:${after.enrollment_id}:extended:${after.expires_at ?? "never"}` }];
  return [];
}

type MembershipImage = z.output<typeof MembershipImage>;
function membershipChanged(before: MembershipImage | undefined, after: MembershipImage, now: Date): NotificationRequest[] {
  // Open now, or from a start still to come: a membership granted for next month is news today.
  const open = (image: MembershipImage | undefined) =>
    image !== undefined && (isMembershipActive(image as Parameters<typeof isMembershipActive>[0], now) || (image.is_active && new Date(image.start_date) > now && new Date(image.end_date) > now));
  if (!open(after)) return [];
  const base = { user_id: after.user_id, occurred_at: after.updated_at, grant: { type: "membership" as const, membership_id: after.membership_id } };
  if (!open(before)) return [{ ...base, kind: "access_granted", event_key: `membership:${after.membership_id}:opened:${after.updated_at}` }];
  if (endsLater(before!.end_date, after.end_date)) return [{ ...base, kind: "access_extended", event_key: `membership:${after.membership_id}:extended:${after.end_date}` }];
  return [];
}

/**
 * A new reply tells the thread's author and everyone who replied in the thread before it, except its own author. The
 * author of the comment it answers hears "an admin answered you" when an admin wrote it. Requests: the thread ‖ its
 * replies (one key range of the course partition).
 */
async function replyPosted(reply: z.output<typeof CommentImage>): Promise<NotificationRequest[]> {
  if (reply.kind !== "reply" || !reply.is_active) return [];
  const [{ data: thread }, { data: replies }] = await Promise.all([
    db().entities.comment.get({ course_id: reply.course_id, kind: "thread", thread_id: reply.thread_id, comment_id: reply.thread_id }).go(),
    db().entities.comment.query.byCourse({ course_id: reply.course_id, kind: "reply", thread_id: reply.thread_id }).go({ pages: "all" }),
  ]);
  if (!thread) return [];
  const parentAuthor = reply.parent_id === thread.comment_id ? thread.user_id : replies.find((other) => other.comment_id === reply.parent_id)?.user_id;
  const participants = new Set<string>();
  if (!thread.is_deleted) participants.add(thread.user_id);
  for (const other of replies) if (other.comment_id < reply.comment_id) participants.add(other.user_id);
  if (parentAuthor) participants.add(parentAuthor);
  participants.delete(reply.user_id);
  const comment = { course_id: reply.course_id, thread_id: reply.thread_id, comment_id: reply.comment_id, author_id: reply.user_id };
  return [...participants].map((user_id) => ({
    event_key: `comment:${reply.comment_id}`,
    user_id,
    kind: reply.is_admin_response && user_id === parentAuthor ? "admin_response" : "forum_reply",
    occurred_at: reply.created_at,
    comment,
  }));
}

/**
 * A lesson that becomes active tells everyone who can open its course now: the active enrollments in the course and
 * the active memberships. Requests: the course ‖ the course's enrollments (gsi2) ‖ every membership (gsi2), each
 * paged through; an inactive or deleted course tells nobody.
 */
async function lessonChanged(before: z.output<typeof LessonImage> | undefined, after: z.output<typeof LessonImage>): Promise<NotificationRequest[]> {
  if (!after.is_active || before?.is_active) return [];
  const now = clock.now();
  const [{ data: course }, { data: enrollments }, { data: memberships }] = await Promise.all([
    db().entities.course.get({ course_id: after.course_id }).go(),
    db().entities.enrollment.query.byCourse({ course_id: after.course_id }).go({ pages: "all" }),
    db().entities.membership.query.all({}).go({ pages: "all" }),
  ]);
  if (!course || course.lifecycle !== "live" || !course.is_active) return [];
  const recipients = new Set([
    ...enrollments.filter((enrollment) => isEnrollmentActive(enrollment, now)).map((enrollment) => enrollment.user_id),
    ...memberships.filter((membership) => isMembershipActive(membership, now)).map((membership) => membership.user_id),
  ]);
  const lesson = { course_id: after.course_id, lesson_id: after.lesson_id };
  return [...recipients].map((user_id) => ({ event_key: `lesson:${after.lesson_id}:active`, user_id, kind: "new_lesson" as const, occurred_at: after.updated_at, lesson }));
}
