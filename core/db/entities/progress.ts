import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

/**
 * One user's progress in one lesson. Stored in the course's partition, so deleting a course removes it with
 * everything else, and a course's progress (a student's, or every student's) is one Query. gsi1 lists a user's
 * progress in every course (their dashboard, the admin's view of a user) in one Query.
 */
export const LessonProgressEntity = new Entity({
  model: { entity: "lessonProgress", version: "1", service: SERVICE },
  attributes: {
    course_id: { type: "string", required: true, readOnly: true },
    user_id: { type: "string", required: true, readOnly: true },
    lesson_id: { type: "string", required: true, readOnly: true },
    completed: { type: "boolean", required: true, default: false },
    /** Seconds into the video. */
    last_watched_position: { type: "number" },
    completed_at: { type: "string" },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byCourse: {
      pk: { field: "pk", composite: ["course_id"] },
      sk: { field: "sk", composite: ["user_id", "lesson_id"] },
    },
    byUser: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["user_id"] },
      sk: { field: "gsi1sk", composite: ["course_id", "lesson_id"] },
    },
  },
});
