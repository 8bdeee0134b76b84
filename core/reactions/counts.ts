import { REACTION_KINDS, type ReactionKind } from "../db/entities/reaction";
import { db } from "../db/service";

type Counted = Partial<Record<`reactions_${ReactionKind}`, number>>;

/** `{kind: count}` of a comment, every kind present (0 for none). */
export function countsOf(comment: Counted): Record<ReactionKind, number> {
  return Object.fromEntries(REACTION_KINDS.map((kind) => [kind, comment[`reactions_${kind}`] ?? 0])) as Record<ReactionKind, number>;
}

/** The caller's reactions in one course, by comment: one Query of the course partition (`user_id` prefix). */
export async function mineInCourse(userId: string, courseId: string): Promise<Map<string, ReactionKind[]>> {
  const { data } = await db().entities.reaction.query.byUser({ course_id: courseId, user_id: userId }).go({ pages: "all" });
  const byComment = new Map<string, ReactionKind[]>();
  for (const reaction of data) byComment.set(reaction.comment_id, [...(byComment.get(reaction.comment_id) ?? []), reaction.kind]);
  return byComment;
}

