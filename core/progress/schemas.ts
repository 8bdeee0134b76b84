import * as z from "zod";

/** Seconds into the video; checked against the video's length when it is known. */
const Seconds = z
  .number({ error: "must be a number of seconds" })
  .int({ error: "must be a whole number of seconds" })
  .min(0, { error: "must be 0 or more" })
  .max(24 * 3600, { error: "must be at most 86400 (24 hours)" });

export const RecordPositionRequest = z.strictObject({
  last_watched_position: Seconds.meta({ description: "Seconds into the video; once its length is known, at most that (past the end is a 400)." }),
});
export type RecordPositionRequest = z.infer<typeof RecordPositionRequest>;

export const SetCompletedRequest = z.strictObject({ completed: z.boolean().default(true) });
export type SetCompletedRequest = z.infer<typeof SetCompletedRequest>;

export const LessonProgressResponse = z.object({
  lesson_id: z.string(),
  course_id: z.string(),
  completed: z.boolean(),
  last_watched_position: z.number().nullable(),
  completed_at: z.string().nullable(),
  updated_at: z.string().nullable(),
}).meta({ id: "LessonProgress" });
export type LessonProgressResponse = z.infer<typeof LessonProgressResponse>;

export const CourseProgressSummary = z.object({
  total_lessons: z.number(),
  completed_lessons: z.number(),
  progress_percentage: z.number(),
  is_completed: z.boolean(),
  last_activity: z.string().nullable(),
});

const LessonRow = z.object({
  lesson_id: z.string(),
  title: z.string(),
  order: z.number(),
  completed: z.boolean(),
  last_watched_position: z.number().nullable(),
  completed_at: z.string().nullable(),
});

export const StudentCourseProgress = CourseProgressSummary.extend({
  user: z.object({ id: z.string(), full_name: z.string(), email: z.string() }),
  lessons: z.array(LessonRow.omit({ title: true, order: true })),
});
export type StudentCourseProgress = z.infer<typeof StudentCourseProgress>;

export const CourseProgressResponse = CourseProgressSummary.extend({
  course_id: z.string(),
  /** The caller's own progress in each active lesson, in course order. */
  lessons: z.array(LessonRow),
  /** Admins only: every enrolled student and everyone with recorded progress; null for students. */
  students: z.array(StudentCourseProgress).nullable(),
}).meta({ id: "CourseProgress" });
export type CourseProgressResponse = z.infer<typeof CourseProgressResponse>;

export const UserCourseProgress = CourseProgressSummary.extend({
  course: z.object({ id: z.string(), title: z.string() }),
});
export const UserProgressResponse = z.object({ items: z.array(UserCourseProgress) }).meta({ id: "UserProgress" });
export type UserProgressResponse = z.infer<typeof UserProgressResponse>;
