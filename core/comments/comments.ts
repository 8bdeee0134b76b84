import type { EntityItem } from "electrodb";
import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import * as Courses from "../courses/courses";
import type { CommentEntity } from "../db/entities/comment";
import { db } from "../db/service";
import { assertTransactionSucceeded, retryOnConflict, whenConditionFails, type TransactionEntities } from "../db/transactions";
import { decodeCursor, encodeCursor, type Page } from "../http/pagination";
import { conflict, forbidden, notFound } from "../http/problem";
import { newId } from "../ids";
import * as Users from "../users/users";
import type { UserRecord } from "../users/users";
import type { ReactionKind } from "../db/entities/reaction";
import { countsOf, mineInCourse } from "../reactions/counts";
import type { CommentResponse } from "./schemas";

export type CommentRecord = EntityItem<typeof CommentEntity>;

const noComment = (commentId: string) => notFound(`There is no comment with id ${commentId}.`);
const noCourse = (courseId: string) => notFound(`There is no course with id ${courseId}.`);

/** Hidden comments exist only for admins; a thread deleted with no visible replies left is gone for everyone. */
function isVisible(comment: CommentRecord, caller: Caller): boolean {
  if (comment.is_deleted && visibleReplies(comment, caller) === 0) return false;
  return caller.isAdmin || comment.is_active;
}

const visibleReplies = (thread: CommentRecord, caller: Caller): number =>
  caller.isAdmin ? thread.replies_count : thread.replies_count - thread.hidden_replies_count;

/** The key of a comment in its course partition. */
export const keyOf = (comment: Pick<CommentRecord, "course_id" | "kind" | "thread_id" | "comment_id">) => ({
  course_id: comment.course_id,
  kind: comment.kind,
  thread_id: comment.thread_id,
  comment_id: comment.comment_id,
});

const threadKey = (comment: CommentRecord) => ({ course_id: comment.course_id, kind: "thread" as const, thread_id: comment.thread_id, comment_id: comment.thread_id });

/** The forum is course content: only callers the access rule admits read or write it. Requests: course ‖ access. */
async function requireAccess(caller: Caller, courseId: string): Promise<void> {
  const { access } = await Courses.courseFor(caller, courseId);
  if (!access.granted) throw forbidden("The forum of a course is open to its students only; you do not have access to this course.");
}

/** One Query of gsi1. */
async function find(commentId: string): Promise<CommentRecord> {
  const { data } = await db().entities.comment.query.byId({ comment_id: commentId }).go();
  if (!data[0]) throw noComment(commentId);
  return data[0];
}

/**
 * A comment the caller may see, after the access check; for a reply, its thread too (a reply in a hidden
 * thread is hidden with it). Requests: comment by id, then course ‖ access ‖ thread.
 */
export async function findVisible(caller: Caller, commentId: string): Promise<{ comment: CommentRecord; thread: CommentRecord }> {
  const comment = await find(commentId);
  const [, thread] = await Promise.all([
    requireAccess(caller, comment.course_id),
    comment.kind === "thread" ? comment : db().entities.comment.get(threadKey(comment)).go({ consistent: true }).then(({ data }) => data ?? undefined),
  ]);
  if (!thread || !isVisible(comment, caller) || (thread !== comment && !caller.isAdmin && !thread.is_active)) throw noComment(commentId);
  return { comment, thread };
}

function toResponse(comment: CommentRecord, caller: Caller, authors: ReadonlyMap<string, UserRecord>, myReactions: ReadonlyMap<string, ReactionKind[]>): Omit<CommentResponse, "replies"> {
  const author = authors.get(comment.user_id);
  return {
    id: comment.comment_id,
    course_id: comment.course_id,
    thread_id: comment.thread_id,
    parent_id: comment.parent_id ?? null,
    content: comment.is_deleted ? null : (comment.content ?? null),
    is_admin_response: comment.is_admin_response,
    is_active: comment.is_active,
    is_deleted: comment.is_deleted,
    replies_count: comment.kind === "thread" ? visibleReplies(comment, caller) : 0,
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    // A deleted thread keeps no trace of who wrote it.
    user: comment.is_deleted || !author ? null : { id: author.user_id, full_name: author.full_name, is_admin: author.role === "ADMIN" },
    reactions: countsOf(comment),
    my_reactions: myReactions.get(comment.comment_id) ?? [],
  };
}

/** Threads with their visible replies (oldest first): every author in one BatchGet ‖ the caller's reactions in one Query. */
async function toResponses(threads: CommentRecord[], replies: CommentRecord[], caller: Caller): Promise<CommentResponse[]> {
  const [authors, myReactions] = await Promise.all([
    Users.getMany([...threads, ...replies].map((comment) => comment.user_id)),
    threads[0] ? mineInCourse(caller.id, threads[0].course_id) : new Map<string, ReactionKind[]>(),
  ]);
  return threads.map((thread) => ({
    ...toResponse(thread, caller, authors, myReactions),
    replies: replies.filter((reply) => reply.thread_id === thread.comment_id && isVisible(reply, caller)).map((reply) => toResponse(reply, caller, authors, myReactions)),
  }));
}

