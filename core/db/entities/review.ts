import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

/**
 * A student's review of a course: at most one per student and course (keyed by both, written with
 * `attribute_not_exists`), in the course's partition (deleting the course removes its reviews). gsi1 lists a
 * course's reviews newest first (review ids are time-ordered ULIDs); gsi2 finds one by id (moderation).
 * gsi3 lists a person's reviews (their personal data export).
 * The course's `rating_sum` and `rating_count` count the shown reviews and move in the same transaction.
 */
export const ReviewEntity = new Entity({
  model: { entity: "review", version: "1", service: SERVICE },
  attributes: {
    review_id: { type: "string", required: true, readOnly: true },
    course_id: { type: "string", required: true, readOnly: true },
    user_id: { type: "string", required: true, readOnly: true },
    /** 1..5. */
    rating: { type: "number", required: true },
    /** Plain text, never interpreted as HTML. */
    text: { type: "string" },
    /** false = hidden by a moderator: not listed for students and not in the course's rating. */
    is_active: { type: "boolean", required: true, default: true },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byCourseAndUser: {
      pk: { field: "pk", composite: ["course_id"] },
      sk: { field: "sk", composite: ["user_id"] },
    },
    newest: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["course_id"] },
      sk: { field: "gsi1sk", composite: ["review_id"] },
    },
    byId: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["review_id"] },
      sk: { field: "gsi2sk", composite: [] },
    },
    byAuthor: {
      index: "gsi3",
      pk: { field: "gsi3pk", composite: ["user_id"] },
      sk: { field: "gsi3sk", composite: ["review_id"] },
    },
  },
});
