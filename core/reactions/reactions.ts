import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import * as Comments from "../comments/comments";
import type { ReactionKind } from "../db/entities/reaction";
import { db } from "../db/service";
import { assertTransactionSucceeded, retryOnConflict } from "../db/transactions";
import { notFound } from "../http/problem";
import { countsOf } from "./counts";
import type { ReactionsResponse } from "./schemas";

/**
 * Reactions on forum comments: one per user, comment and kind. The reaction item is created (or deleted) with a
 * condition on its existence, in the same transaction as the comment's `reactions_<kind>` counter moves, so the
 * count is exact however many users react at once, and a repeated PUT or DELETE changes nothing (both idempotent).
 */

/** `PUT /api/comments/{id}/reactions/{kind}`: the caller reacts (again: nothing changes). */
export async function react(caller: Caller, commentId: string, kind: ReactionKind): Promise<ReactionsResponse> {
  const { comment } = await Comments.findVisible(caller, commentId);
  const key = { course_id: comment.course_id, user_id: caller.id, comment_id: commentId, kind };
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ reaction, comment: comments }) => [
        reaction.create({ ...key, created_at: clock.now().toISOString() }).commit(),
        comments.patch(Comments.keyOf(comment)).add({ [`reactions_${kind}`]: 1 }).commit(),
      ])
      .go();
    // Already there: a repeated PUT, answered with the counts as they are.
    if (result.canceled && result.data[0]?.code === "ConditionalCheckFailed") return;
    assertTransactionSucceeded(result, [undefined, notFound(`There is no comment with id ${commentId}.`)]);
  });
  return current(caller, comment);
}

/** `DELETE /api/comments/{id}/reactions/{kind}`: the caller takes their reaction back (none: nothing changes). */
export async function unreact(caller: Caller, commentId: string, kind: ReactionKind): Promise<ReactionsResponse> {
  const { comment } = await Comments.findVisible(caller, commentId);
  const key = { course_id: comment.course_id, user_id: caller.id, comment_id: commentId, kind };
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ reaction, comment: comments }) => [
        reaction.delete(key).where((attr, op) => op.exists(attr.kind)).commit(),
        comments.patch(Comments.keyOf(comment)).add({ [`reactions_${kind}`]: -1 }).commit(),
      ])
      .go();
    if (result.canceled && result.data[0]?.code === "ConditionalCheckFailed") return;
    assertTransactionSucceeded(result, [undefined, notFound(`There is no comment with id ${commentId}.`)]);
  });
  return current(caller, comment);
}

/** The comment's counts and the caller's own reactions on it, read back strongly consistent. */
async function current(caller: Caller, comment: Comments.CommentRecord): Promise<ReactionsResponse> {
  const [{ data }, mine] = await Promise.all([db().entities.comment.get(Comments.keyOf(comment)).go({ consistent: true }), mineOn(caller.id, comment)]);
  return { comment_id: comment.comment_id, reactions: countsOf(data ?? comment), my_reactions: mine };
}

async function mineOn(userId: string, comment: Comments.CommentRecord): Promise<ReactionKind[]> {
  const { data } = await db().entities.reaction.query.byUser({ course_id: comment.course_id, user_id: userId, comment_id: comment.comment_id }).go({ consistent: true });
  return data.map((reaction) => reaction.kind);
}