/**
 * `GET /api/courses/{id}/comments`: threads newest first, each with its replies. Requests: course ‖ access ‖
 * one page of threads, then one Query for the replies of every thread on the page (their keys are one range:
 * `kind=reply`, thread ids between the page's oldest and newest) ‖ the authors.
 */
export async function list(caller: Caller, courseId: string, limit: number, cursor: string | undefined): Promise<Page<CommentResponse>> {
  const scope = { list: `comments:${courseId}:${caller.isAdmin ? "all" : "visible"}`, caller };
  // Decoded before anything starts: a bad cursor must not leave the access check running with nobody awaiting it.
  const start = decodeCursor(scope, cursor);
  const [, { data, cursor: next }] = await Promise.all([
    requireAccess(caller, courseId),
    db()
      .entities.comment.query.byCourse({ course_id: courseId, kind: "thread" })
      .where((attr, op) => (caller.isAdmin ? "" : op.eq(attr.is_active, true)))
      .go({ limit, order: "desc", cursor: start }),
  ]);
  const threads = data.filter((thread) => isVisible(thread, caller));
  if (threads.length === 0) return { items: [], next_cursor: encodeCursor(scope, next) };
  const newest = threads[0]!.comment_id;
  const oldest = threads[threads.length - 1]!.comment_id;
  // "~" sorts after every character of an id and after "#": the upper bound covers all the replies of the newest thread.
  const { data: replies } = await db()
    .entities.comment.query.byCourse({ course_id: courseId, kind: "reply" })
    .between({ thread_id: oldest }, { thread_id: `${newest}~` })
    .go({ pages: "all" });
  return { items: await toResponses(threads, replies, caller), next_cursor: encodeCursor(scope, next) };
}

/** `GET /api/comments/{id}`: a thread with its replies, or one reply. */
export async function get(caller: Caller, commentId: string): Promise<CommentResponse> {
  const { comment } = await findVisible(caller, commentId);
  if (comment.kind === "reply") return (await toResponses([comment], [], caller))[0]!;
  const { data: replies } = await db()
    .entities.comment.query.byCourse({ course_id: comment.course_id, kind: "reply", thread_id: comment.comment_id })
    .go({ pages: "all", consistent: true });
  return (await toResponses([comment], replies, caller))[0]!;
}

/** A comment about to be written: what the caller said, with the state every new comment starts in. */
function newComment(fields: Pick<CommentRecord, "comment_id" | "course_id" | "kind" | "thread_id" | "user_id" | "content"> & Partial<CommentRecord>): CommentRecord {
  const now = clock.now().toISOString();
  return {
    is_admin_response: false,
    is_active: true,
    is_deleted: false,
    replies_count: 0,
    hidden_replies_count: 0,
    created_at: now,
    updated_at: now,
    ...fields,
  };
}

/** `POST /api/courses/{id}/comments`: a new thread, counted on the course in the same transaction. */
export async function createThread(caller: Caller, courseId: string, content: string): Promise<CommentResponse> {
  await requireAccess(caller, courseId);
  const commentId = newId();
  const thread = newComment({ comment_id: commentId, course_id: courseId, kind: "thread", thread_id: commentId, user_id: caller.id, content });
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ comment, course }) => [
        comment.create(thread).commit(),
        course.patch({ course_id: courseId }).add({ comments_count: 1 }).where((attr, op) => op.eq(attr.lifecycle, "live")).commit(),
      ])
      .go();
    assertTransactionSucceeded(result, [undefined, noCourse(courseId)]);
  });
  return (await toResponses([thread], [], caller))[0]!;
}

/**
 * `POST /api/comments/{id}/reply`: a reply joins the thread of what it answers (a reply to a reply stays in the
 * thread). The thread's and the course's counters move in the same transaction, which also checks the thread
 * still exists (and, for a student, is not hidden).
 */
export async function reply(caller: Caller, parentId: string, content: string): Promise<CommentResponse> {
  const { comment: parent } = await findVisible(caller, parentId);
  if (parent.is_deleted) throw conflict("That comment was deleted; reply to another comment of the thread instead.");
  const answer = newComment({
    comment_id: newId(),
    course_id: parent.course_id,
    kind: "reply",
    thread_id: parent.thread_id,
    parent_id: parent.comment_id,
    user_id: caller.id,
    content,
    is_admin_response: caller.isAdmin,
  });
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ comment, course }) => [
        comment.create(answer).commit(),
        comment
          .patch(threadKey(parent))
          .add({ replies_count: 1 })
          .where((attr, op) => (caller.isAdmin ? op.exists(attr.comment_id) : `${op.exists(attr.comment_id)} AND ${op.eq(attr.is_active, true)}`))
          .commit(),
        course.patch({ course_id: parent.course_id }).add({ comments_count: 1 }).where((attr, op) => op.eq(attr.lifecycle, "live")).commit(),
      ])
      .go();
    assertTransactionSucceeded(result, [undefined, noComment(parentId), noCourse(parent.course_id)]);
  });
  return (await toResponses([answer], [], caller))[0]!;
}

