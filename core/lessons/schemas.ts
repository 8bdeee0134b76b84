import { z } from "zod";
import { Description, Order, Title } from "../courses/schemas";

export const CreateLessonRequest = z.strictObject({
  title: Title,
  description: Description.optional(),
  order: Order.default(1),
  is_preview: z.boolean().default(false),
  is_active: z.boolean().default(true),
});
export type CreateLessonRequest = z.infer<typeof CreateLessonRequest>;

export const UpdateLessonRequest = z
  .strictObject({
    title: Title.optional(),
    description: Description.nullable().optional(),
    order: Order.optional(),
    is_preview: z.boolean().optional(),
    is_active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { error: "give at least one field to change" });
export type UpdateLessonRequest = z.infer<typeof UpdateLessonRequest>;

export const LessonResponse = z.object({
  id: z.string(),
  course_id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  order: z.number(),
  /** Presigned GET (15 minutes) for callers who may watch the lesson. */
  video_url: z.string().nullable(),
  video_status: z.enum(["none", "pending", "ready", "rejected"]),
  video_error: z.string().nullable(),
  video_duration: z.number().nullable(),
  is_preview: z.boolean(),
  is_active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type LessonResponse = z.infer<typeof LessonResponse>;
