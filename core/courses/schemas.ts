import * as z from "zod";
import { DIFFICULTY_LEVELS } from "../db/entities/course";
import { changesOf } from "../http/fields";
import { LessonResponse } from "../lessons/schemas";
import { pageOf } from "../openapi/schemas";
import { RecipeResponse } from "../recipes/schemas";
import { UserResponse } from "../users/schemas";
import { Description, Order, Title } from "./fields";

export const Difficulty = z.enum(DIFFICULTY_LEVELS, { error: `must be one of ${DIFFICULTY_LEVELS.join(", ")}` });

/** Only invitation links of WhatsApp groups: anything else would send students somewhere we cannot vouch for. */
export const WhatsappGroupUrl = z
  .string()
  .max(200, { error: "must be at most 200 characters" })
  .regex(/^https:\/\/chat\.whatsapp\.com\/[A-Za-z0-9]{10,40}$/, { error: "must be a WhatsApp group link like https://chat.whatsapp.com/AbCdEf1234567890" });

/** Course tags (issue 15): lowercase words a course is found and filtered by. */
export const MAX_COURSE_TAGS = 10;
export const CourseTag = z
  .string()
  .max(30, { error: "must be at most 30 characters" })
  .regex(/^[\p{Ll}\p{N}]+(-[\p{Ll}\p{N}]+)*$/u, { error: "must be one lowercase word (letters and digits, words joined by -), like \"chocolate\" or \"sin-gluten\"" });
export const CourseTags = z
  .array(CourseTag)
  .max(MAX_COURSE_TAGS, { error: `must hold at most ${MAX_COURSE_TAGS} tags` })
  .refine((tags) => new Set(tags).size === tags.length, { error: "must not repeat a tag" })
  .meta({ uniqueItems: true });

export const CreateCourseRequest = z.strictObject({
  title: Title,
  description: Description,
  difficulty_level: Difficulty.default("BEGINNER"),
  estimated_duration_minutes: z.number().int({ error: "must be a whole number" }).min(0, { error: "must be 0 or more" }).max(100_000, { error: "is too long" }).default(0),
  order: Order.default(0),
  is_active: z.boolean().default(true),
  tags: CourseTags.default([]),
}).meta({ id: "CreateCourseRequest" });
export type CreateCourseRequest = z.infer<typeof CreateCourseRequest>;

// Built without the defaults of CreateCourseRequest: zod's .partial() would still fill them in, and an update of the
// title would reset is_active, order and difficulty.
const Minutes = z.number().int({ error: "must be a whole number" }).min(0, { error: "must be 0 or more" }).max(100_000, { error: "is too long" });
export const UpdateCourseRequest = changesOf({
  title: Title.optional(),
  description: Description.optional(),
  difficulty_level: Difficulty.optional(),
  estimated_duration_minutes: Minutes.optional(),
  order: Order.optional(),
  is_active: z.boolean().optional(),
  tags: CourseTags.optional(),
}).meta({ id: "UpdateCourseRequest" });
export type UpdateCourseRequest = z.infer<typeof UpdateCourseRequest>;

/** A course's ETag (`etagOf` of core/courses/courses.ts): its version, as `"v3"`. */
const ETAG = /^"v(\d+)"$/;

export const CourseEtag = z
  .string()
  .regex(ETAG)
  .meta({ description: "The course's version. Send it back as `If-Match` to update the course only if nobody changed it since you read it." });

/**
 * `If-Match` of `PUT /api/courses/{id}`: the ETag of the course as the client read it (a weak `W/"v3"` is read as
 * `"v3"`), parsed to its version. Anything else is a 400; a version that is no longer current is the use case's 412.
 */
export const IfMatchHeaders = z.object({
  "if-match": z
    .string()
    .regex(/^(W\/)?"v\d+"$/, { error: 'must be an ETag of this course, like "v3"' })
    .transform((etag) => Number(/\d+/.exec(etag)![0]))
    .optional()
    .meta({ description: 'The course\'s `ETag` from a read, like `"v3"`: the update is refused with 412 if the course changed since. Without it, the last write wins.' }),
});

export const SetWhatsappGroupRequest = z.strictObject({ whatsapp_group_url: WhatsappGroupUrl.nullable() }).meta({ id: "SetWhatsappGroupRequest" });

/** What the API shows of a course (core/courses/views.ts). */
export const CourseResponse = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  difficulty_level: Difficulty,
  estimated_duration_minutes: z.number(),
  order: z.number(),
  is_active: z.boolean(),
  tags: z.array(z.string()),
  created_by: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  thumbnail_url: z.string().nullable().meta({ description: "A presigned GET (15 minutes), only for callers with access." }),
  thumbnail_status: z.enum(["none", "pending", "ready", "rejected"]),
  thumbnail_error: z.string().nullable(),
  whatsapp_group_url: z.string().nullable().meta({ description: "Only for callers with access to the course." }),
  lessons_count: z.number(),
  recipes_count: z.number(),
  enrolled_count: z.number(),
  comments_count: z.number(),
  rating_avg: z.number().nullable().meta({ description: "The average rating of the shown reviews (two decimals); null without any." }),
  rating_count: z.number().meta({ description: "How many shown reviews there are." }),
  consolidated_recipe_pdf: z.object({
    status: z.enum(["none", "building", "ready", "failed"]),
    revision: z.number(),
    page_count: z.number().nullable(),
    size_bytes: z.number().nullable(),
    updated_at: z.string().nullable(),
  }),
  consolidated_recipe_pdf_url: z
    .string()
    .nullable()
    .meta({ description: "A presigned GET (15 minutes) with a download file name, only for callers with access." }),
}).meta({ id: "CourseResponse" });
export type CourseResponse = z.infer<typeof CourseResponse>;

export const CourseListResponse = pageOf(CourseResponse).meta({ id: "CourseListResponse" });

/** How the caller reaches a course (`CourseAccess` of core/access/access.ts). */
export const CourseAccessResponse = z
  .discriminatedUnion("granted", [
    z.object({
      granted: z.literal(true),
      via: z.enum(["admin", "membership", "enrollment"]),
      ends_at: z.string().nullable().meta({ description: "When the membership or enrollment ends; null when it does not." }),
      since: z.string().nullable().meta({ description: "When the caller's access to the course began (what drip release counts from); null for admins." }),
    }),
    z.object({ granted: z.literal(false), via: z.null(), ends_at: z.null(), since: z.null() }),
  ])
  .meta({ id: "CourseAccessResponse", description: "`granted: false`: the caller sees the summary and the preview lessons only." });

/** `GET /api/courses/{id}` (core/courses/page-view.ts): the course with what the caller may see of it. */
export const CoursePageResponse = CourseResponse.extend({
  total_video_seconds: z.number().meta({ description: "The summed duration of the course's active lessons' videos, in seconds." }),
  lessons: z.array(LessonResponse),
  recipes: z.array(RecipeResponse),
  access: CourseAccessResponse,
}).meta({ id: "CoursePageResponse" });

/** `GET /api/courses/{id}/students` (core/courses/students.ts). */
export const StudentResponse = z
  .object({
    user: UserResponse,
    enrollment: z.object({
      id: z.string(),
      enrolled_at: z.string(),
      expires_at: z.string().nullable(),
      is_active: z.boolean(),
      active_now: z.boolean().meta({ description: "Switched on and not expired: the enrollment opens the course right now." }),
    }),
  })
  .meta({ id: "StudentResponse" });

export const StudentListResponse = pageOf(StudentResponse).meta({ id: "StudentListResponse" });
