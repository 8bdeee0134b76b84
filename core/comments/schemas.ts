import * as z from "zod";
import { NonBlankText } from "../http/fields";
import { PageQuery } from "../http/pagination";
import { pageOf } from "../openapi/schemas";
import { ReactionCounts, ReactionKindSchema } from "../reactions/schemas";

export const MAX_COMMENT_CHARACTERS = 5000;

/**
 * Plain text, 1..5000 characters after trimming, counted as characters a person sees (code points, so an emoji
 * is one). Stored and returned exactly as written: it is never interpreted as HTML, so `<script>` is just text.
 * JSON Schema's `maxLength` counts code points too, so the document states the limit as the server counts it.
 */
const Content = NonBlankText()
  // eslint-disable-next-line no-control-regex -- NUL is the very character refused
  .regex(/^[^\u0000]*$/, { error: "must not contain NUL characters" })
  .refine((text) => [...text].length <= MAX_COMMENT_CHARACTERS, { error: `must be at most ${MAX_COMMENT_CHARACTERS} characters` })
  .meta({ maxLength: MAX_COMMENT_CHARACTERS });

export const WriteCommentRequest = z.strictObject({ content: Content }).meta({ id: "WriteCommentRequest" });
export type WriteCommentRequest = z.infer<typeof WriteCommentRequest>;

export const ModerateCommentRequest = z.strictObject({ is_active: z.boolean({ error: "must be true (show) or false (hide)" }) });

export const CommentListQuery = z.strictObject(PageQuery);

export const CommentAuthor = z.object({ id: z.string(), full_name: z.string(), is_admin: z.boolean() });

const CommentFields = {
  id: z.string(),
  course_id: z.string(),
  /** The thread this comment belongs to (a thread's own id for a thread). */
  thread_id: z.string(),
  /** What a reply answers: the thread or another reply in it; null for a thread. */
  parent_id: z.string().nullable(),
  /** null once a thread with replies has been deleted (it stays as a placeholder for its replies). */
  content: z.string().nullable(),
  is_admin_response: z.boolean(),
  /** false = hidden by a moderator (only admins ever see hidden comments). */
  is_active: z.boolean(),
  is_deleted: z.boolean(),
  /** Replies in the thread the caller can see. */
  replies_count: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
  user: CommentAuthor.nullable(),
  // Reactions (issue 17).
  reactions: ReactionCounts,
  my_reactions: z.array(ReactionKindSchema).meta({ description: "The caller's own reactions on this comment." }),
};

export const CommentResponse = z
  .object({ ...CommentFields, replies: z.array(z.object(CommentFields).meta({ id: "CommentReply" })) })
  .meta({ id: "Comment", description: "A thread with its visible replies (oldest first), or one reply (`replies` empty)." });
export type CommentResponse = z.infer<typeof CommentResponse>;

export const CommentPage = pageOf(CommentResponse);
