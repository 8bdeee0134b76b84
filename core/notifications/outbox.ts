import { randomUUID } from "node:crypto";
import { ChangeMessageVisibilityCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { SQSRecord } from "aws-lambda";
import type { EntityItem } from "electrodb";
import { accessTo, isEnrollmentActive, isMembershipActive, type Grants } from "../access/access";
import type { Caller } from "../auth/caller";
import { clock, epochSeconds } from "../clock";
import type { CommentRecord } from "../comments/comments";
import type { LessonRecord } from "../courses/courses";
import type { CourseRecord } from "../courses/views";
import { getEach } from "../db/batch";
import type { NotificationSettingsEntity } from "../db/entities/notification";
import { db } from "../db/service";
import { isConditionalCheckFailure } from "../db/transactions";
import { idFor } from "../ids";
import { logger } from "../logger";
import { mail, MailNotAccepted } from "../mail/mail";
import { apiUrl, spa } from "../spa-links";
import type { UserRecord } from "../users/users";
import { IN_APP_DAYS, TOPIC_OF, type EmailTopic } from "./kinds";
import { NotificationRequest } from "./requests";
import { excerpt, render, type Links, type Subject } from "./templates";
import { tokenFor } from "./unsubscribe";

/**
 * The sender: one NotificationRequest (a message of the Notifications queue) becomes at most one in-app notification
 * and at most one email, however often the message or the event behind it arrives.
 *
 *   1. Read what the notice is about, now (one BatchGetItem ‖ the recipient's grants): a person who was deactivated,
 *      lost access to the course, or whose comment's reply was hidden since, is told nothing.
 *   2. The in-app notification: a conditional put of an id made from the event and the recipient, so a second
 *      delivery writes nothing.
 *   3. The email, if the person wants that topic by email and the address is mailable: claim the idempotency key
 *      (event, recipient) with a conditional write, send, then mark it sent.
 *
 * The crash window is between the claim and "sent": an attempt that dies there (or whose mail service call ended
 * without an answer) leaves the claim `sending`, and no later attempt sends again. The email may then be lost (it is
 * still in the app); it is never sent twice. A duplicate in someone's inbox costs the sender's reputation with the
 * mail providers (complaints count against the SES account) and the reader's trust, while a lost notice is still
 * waiting for them in the app: this is the right side to err on. Only a send the mail service refused (it said so,
 * or was never reached) releases the claim and is retried, with backoff, until the queue's dead-letter queue.
 */
export type Delivery =
  | { outcome: "skipped"; reason: string }
  | { outcome: "in_app"; reason: string }
  | { outcome: "sent"; messageId: string }
  | { outcome: "already_sent" }
  | { outcome: "failed"; reason: string }
  | { outcome: "held" };

type SettingsRecord = EntityItem<typeof NotificationSettingsEntity>;

interface Facts {
  user: UserRecord | undefined;
  settings: SettingsRecord | undefined;
  course: CourseRecord | undefined;
  reply: CommentRecord | undefined;
  thread: CommentRecord | undefined;
  author: UserRecord | undefined;
  lesson: LessonRecord | undefined;
  grants: Grants;
}

/** The message of the queue, read strictly: anything else fails until it reaches the dead-letter queue. */
export function readRequest(body: string): NotificationRequest {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error("the message is not JSON");
  }
  const parsed = NotificationRequest.safeParse(json);
  if (!parsed.success) throw new Error(`the message is not a notification request (${parsed.error.issues.map((issue) => issue.path.join(".") || issue.message).join(", ")})`);
  return parsed.data;
}