/** `PUT /api/comments/{id}`: authors edit their own words, nobody else's (admins moderate instead). */
export async function edit(caller: Caller, commentId: string, content: string): Promise<CommentResponse> {
  const { comment } = await findVisible(caller, commentId);
  if (comment.user_id !== caller.id) throw forbidden("You can edit only your own comments.");
  if (comment.is_deleted) throw noComment(commentId);
  const { data } = await whenConditionFails(
    db()
      .entities.comment.patch(keyOf(comment))
      .set({ content, updated_at: clock.now().toISOString() })
      .where((attr, op) => op.eq(attr.is_deleted, false))
      .go({ response: "all_new" }),
    noComment(commentId),
  );
  return (await toResponses([{ ...comment, ...data }], [], caller))[0]!;
}

/**
 * `DELETE /api/comments/{id}`: by its author or an admin. A reply, or a thread nobody answered, is removed; a
 * thread with replies stays as an empty placeholder so the conversation keeps its context. Counters move in
 * the same transaction; a reply arriving at the same moment makes the thread's condition fail, and the delete
 * is retried as a placeholder.
 */
export async function remove(caller: Caller, commentId: string): Promise<void> {
  const { comment } = await findVisible(caller, commentId);
  if (comment.user_id !== caller.id && !caller.isAdmin) throw forbidden("You can delete only your own comments.");
  if (comment.is_deleted) throw noComment(commentId);
  const uncount = (course: TransactionEntities["course"]) =>
    course.patch({ course_id: comment.course_id }).add({ comments_count: -1 }).commit();

  if (comment.kind === "reply") {
    await retryOnConflict(async () => {
      const result = await db()
        .transaction.write(({ comment: comments, course }) => [
          comments.delete(keyOf(comment)).where((attr, op) => op.exists(attr.comment_id)).commit(),
          comments
            .patch(threadKey(comment))
            .add({ replies_count: -1, hidden_replies_count: comment.is_active ? 0 : -1 })
            .commit(),
          uncount(course),
        ])
        .go();
      assertTransactionSucceeded(result, [noComment(commentId), noComment(comment.thread_id), undefined]);
    });
    return;
  }

  await retryOnConflict(async () => {
    const removed = await db()
      .transaction.write(({ comment: comments, course }) => [
        comments.delete(keyOf(comment)).where((attr, op) => `${op.exists(attr.comment_id)} AND ${op.eq(attr.replies_count, 0)}`).commit(),
        uncount(course),
      ])
      .go();
    if (!removed.canceled) return;
    // A lost race is retried as a whole; only "it has replies" (or "it is gone") leads on to the placeholder.
    if (removed.data.some((item) => item.code === "TransactionConflict")) assertTransactionSucceeded(removed, []);
    const placeholder = await db()
      .transaction.write(({ comment: comments, course }) => [
        comments
          .patch(keyOf(comment))
          .set({ is_deleted: true, updated_at: clock.now().toISOString() })
          .remove(["content"])
          .where((attr, op) => op.eq(attr.is_deleted, false))
          .commit(),
        uncount(course),
      ])
      .go();
    assertTransactionSucceeded(placeholder, [noComment(commentId), undefined]);
  });
}

/**
 * `PUT /api/comments/{id}/moderate` (admin): hides or shows a comment. A reply's thread counts its hidden replies
 * (students see the difference) in the same transaction; setting the state it already has changes nothing.
 */
export async function moderate(caller: Caller, commentId: string, isActive: boolean): Promise<CommentResponse> {
  const comment = await find(commentId);
  const now = clock.now().toISOString();
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ comment: comments }) => [
        comments
          .patch(keyOf(comment))
          .set({ is_active: isActive, updated_at: now })
          .where((attr, op) => op.eq(attr.is_active, !isActive))
          .commit(),
        ...(comment.kind === "reply"
          ? [
              comments
                .patch(threadKey(comment))
                .add({ hidden_replies_count: isActive ? -1 : 1 })
                .commit(),
            ]
          : []),
      ])
      .go();
    // Only the "already in that state" condition can refuse: nothing to change.
    if (result.canceled && result.data.some((item) => item.code === "TransactionConflict")) assertTransactionSucceeded(result, []);
  });
  return get(caller, commentId);
}
