import type { CourseAccess } from "../access/access";
import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import * as Courses from "../courses/courses";
import type { LessonRecord } from "../courses/courses";
import { db } from "../db/service";
import { assertTransactionSucceeded, retryOnConflict, whenConditionFails } from "../db/transactions";
import { forbidden, notFound } from "../http/problem";
import { newId } from "../ids";
import { PREFIX } from "../media/keys";
import * as Storage from "../media/storage";
import { fileUrl } from "../media/urls";
import type { CreateLessonRequest, LessonResponse, UpdateLessonRequest } from "./schemas";

const noLesson = (lessonId: string) => notFound(`There is no lesson with id ${lessonId}.`);
const noCourse = (courseId: string) => notFound(`There is no course with id ${courseId}.`);

/** `canWatch`: the caller may see this lesson (see `isVisible`); only then is there a video URL. */
export async function toResponse(lesson: LessonRecord, canWatch: boolean): Promise<LessonResponse> {
  return {
    id: lesson.lesson_id,
    course_id: lesson.course_id,
    title: lesson.title,
    description: lesson.description ?? null,
    order: lesson.order,
    video_url: await fileUrl(lesson.video_key, canWatch),
    video_status: lesson.video_status,
    video_error: lesson.video_error ?? null,
    video_duration: lesson.video_duration ?? null,
    is_preview: lesson.is_preview,
    is_active: lesson.is_active,
    created_at: lesson.created_at,
    updated_at: lesson.updated_at,
  };
}

/** Admins see every lesson; with access, the active ones; without, the active preview lessons. */
export function isVisible(lesson: LessonRecord, caller: Caller, access: CourseAccess): boolean {
  if (caller.isAdmin) return true;
  return lesson.is_active && (access.granted || lesson.is_preview);
}

/** A course's lessons in order, as the caller may see them: one Query of the course partition (+ access). */
export async function listFor(caller: Caller, courseId: string): Promise<LessonResponse[]> {
  const { page, access } = await Courses.pageFor(caller, courseId);
  return Promise.all(page.lessons.filter((lesson) => isVisible(lesson, caller, access)).map((lesson) => toResponse(lesson, true)));
}

/** One Query of gsi1 (lessons are keyed by course; their own id is an index). */
export async function find(lessonId: string): Promise<LessonRecord> {
  const { data } = await db().entities.lesson.query.byId({ lesson_id: lessonId }).go();
  if (!data[0]) throw noLesson(lessonId);
  return data[0];
}

/**
 * A lesson for the caller: inactive lessons are the admin's alone (404); a lesson of a course the caller
 * cannot open is a 403 unless it is a preview. Requests: lesson by id, then course ‖ access.
 */
export async function getFor(caller: Caller, lessonId: string): Promise<LessonResponse> {
  const lesson = await find(lessonId);
  const { access } = await Courses.courseFor(caller, lesson.course_id);
  if (!caller.isAdmin && !lesson.is_active) throw noLesson(lessonId);
  if (!isVisible(lesson, caller, access)) throw forbidden("This lesson belongs to a course you do not have access to.");
  return toResponse(lesson, true);
}

/** Adds the lesson and counts it on the course, in one transaction (retried when it races another). */
export async function create(courseId: string, request: CreateLessonRequest): Promise<LessonRecord> {
  const now = clock.now().toISOString();
  const lesson: LessonRecord = { lesson_id: newId(), course_id: courseId, ...request, video_status: "none", created_at: now, updated_at: now };
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ lesson: lessons, course }) => [
        lessons.create(lesson).commit(),
        course.patch({ course_id: courseId }).add({ lessons_count: 1 }).where((attr, op) => op.eq(attr.lifecycle, "live")).commit(),
      ])
      .go();
    assertTransactionSucceeded(result, [undefined, noCourse(courseId)]);
  });
  return lesson;
}

export async function update(lessonId: string, changes: UpdateLessonRequest): Promise<LessonRecord> {
  const lesson = await find(lessonId);
  const { description, ...rest } = changes;
  const patch = db()
    .entities.lesson.patch({ course_id: lesson.course_id, lesson_id: lessonId })
    .set({ ...rest, ...(description ? { description } : {}), updated_at: clock.now().toISOString() });
  const cleared = description === null ? (["description"] as const) : [];
  const { data } = await whenConditionFails((cleared.length > 0 ? patch.remove([...cleared]) : patch).go({ response: "all_new" }), noLesson(lessonId));
  return data as LessonRecord;
}

/** Removes the lesson and uncounts it, in one transaction; then its video. */
export async function remove(lessonId: string): Promise<void> {
  const lesson = await find(lessonId);
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ lesson: lessons, course }) => [
        lessons.delete({ course_id: lesson.course_id, lesson_id: lessonId }).where((attr, op) => op.exists(attr.lesson_id)).commit(),
        course.patch({ course_id: lesson.course_id }).add({ lessons_count: -1 }).commit(),
      ])
      .go();
    assertTransactionSucceeded(result, [noLesson(lessonId), noCourse(lesson.course_id)]);
  });
  await Storage.removeAll(`${PREFIX.videos}${lesson.course_id}/${lessonId}/`);
}
