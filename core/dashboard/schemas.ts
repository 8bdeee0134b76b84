import * as z from "zod";
import { QueryInteger } from "../http/query";
import { CourseResponse } from "../courses/schemas";
import { CourseProgressSummary } from "../progress/schemas";

export const StatsResponse = z.object({
  users: z.object({ total: z.number(), active: z.number() }),
  courses: z.object({ total: z.number(), active: z.number() }),
  active_enrollments: z.number(),
  active_memberships: z.number(),
  /** Lessons marked completed, platform-wide (an un-completed lesson is taken off again). */
  lesson_completions: z.number(),
  /** Comments and replies posted in the last 7 days that still exist (hidden ones included). */
  comments_last_7_days: z.number(),
  generated_at: z.string(),
}).meta({ id: "DashboardStats" });
export type StatsResponse = z.infer<typeof StatsResponse>;

/** The spec's CourseWithProgress, plus how the caller's access ends. */
export const CourseWithProgress = CourseResponse.extend({
  ...CourseProgressSummary.shape,
  user_enrolled_at: z.string().nullable(),
  access: z.object({
    via: z.enum(["admin", "membership", "enrollment"]),
    /** When access ends: the enrollment's expiry or the membership's end; null = no end. */
    ends_at: z.string().nullable(),
  }),
}).meta({ id: "CourseWithProgress" });
export type CourseWithProgress = z.infer<typeof CourseWithProgress>;

export const MyCoursesResponse = z.object({ items: z.array(CourseWithProgress) });
export type MyCoursesResponse = z.infer<typeof MyCoursesResponse>;

export const MyProgressResponse = z.object({
  courses_total: z.number(),
  courses_completed: z.number(),
  courses_in_progress: z.number(),
  courses_not_started: z.number(),
  lessons_total: z.number(),
  lessons_completed: z.number(),
  progress_percentage: z.number(),
  last_activity: z.string().nullable(),
}).meta({ id: "MyProgress" });
export type MyProgressResponse = z.infer<typeof MyProgressResponse>;

/** GET /api/dashboard/activity: daily counts, oldest day first, every day present. */
export const ActivityQuery = z.strictObject({ days: QueryInteger({ min: 1, max: 90 }).prefault(30) });
export const ActivityResponse = z.object({
  days: z.array(z.object({
    /** The UTC date, YYYY-MM-DD. */
    date: z.string(),
    new_users: z.number(),
    new_enrollments: z.number(),
    lesson_completions: z.number(),
    comments: z.number(),
  })),
}).meta({ id: "DashboardActivity" });
