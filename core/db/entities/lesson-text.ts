import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

/**
 * The text of a text lesson: its Markdown source and the sanitized HTML rendered from it when it was written
 * (core/lessons/markdown.ts). In the course's partition, so deleting the course removes it, but outside the
 * `coursePage` collection: the course page Query does not read up to 100 KB of text per lesson it only lists.
 * One GetItem when a lesson is opened.
 */
export const LessonTextEntity = new Entity({
  model: { entity: "lessonText", version: "1", service: SERVICE },
  attributes: {
    course_id: { type: "string", required: true, readOnly: true },
    lesson_id: { type: "string", required: true, readOnly: true },
    /** Markdown, at most 100 KB of UTF-8. */
    body: { type: "string", required: true },
    /** Sanitized HTML; its images name bucket keys (`src="media/…"`), presigned when the lesson is read. */
    html: { type: "string", required: true },
    /** The bucket keys the HTML's images name, in order of appearance. */
    image_keys: { type: "list", items: { type: "string" }, required: true, default: () => [] },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byLesson: {
      pk: { field: "pk", composite: ["course_id"] },
      sk: { field: "sk", composite: ["lesson_id"] },
    },
  },
});
