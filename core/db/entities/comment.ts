import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

export const COMMENT_KINDS = ["thread", "reply"] as const;

/**
 * A forum comment, in its course's partition (deleting the course removes the forum). A thread is a top-level
 * comment; every reply, even a reply to a reply, belongs to its thread (`thread_id`) and names what it answers
 * (`parent_id`). The sort key starts with the kind, so one course's threads are one contiguous range (newest first
 * by their time-ordered ids) and one thread's replies another: both lists are single Queries with no GSI.
 * gsi1 finds a comment by id; gsi2 orders every comment by id (= by time) for the dashboard's weekly count.
 */
export const CommentEntity = new Entity({
  model: { entity: "comment", version: "1", service: SERVICE },
  attributes: {
    comment_id: { type: "string", required: true, readOnly: true },
    course_id: { type: "string", required: true, readOnly: true },
    kind: { type: COMMENT_KINDS, required: true, readOnly: true },
    /** The thread's own id for a thread; for a reply, the thread it belongs to. */
    thread_id: { type: "string", required: true, readOnly: true },
    /** The comment a reply answers (a thread or another reply); absent on threads. */
    parent_id: { type: "string", readOnly: true },
    user_id: { type: "string", required: true, readOnly: true },
    /** Plain text, trimmed; never interpreted as HTML. Absent once a thread with replies is deleted. */
    content: { type: "string" },
    is_admin_response: { type: "boolean", required: true, default: false, readOnly: true },
    /** false = hidden by a moderator: gone for students, shown to admins with its state. */
    is_active: { type: "boolean", required: true, default: true },
    /** A deleted thread that still has replies stays as an empty placeholder, so the replies keep their context. */
    is_deleted: { type: "boolean", required: true, default: false },
    /** Threads only: replies that exist, and how many of them are hidden (students see the difference). */
    replies_count: { type: "number", required: true, default: 0 },
    hidden_replies_count: { type: "number", required: true, default: 0 },
    // Reactions (issue 17): how many users reacted with each kind of core/db/entities/reaction.ts, moved in the same
    // transaction as the reaction item. Absent = 0 (comments written before reactions existed).
    reactions_like: { type: "number" },
    reactions_love: { type: "number" },
    reactions_yum: { type: "number" },
    reactions_clap: { type: "number" },
    reactions_thanks: { type: "number" },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byCourse: {
      pk: { field: "pk", composite: ["course_id"] },
      sk: { field: "sk", composite: ["kind", "thread_id", "comment_id"] },
    },
    byId: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["comment_id"] },
      sk: { field: "gsi1sk", composite: [] },
    },
    timeline: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: [], template: "comments" },
      sk: { field: "gsi2sk", composite: ["comment_id"] },
    },
    /** A person's own comments, by time (the personal data export). */
    byAuthor: {
      index: "gsi3",
      pk: { field: "gsi3pk", composite: ["user_id"] },
      sk: { field: "gsi3sk", composite: ["comment_id"] },
    },
  },
});
