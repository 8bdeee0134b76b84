import type { EntityItem } from "electrodb";
import type { LessonProgressEntity } from "../db/entities/progress";
import { db } from "../db/service";

export type ProgressRecord = EntityItem<typeof LessonProgressEntity>;

/** What a lesson response says about the caller's own progress in it. */
export interface LessonProgressFields {
  user_completed: boolean;
  user_last_position: number | null;
  user_completed_at: string | null;
}

export function lessonProgressFields(progress: ProgressRecord | undefined): LessonProgressFields {
  return {
    user_completed: progress?.completed ?? false,
    user_last_position: progress?.last_watched_position ?? null,
    user_completed_at: progress?.completed_at ?? null,
  };
}

/** One user's progress in one course, by lesson id: one Query of the course partition. */
export async function ofUserInCourse(userId: string, courseId: string): Promise<Map<string, ProgressRecord>> {
  const { data } = await db().entities.lessonProgress.query.byCourse({ course_id: courseId, user_id: userId }).go({ pages: "all", consistent: true });
  return new Map(data.map((progress) => [progress.lesson_id, progress]));
}

/** One user's progress in one lesson: one GetItem. */
export async function ofUserInLesson(userId: string, courseId: string, lessonId: string): Promise<ProgressRecord | undefined> {
  const { data } = await db().entities.lessonProgress.get({ course_id: courseId, user_id: userId, lesson_id: lessonId }).go({ consistent: true });
  return data ?? undefined;
}

/** Every user's progress in one course: one Query of the course partition (paged through). */
export async function ofCourse(courseId: string): Promise<ProgressRecord[]> {
  const { data } = await db().entities.lessonProgress.query.byCourse({ course_id: courseId }).go({ pages: "all", consistent: true });
  return data;
}

/** One user's progress in every course: one Query of gsi1 (paged through). */
export async function ofUser(userId: string): Promise<ProgressRecord[]> {
  const { data } = await db().entities.lessonProgress.query.byUser({ user_id: userId }).go({ pages: "all" });
  return data;
}

/** Progress items by user or by course (one user's courses, one course's students). */
export function groupProgress(progress: Iterable<ProgressRecord>, by: "user_id" | "course_id"): Map<string, ProgressRecord[]> {
  const groups = new Map<string, ProgressRecord[]>();
  for (const item of progress) groups.set(item[by], [...(groups.get(item[by]) ?? []), item]);
  return groups;
}

/** How far a user is in a course. Only the course's active lessons count, whatever was recorded before. */
export interface CourseProgressSummary {
  total_lessons: number;
  completed_lessons: number;
  /** 0–100, one decimal. */
  progress_percentage: number;
  /** Every active lesson completed (a course without active lessons is never complete). */
  is_completed: boolean;
  /** The last time the user's progress in this course changed; null = never started. */
  last_activity: string | null;
}

export function summarize(activeLessonIds: readonly string[], progress: Iterable<ProgressRecord>): CourseProgressSummary {
  const active = new Set(activeLessonIds);
  let completed = 0;
  let lastActivity: string | null = null;
  for (const item of progress) {
    if (item.completed && active.has(item.lesson_id)) completed += 1;
    if (lastActivity === null || item.updated_at > lastActivity) lastActivity = item.updated_at;
  }
  const total = active.size;
  return {
    total_lessons: total,
    completed_lessons: completed,
    progress_percentage: total === 0 ? 0 : Math.round((completed / total) * 1000) / 10,
    is_completed: total > 0 && completed === total,
    last_activity: lastActivity,
  };
}
