import { z } from "zod";
import { DIFFICULTY_LEVELS, MAX_ORDER } from "../db/entities/course";

export const Title = z.string().trim().min(1, { error: "must not be empty" }).max(200, { error: "must be at most 200 characters" });
export const Description = z.string().trim().max(5000, { error: "must be at most 5000 characters" });
export const Order = z.number().int({ error: "must be a whole number" }).min(0, { error: "must be 0 or more" }).max(MAX_ORDER, { error: `must be at most ${MAX_ORDER}` });
export const Difficulty = z.enum(DIFFICULTY_LEVELS, { error: `must be one of ${DIFFICULTY_LEVELS.join(", ")}` });

/** Only invitation links of WhatsApp groups: anything else would send students somewhere we cannot vouch for. */
export const WhatsappGroupUrl = z
  .string()
  .max(200, { error: "must be at most 200 characters" })
  .regex(/^https:\/\/chat\.whatsapp\.com\/[A-Za-z0-9]{10,40}$/, { error: "must be a WhatsApp group link like https://chat.whatsapp.com/AbCdEf1234567890" });

export const CreateCourseRequest = z.strictObject({
  title: Title,
  description: Description,
  difficulty_level: Difficulty.default("BEGINNER"),
  estimated_duration_minutes: z.number().int({ error: "must be a whole number" }).min(0, { error: "must be 0 or more" }).max(100_000, { error: "is too long" }).default(0),
  order: Order.default(0),
  is_active: z.boolean().default(true),
});
export type CreateCourseRequest = z.infer<typeof CreateCourseRequest>;

// Built without the defaults of CreateCourseRequest: zod's .partial() would still fill them in, and an update of the
// title would reset is_active, order and difficulty.
const Minutes = z.number().int({ error: "must be a whole number" }).min(0, { error: "must be 0 or more" }).max(100_000, { error: "is too long" });
export const UpdateCourseRequest = z
  .strictObject({
    title: Title.optional(),
    description: Description.optional(),
    difficulty_level: Difficulty.optional(),
    estimated_duration_minutes: Minutes.optional(),
    order: Order.optional(),
    is_active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { error: "give at least one field to change" });
export type UpdateCourseRequest = z.infer<typeof UpdateCourseRequest>;

export const SetWhatsappGroupRequest = z.strictObject({ whatsapp_group_url: WhatsappGroupUrl.nullable() });

export const CourseResponse = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  difficulty_level: Difficulty,
  estimated_duration_minutes: z.number(),
  order: z.number(),
  is_active: z.boolean(),
  created_by: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  /** Presigned GET (15 minutes), only for callers with access. */
  thumbnail_url: z.string().nullable(),
  thumbnail_status: z.enum(["none", "pending", "ready", "rejected"]),
  thumbnail_error: z.string().nullable(),
  /** Only for callers with access to the course. */
  whatsapp_group_url: z.string().nullable(),
  lessons_count: z.number(),
  recipes_count: z.number(),
  enrolled_count: z.number(),
  comments_count: z.number(),
  consolidated_recipe_pdf: z.object({
    status: z.enum(["none", "building", "ready", "failed"]),
    revision: z.number(),
    page_count: z.number().nullable(),
    size_bytes: z.number().nullable(),
    updated_at: z.string().nullable(),
  }),
  /** Presigned GET (15 minutes) with a download file name, only for callers with access. */
  consolidated_recipe_pdf_url: z.string().nullable(),
});
export type CourseResponse = z.infer<typeof CourseResponse>;
