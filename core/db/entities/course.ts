import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

export const DIFFICULTY_LEVELS = ["BEGINNER", "INTERMEDIATE", "ADVANCED"] as const;
/** Course, lesson and recipe `order`s are padded in sort keys, so they sort as numbers. */
export const MAX_ORDER = 999_999;
const ORDER_PADDING = { length: 6, char: "0" } as const;

/**
 * A course. Its partition also holds its lessons and recipes (collection `coursePage`: the course page is one
 * Query) and everything else scoped to the course, so deleting a course empties one partition.
 * The counters change in the same transaction as the items they count.
 */
export const CourseEntity = new Entity({
  model: { entity: "course", version: "1", service: SERVICE },
  attributes: {
    course_id: { type: "string", required: true, readOnly: true },
    title: { type: "string", required: true },
    description: { type: "string", required: true },
    difficulty_level: { type: DIFFICULTY_LEVELS, required: true, default: "BEGINNER" },
    estimated_duration_minutes: { type: "number", required: true, default: 0 },
    order: { type: "number", required: true, default: 0, padding: ORDER_PADDING },
    is_active: { type: "boolean", required: true, default: true },
    whatsapp_group_url: { type: "string" },
    // Search (issue 15): up to 10 lowercase words (core/courses/schemas.ts CourseTags); absent on older courses: read as [].
    tags: { type: "list", items: { type: "string" } },
    created_by: { type: "string", required: true, readOnly: true },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
    /** Bumped by every update: a write based on an older read is refused (409) instead of losing a change. */
    version: { type: "number", required: true, default: 1 },
    /** `deleting` hides the course everywhere at once while its items are being removed. */
    lifecycle: { type: ["live", "deleting"] as const, required: true, default: "live" },
    lessons_count: { type: "number", required: true, default: 0 },
    recipes_count: { type: "number", required: true, default: 0 },
    enrolled_count: { type: "number", required: true, default: 0 },
    comments_count: { type: "number", required: true, default: 0 },
    /**
     * The ids of the active lessons, changed in the same transaction as the lessons: progress percentages count
     * only these, so they stay right when lessons are added, hidden or deleted, without reading the lessons.
     */
    active_lesson_ids: { type: "set", items: "string" },
    // Reviews (issue 17): the shown reviews' ratings, summed and counted in the same transaction as each review.
    // Absent on courses written before reviews existed: read as 0.
    rating_sum: { type: "number" },
    rating_count: { type: "number" },
    thumbnail_status: { type: ["none", "pending", "ready", "rejected"] as const, required: true, default: "none" },
    thumbnail_error: { type: "string" },
    thumbnail_key: { type: "string" },
    thumbnail_upload_id: { type: "string" },
    /**
     * The consolidated recipe PDF. Every change that affects it bumps `recipes_revision` in the same write; a
     * rebuild of revision R writes `recipes-rR.pdf` and moves `pdf_revision` forward only (conditional write),
     * so a late or duplicated rebuild can never make an older PDF current.
     */
    recipes_revision: { type: "number", required: true, default: 0 },
    pdf_revision: { type: "number", required: true, default: 0 },
    pdf_key: { type: "string" },
    // The PDF pdf_key replaced, kept one more build so that links handed out just before a rebuild still work.
    pdf_previous_key: { type: "string" },
    pdf_page_count: { type: "number" },
    pdf_recipe_pages: { type: "any" }, // recipe_id -> 1-based page of the current PDF where that recipe starts
    pdf_size_bytes: { type: "number" },
    pdf_updated_at: { type: "string" },
    /** The revision whose build failed last (a reason is logged); cleared by the next success. */
    pdf_failed_revision: { type: "number" },
  },
  indexes: {
    byId: {
      collection: "coursePage",
      pk: { field: "pk", composite: ["course_id"] },
      sk: { field: "sk", composite: [] },
    },
    /** Every course in catalogue order: the course lists. */
    all: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: [], template: "courses" },
      sk: { field: "gsi1sk", composite: ["order", "course_id"] },
    },
  },
});

export { ORDER_PADDING };
