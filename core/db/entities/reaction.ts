import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

/** The fixed set of reactions a forum comment takes (one of each per user). */
export const REACTION_KINDS = ["like", "love", "yum", "clap", "thanks"] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

/**
 * One user's reaction of one kind to one comment, in the course's partition. Keyed user first: a forum page learns
 * which reactions are the caller's with one Query (`user_id` prefix) whatever the page's size. The comment counts
 * them (`reactions_<kind>`) in the same transaction as the reaction is put or removed. gsi3 lists a person's
 * reactions across courses (their personal data export).
 */
export const ReactionEntity = new Entity({
  model: { entity: "reaction", version: "1", service: SERVICE },
  attributes: {
    course_id: { type: "string", required: true, readOnly: true },
    user_id: { type: "string", required: true, readOnly: true },
    comment_id: { type: "string", required: true, readOnly: true },
    kind: { type: REACTION_KINDS, required: true, readOnly: true },
    created_at: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byUser: {
      pk: { field: "pk", composite: ["course_id"] },
      sk: { field: "sk", composite: ["user_id", "comment_id", "kind"] },
    },
    byAuthor: {
      index: "gsi3",
      pk: { field: "gsi3pk", composite: ["user_id"] },
      sk: { field: "gsi3sk", composite: ["comment_id", "kind"] },
    },
  },
});
