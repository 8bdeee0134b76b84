import * as z from "zod";
import { Description, Order, Title } from "../courses/fields";
import { changesOf } from "../http/fields";
import { pageOf } from "../openapi/schemas";

export const CreateLessonRequest = z.strictObject({
  title: Title,
  description: Description.optional(),
  order: Order.default(1),
  is_preview: z.boolean().default(false),
  is_active: z.boolean().default(true),
}).meta({ id: "CreateLessonRequest" });
export type CreateLessonRequest = z.infer<typeof CreateLessonRequest>;

export const UpdateLessonRequest = changesOf({
  title: Title.optional(),
  description: Description.nullable().optional(),
  order: Order.optional(),
  is_preview: z.boolean().optional(),
  is_active: z.boolean().optional(),
}).meta({ id: "UpdateLessonRequest" });
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
  // The caller's own progress in the lesson: optional until every lesson answer carries it (core/progress, in progress).
  user_completed: z.boolean().optional().meta({ description: "The caller has completed the lesson." }),
  user_last_position: z.number().nullable().optional().meta({ description: "Where the caller stopped watching, in seconds." }),
  user_completed_at: z.string().nullable().optional().meta({ description: "When the caller completed the lesson." }),
}).meta({ id: "LessonResponse" });
export type LessonResponse = z.infer<typeof LessonResponse>;

export const LessonListResponse = pageOf(LessonResponse).meta({ id: "LessonListResponse" });
