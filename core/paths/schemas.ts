import * as z from "zod";
import { Description, Title } from "../courses/fields";
import { MAX_PATH_COURSES } from "../db/entities/learning-path";
import { changesOf } from "../http/fields";
import { Id } from "../ids";

const CourseIds = z
  .array(Id)
  .min(1, { error: "must name at least one course" })
  .max(MAX_PATH_COURSES, { error: `must name at most ${MAX_PATH_COURSES} courses` })
  .refine((ids) => new Set(ids).size === ids.length, { error: "must name each course once" })
  .meta({ description: "The path's courses, in the order a student should take them.", uniqueItems: true });

export const CreatePathRequest = z
  .strictObject({
    title: Title,
    description: Description.default(""),
    course_ids: CourseIds,
    is_active: z.boolean().default(true).meta({ description: "false: a draft, shown to admins only." }),
  })
  .meta({ id: "CreatePathRequest" });
export type CreatePathRequest = z.infer<typeof CreatePathRequest>;

// Without the defaults of CreatePathRequest: changing the title must not reset the description or is_active.
export const UpdatePathRequest = changesOf({
  title: Title.optional(),
  description: Description.optional(),
  course_ids: CourseIds.optional().meta({ description: "Replaces the whole list (a reorder sends the new order)." }),
  is_active: z.boolean().optional(),
}).meta({ id: "UpdatePathRequest" });
export type UpdatePathRequest = z.infer<typeof UpdatePathRequest>;

const Progress = {
  total_lessons: z.number().meta({ description: "Active lessons." }),
  completed_lessons: z.number(),
  progress_percentage: z.number().meta({ description: "0–100, one decimal." }),
  is_completed: z.boolean(),
};

export const PathCourse = z
  .object({
    id: z.string(),
    title: z.string(),
    /** For admins: an inactive course is in the path but hidden from students. */
    is_active: z.boolean(),
    can_open: z.boolean().meta({ description: "The caller has access to this course (the access rule)." }),
    ...Progress,
    last_activity: z.string().nullable(),
  })
  .meta({ id: "PathCourse" });

export const PathResponse = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    is_active: z.boolean(),
    course_ids: z.array(z.string()).meta({ description: "As stored, in order (admins edit this list; a deleted course may still be named)." }),
    courses: z.array(PathCourse).meta({ description: "The courses the caller sees, in the path's order, with the caller's progress in each." }),
    progress: z
      .object({
        total_courses: z.number(),
        completed_courses: z.number(),
        ...Progress,
        next_course_id: z.string().nullable().meta({ description: "The first course of the path not completed yet that the caller can open; null when none." }),
      })
      .meta({ description: "The caller's progress across the path: its lessons and courses counted together." }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "LearningPath" });
export type PathResponse = z.infer<typeof PathResponse>;

export const PathList = z.object({ items: z.array(PathResponse) }).meta({ id: "LearningPathList" });
export type PathList = z.infer<typeof PathList>;
