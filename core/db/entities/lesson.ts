import { Entity } from "electrodb";
import { SERVICE } from "../service-name";
import { ORDER_PADDING } from "./course";

export const LESSON_KINDS = ["video", "text"] as const;

/** A lesson (a video or a text) of a course, stored in the course's partition; reachable by its own id through gsi1. */
export const LessonEntity = new Entity({
  model: { entity: "lesson", version: "1", service: SERVICE },
  attributes: {
    lesson_id: { type: "string", required: true, readOnly: true },
    course_id: { type: "string", required: true, readOnly: true },
    title: { type: "string", required: true },
    description: { type: "string" },
    order: { type: "number", required: true, default: 1, padding: ORDER_PADDING },
    /** Seconds, once known (media issue). */
    video_duration: { type: "number" },
    is_preview: { type: "boolean", required: true, default: false },
    is_active: { type: "boolean", required: true, default: true },
    video_status: { type: ["none", "pending", "ready", "rejected"] as const, required: true, default: "none" },
    video_error: { type: "string" },
    video_key: { type: "string" },
    video_upload_id: { type: "string" },
    // --- Video metadata (media issue #14), read from the container where the video landed.
    video_width: { type: "number" },
    video_height: { type: "number" },
    /** The video track's codec as the container names it (`avc1`, `hvc1`, `V_VP9`…). */
    video_codec: { type: "string" },
    /** The video's size in bytes (a multipart upload's is checked on completion). */
    video_size_bytes: { type: "number" },
    // --- end of video metadata
    // Learning beyond the basics (issue 17): the lesson's kind, and its drip release.
    /** A video lesson plays its video; a text lesson's Markdown lives in its `lessonText` item. Chosen at creation. */
    kind: { type: LESSON_KINDS, required: true, default: "video", readOnly: true },
    /** Drip release (core/access/access.ts `lessonRelease`): a fixed instant, or days after the caller's access began. */
    available_at: { type: "string" },
    available_after_days: { type: "number" },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byCourse: {
      collection: "coursePage",
      pk: { field: "pk", composite: ["course_id"] },
      sk: { field: "sk", composite: ["lesson_id"] },
    },
    byId: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["lesson_id"] },
      sk: { field: "gsi1sk", composite: [] },
    },
  },
});
