import * as z from "zod";
import { Description, Order, Title } from "../courses/fields";
import { changesOf } from "../http/fields";
import { pageOf } from "../openapi/schemas";
import { Instant } from "../users/schemas";
import { LESSON_KINDS } from "../db/entities/lesson";

// --- Text lessons and drip release (issue 17) -------------------------------------------------------------------

/** A text lesson's Markdown: at most 100 KB of UTF-8 (100,000 bytes), no NUL. */
export const MAX_BODY_BYTES = 100_000;
const Body = z
  .string()
  .regex(/\S/, { error: "must not be empty" })
  // eslint-disable-next-line no-control-regex -- NUL is the very character refused
  .regex(/^[^\u0000]*$/, { error: "must not contain NUL characters" })
  .refine((text) => Buffer.byteLength(text, "utf8") <= MAX_BODY_BYTES, { error: `must be at most ${MAX_BODY_BYTES} bytes of UTF-8 (100 KB)` })
  .meta({ maxLength: MAX_BODY_BYTES, description: "Markdown (CommonMark and GitHub tables), at most 100,000 bytes of UTF-8. Images only from the course's own files: a recipe photo's or the thumbnail's key (`media/…`) or its link." });
const AvailableAt = Instant.meta({ description: "Drip release: the lesson opens to students at this moment. Not with available_after_days." });
const AvailableAfterDays = z
  .number()
  .int({ error: "must be a whole number of days" })
  .min(0, { error: "must be 0 or more" })
  .max(3650, { error: "must be at most 3650 (ten years)" })
  .meta({ description: "Drip release: the lesson opens this many days after the student's access to the course began (enrollment or membership start, whichever first). Not with available_at." });

const oneReleaseRule = { error: "give available_at or available_after_days, not both", path: ["available_after_days"] };
const bothRules = (body: { available_at?: unknown; available_after_days?: unknown }) => !(body.available_at != null && body.available_after_days != null);

export const CreateLessonRequest = z
  .strictObject({
    title: Title,
    description: Description.optional(),
    order: Order.optional().meta({ description: "Position among the course's lessons; without it the lesson goes to the end." }),
    is_preview: z.boolean().default(false),
    is_active: z.boolean().default(true),
    kind: z.enum(LESSON_KINDS).default("video").meta({ description: "A video lesson plays its uploaded video; a text lesson shows its `body`. Fixed once created." }),
    body: Body.optional().meta({ description: "Required for a text lesson, refused for a video lesson." }),
    available_at: AvailableAt.optional(),
    available_after_days: AvailableAfterDays.optional(),
  })
  .refine((body) => (body.kind === "text") === (body.body !== undefined), { error: "a text lesson needs a body; a video lesson has none", path: ["body"] })
  .refine(bothRules, oneReleaseRule)
  .meta({ id: "CreateLessonRequest", description: "A text lesson (`kind: text`) needs a `body`, a video lesson takes none; `available_at` and `available_after_days` exclude each other." });
export type CreateLessonRequest = z.infer<typeof CreateLessonRequest>;

export const UpdateLessonRequest = changesOf({
  title: Title.optional(),
  description: Description.nullable().optional(),
  order: Order.optional(),
  is_preview: z.boolean().optional(),
  is_active: z.boolean().optional(),
  body: Body.optional().meta({ description: "Text lessons only: the new Markdown." }),
  available_at: AvailableAt.nullable().optional().meta({ description: "Drip release at a fixed moment (replaces available_after_days); null: no fixed moment." }),
  available_after_days: AvailableAfterDays.nullable().optional().meta({ description: "Drip release relative to each student's access (replaces available_at); null: none." }),
})
  .refine(bothRules, oneReleaseRule)
  .meta({ id: "UpdateLessonRequest", description: "`body` only for text lessons; `available_at` and `available_after_days` exclude each other (setting one clears the other)." });
export type UpdateLessonRequest = z.infer<typeof UpdateLessonRequest>;

/** What the API shows of a lesson (`toResponse` of core/lessons/lessons.ts). */
export const LessonResponse = z.object({
  id: z.string(),
  course_id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  order: z.number(),
  video_url: z.string().nullable().meta({ description: "A presigned GET (15 minutes) for callers who may watch the lesson." }),
  video_status: z.enum(["none", "pending", "ready", "rejected"]),
  video_error: z.string().nullable(),
  video_duration: z.number().nullable().meta({ description: "Seconds, read from the video's container when it landed." }),
  video_width: z.number().int().nullable().meta({ description: "As displayed (a portrait phone video is taller than wide)." }),
  video_height: z.number().int().nullable(),
  video_codec: z.string().nullable().meta({ description: "The video track's codec as the container names it: `avc1`, `hvc1`, `V_VP9`…" }),
  is_preview: z.boolean(),
  is_active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  // Issue 17: kind, text and drip release.
  kind: z.enum(LESSON_KINDS),
  available_after_days: z.number().nullable().meta({ description: "Drip release relative to each student's access to the course, as set by an admin." }),
  available_at: z.string().nullable().meta({ description: "When the lesson opens for the caller: the fixed moment, or their access start plus available_after_days; null when it has no release rule (and, for an admin, when the rule is relative)." }),
  locked: z.boolean().meta({ description: "Not open yet for the caller (drip release): title and order show, video_url, body and body_html are null, progress is refused." }),
  body: z.string().nullable().meta({ description: "A text lesson's Markdown, in `GET /api/lessons/{id}` only (lists and the course page leave it out), for callers who may read it." }),
  body_html: z.string().nullable().meta({ description: "The body as sanitized HTML (no scripts, event handlers or foreign images; images as 15-minute presigned links), with `body`." }),
  // The caller's own progress in the lesson: optional until every lesson answer carries it (core/progress, in progress).
  user_completed: z.boolean().optional().meta({ description: "The caller has completed the lesson." }),
  user_last_position: z.number().nullable().optional().meta({ description: "Where the caller stopped watching, in seconds." }),
  user_completed_at: z.string().nullable().optional().meta({ description: "When the caller completed the lesson." }),
}).meta({ id: "LessonResponse" });
export type LessonResponse = z.infer<typeof LessonResponse>;

export const LessonListResponse = pageOf(LessonResponse).meta({ id: "LessonListResponse" });