export async function deliver(request: NotificationRequest): Promise<Delivery> {
  const now = clock.now();
  const facts = await factsFor(request);
  const subject = subjectOf(request, facts, now);
  if (typeof subject === "string") return { outcome: "skipped", reason: subject };
  const user = facts.user!;
  const topic = TOPIC_OF[request.kind];
  const links = linksFor(request, user.user_id, topic);
  const rendered = render(subject, { name: user.full_name }, topic, links);
  const wantsEmail = facts.settings?.[`email_${topic}`] !== false;
  const [, suppression] = await Promise.all([
    saveInApp(request, rendered.title, rendered.body, links.target),
    wantsEmail ? db().entities.mailSuppression.get({ email: user.email }).go({ consistent: true }) : undefined,
  ]);
  if (!wantsEmail) return { outcome: "in_app", reason: `email for ${topic} is off` };
  if (suppression?.data) return { outcome: "in_app", reason: `the address is not mailable (${suppression.data.reason})` };

  const claim = await claimEmail(request.event_key, user.user_id, now);
  if (claim.state === "failed") return { outcome: "failed", reason: claim.reason };
  if (claim.state !== "claimed") return { outcome: claim.state };
  let messageId: string;
  try {
    ({ messageId } = await (
      await mail()
    ).send({
      to: user.email,
      subject: rendered.email.subject,
      text: rendered.email.text,
      html: rendered.email.html,
      // RFC 8058: mail clients offer "unsubscribe" and POST `List-Unsubscribe=One-Click` to the link, no sign-in.
      headers: { "List-Unsubscribe": `<${links.unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      tag: request.kind,
    }));
  } catch (error) {
    // Refused for good: recorded failed now, and the message is done (no retry, no dead letter). Refused for now:
    // nothing went out, the next attempt may send. Anything else: it may have, so the claim stays.
    if (error instanceof MailNotAccepted && error.permanent) {
      await markFailed(request.event_key, user.user_id, claim.attemptId, error.message);
      return { outcome: "failed", reason: error.message };
    }
    if (error instanceof MailNotAccepted) await release(request.event_key, user.user_id, claim.attemptId);
    throw error;
  }
  await db()
    .entities.emailDelivery.patch({ event_key: request.event_key, user_id: user.user_id })
    .set({ state: "sent", sent_at: clock.now().toISOString(), message_id: messageId })
    .where((attr, op) => op.eq(attr.attempt_id, claim.attemptId))
    .go();
  return { outcome: "sent", messageId };
}

/** Round 1: everything the notice is about in one BatchGetItem, beside the recipient's grants (one Query). */
async function factsFor(request: NotificationRequest): Promise<Facts> {
  const { entities } = db();
  const courseId = request.grant?.type === "enrollment" ? request.grant.course_id : (request.comment?.course_id ?? request.lesson?.course_id);
  const comment = request.comment;
  const commentKey = (kind: "thread" | "reply", commentId: string) => ({ course_id: comment!.course_id, kind, thread_id: comment!.thread_id, comment_id: commentId });
  const [items, grants] = await Promise.all([
    getEach({
      user: { params: entities.user.get({ user_id: request.user_id }).params(), parse: (Item) => entities.user.parse({ Item }) },
      settings: { params: entities.notificationSettings.get({ user_id: request.user_id }).params(), parse: (Item) => entities.notificationSettings.parse({ Item }) },
      course: courseId ? { params: entities.course.get({ course_id: courseId }).params(), parse: (Item) => entities.course.parse({ Item }) } : undefined,
      reply: comment ? { params: entities.comment.get(commentKey("reply", comment.comment_id)).params(), parse: (Item) => entities.comment.parse({ Item }) } : undefined,
      thread: comment ? { params: entities.comment.get(commentKey("thread", comment.thread_id)).params(), parse: (Item) => entities.comment.parse({ Item }) } : undefined,
      author: comment ? { params: entities.user.get({ user_id: comment.author_id }).params(), parse: (Item) => entities.user.parse({ Item }) } : undefined,
      lesson: request.lesson
        ? { params: entities.lesson.get({ course_id: request.lesson.course_id, lesson_id: request.lesson.lesson_id }).params(), parse: (Item) => entities.lesson.parse({ Item }) }
        : undefined,
    }),
    db().collections.userAccess({ user_id: request.user_id }).go({ pages: "all" }),
  ]);
  return { ...items, grants: { enrollments: grants.data.enrollment, memberships: grants.data.membership } };
}

/** What the notice says, from the current state; or, as a sentence for the log, why this person is told nothing. */
function subjectOf(request: NotificationRequest, facts: Facts, now: Date): Subject | string {
  const { user, course, grants } = facts;
  if (!user) return "the recipient no longer exists";
  if (!user.is_active) return "the recipient is deactivated";
  const caller: Caller = { id: user.user_id, isAdmin: user.role === "ADMIN", user };
  const courseOpen = course !== undefined && course.lifecycle === "live" && course.is_active;
  const canOpenCourse = (at: Date) => courseOpen && accessTo(course.course_id, caller, grants, at).granted;

  if (request.grant?.type === "enrollment") {
    const courseId = request.grant.course_id;
    const enrollment = grants.enrollments.find((candidate) => candidate.course_id === courseId);
    if (!courseOpen) return "the course is gone or switched off";
    if (!enrollment || !isEnrollmentActive(enrollment, now)) return "the enrollment is no longer open";
    const endsAt = enrollment.expires_at ?? null;
    if (request.kind === "access_ending") {
      if (endsAt !== request.ending?.ends_at) return "the enrollment's end moved since the notice was asked for";
      // Another grant (a membership) that goes on past this end: access does not end, nothing to say.
      if (canOpenCourse(new Date(endsAt))) return "access to the course goes on after this enrollment ends";
      return { kind: "access_ending", grant: "enrollment", course: course.title, endsAt, days: request.ending.days };
    }
    if (request.kind !== "access_granted" && request.kind !== "access_extended") return `${request.kind} is not about an enrollment`;
    return { kind: request.kind, grant: "enrollment", course: course.title, endsAt };
  }

  if (request.grant?.type === "membership") {
    const membershipId = request.grant.membership_id;
    const membership = grants.memberships.find((candidate) => candidate.membership_id === membershipId);
    if (!membership || !membership.is_active || new Date(membership.end_date) <= now) return "the membership is no longer on";
    if (request.kind === "access_ending") {
      if (membership.end_date !== request.ending?.ends_at) return "the membership's end moved since the notice was asked for";
      const end = new Date(membership.end_date);
      if (grants.memberships.some((other) => other.membership_id !== membershipId && isMembershipActive(other, end))) return "another membership goes on after this one ends";
      return { kind: "access_ending", grant: "membership", endsAt: membership.end_date, days: request.ending.days };
    }
    if (request.kind !== "access_granted" && request.kind !== "access_extended") return `${request.kind} is not about a membership`;
    return { kind: request.kind, grant: "membership", startsAt: membership.start_date, endsAt: membership.end_date };
  }

  if (request.comment) {
    const { reply, thread, author } = facts;
    if (!reply || !reply.is_active || reply.is_deleted || reply.content === undefined) return "the reply is gone or hidden";
    if (!thread || !thread.is_active) return "the thread is gone or hidden";
    if (!canOpenCourse(now)) return "the recipient cannot open the course";
    if (request.kind !== "forum_reply" && request.kind !== "admin_response") return `${request.kind} is not about a comment`;
    return { kind: request.kind, course: course!.title, author: author?.full_name ?? "Alguien", excerpt: excerpt(reply.content) };
  }

  if (request.lesson) {
    const { lesson } = facts;
    if (!lesson || !lesson.is_active) return "the lesson is gone or switched off";
    if (!canOpenCourse(now)) return "the recipient cannot open the course";
    return { kind: "new_lesson", course: course!.title, lesson: lesson.title };
  }
  return `${request.kind} names nothing to tell about`;
}

function linksFor(request: NotificationRequest, userId: string, topic: EmailTopic): Links {
  const target = request.comment
    ? spa.thread(request.comment.course_id, request.comment.thread_id)
    : request.lesson
      ? spa.lesson(request.lesson.course_id, request.lesson.lesson_id)
      : request.grant?.type === "enrollment"
        ? spa.course(request.grant.course_id)
        : spa.courses();
  return {
    target,
    unsubscribe: apiUrl(`/api/notifications/unsubscribe?token=${encodeURIComponent(tokenFor({ userId, topic }))}`),
    settings: spa.notificationSettings(),
  };
}

async function saveInApp(request: NotificationRequest, title: string, body: string, link: string): Promise<void> {
  const occurred = new Date(request.occurred_at);
  try {
    await db()
      .entities.notification.create({
        user_id: request.user_id,
        notification_id: idFor(occurred, `${request.event_key}\n${request.user_id}`),
        kind: request.kind,
        event_key: request.event_key,
        ...(courseOf(request) ? { course_id: courseOf(request) } : {}),
        title,
        body,
        link,
        created_at: occurred.toISOString(),
        delivered_at: clock.now().toISOString(),
        expires_at_epoch: epochSeconds(occurred) + IN_APP_DAYS * 86_400,
      })
      .go();
  } catch (error) {
    // Already there: this event was delivered before.
    if (!isConditionalCheckFailure(error)) throw error;
  }
}

const courseOf = (request: NotificationRequest): string | undefined =>
  request.grant?.type === "enrollment" ? request.grant.course_id : (request.comment?.course_id ?? request.lesson?.course_id);

/** How long an email's idempotency key is kept: far past the stream's 24 hours and the queue's hours of retries. */
const DELIVERY_KEPT_DAYS = 30;

type Claim = { state: "claimed"; attemptId: string } | { state: "already_sent" } | { state: "held" } | { state: "failed"; reason: string };

/**
 * Takes the email's idempotency key for this attempt: created if absent, or taken back from a `released` one (a send
 * the mail service refused). `sent` means done; `sending` means another attempt holds it, running now or ended
 * without telling: either way this one does not send.
 */
async function claimEmail(eventKey: string, userId: string, now: Date): Promise<Claim> {
  const attemptId = randomUUID();
  for (let tries = 0; tries < 3; tries += 1) {
    try {
      await db()
        .entities.emailDelivery.update({ event_key: eventKey, user_id: userId })
        .set({ state: "sending", attempt_id: attemptId, claimed_at: now.toISOString(), expires_at_epoch: epochSeconds(now) + DELIVERY_KEPT_DAYS * 86_400 })
        .add({ attempts: 1 })
        .where((attr, op) => `${op.notExists(attr.state)} OR ${op.eq(attr.state, "released")}`)
        .go();
      return { state: "claimed", attemptId };
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
    }
    const { data } = await db().entities.emailDelivery.get({ event_key: eventKey, user_id: userId }).go({ consistent: true });
    if (data?.state === "sent") return { state: "already_sent" };
    if (data?.state === "failed") return { state: "failed", reason: data.failure ?? "refused for good" };
    if (data?.state === "sending") {
      logger.warn("an earlier attempt holds this email's claim without having marked it sent: not sent again (at most once)", { eventKey, attempts: data.attempts, claimedAt: data.claimed_at });
      return { state: "held" };
    }
    // Released between the write and the read: claim again.
  }
  throw new Error(`could not claim the email of ${eventKey} for ${userId}: its claim kept changing`);
}

async function markFailed(eventKey: string, userId: string, attemptId: string, failure: string): Promise<void> {
  await db()
    .entities.emailDelivery.patch({ event_key: eventKey, user_id: userId })
    .set({ state: "failed", failure, failed_at: clock.now().toISOString() })
    .where((attr, op) => op.eq(attr.attempt_id, attemptId))
    .go();
}

async function release(eventKey: string, userId: string, attemptId: string): Promise<void> {
  await db()
    .entities.emailDelivery.patch({ event_key: eventKey, user_id: userId })
    .set({ state: "released" })
    .where((attr, op) => op.eq(attr.attempt_id, attemptId))
    .go();
}

/**
 * Backoff between the tries of a failed message: its next receive waits this long (ChangeMessageVisibility), 1, 5,
 * 15 and 60 minutes after the 1st to 4th receive; after the queue's last receive (MAX_RECEIVE_COUNT) it goes to the
 * dead-letter queue, about 80 minutes after the first try, with its alarm.
 */
export const RETRY_DELAYS_SECONDS = [60, 300, 900, 3600] as const;

let sqsClient: SQSClient | undefined;

/** Sets when a failed message comes back. Best effort: if this fails, the queue's own visibility timeout applies. */
export async function retryLater(record: SQSRecord): Promise<void> {
  const receives = Number(record.attributes.ApproximateReceiveCount);
  const delay = RETRY_DELAYS_SECONDS[Math.min(Math.max(receives, 1), RETRY_DELAYS_SECONDS.length) - 1]!;
  // A queue's URL from its ARN (arn:aws:sqs:<region>:<account>:<name>); locally the SDK's endpoint is the local SQS.
  const [, , , region, account, name] = record.eventSourceARN.split(":");
  try {
    // The queue's URL names the queue; the endpoint stays the configured one (the local SQS in `npm run dev`), which
    // the SDK would otherwise replace with the URL's host.
    sqsClient ??= new SQSClient({ useQueueUrlAsEndpoint: false });
    await sqsClient.send(new ChangeMessageVisibilityCommand({ QueueUrl: `https://sqs.${region}.amazonaws.com/${account}/${name}`, ReceiptHandle: record.receiptHandle, VisibilityTimeout: delay }));
  } catch (error) {
    logger.warn("could not delay the retry of a failed notification", { messageId: record.messageId, error: error as Error });
  }
}
