import type { CourseAccess } from "../access/access";
import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import * as Courses from "../courses/courses";
import type { LessonRecord } from "../courses/courses";
import type { CourseRecord } from "../courses/views";
import { db } from "../db/service";
import { assertTransactionSucceeded, retryOnConflict } from "../db/transactions";
import { forbidden, notFound } from "../http/problem";
import { newId } from "../ids";
import { PREFIX } from "../media/keys";
import * as Storage from "../media/storage";
import { fileUrl } from "../media/urls";
import * as Progress from "../progress/records";
import { lessonProgressFields, type LessonProgressFields, type ProgressRecord } from "../progress/records";
import type { CreateLessonRequest, LessonResponse, UpdateLessonRequest } from "./schemas";

const noLesson = (lessonId: string) => notFound(`There is no lesson with id ${lessonId}.`);
const noCourse = (courseId: string) => notFound(`There is no course with id ${courseId}.`);

/** A lesson as the API shows it, with the caller's own progress in it. */
export type LessonWithProgress = LessonResponse & LessonProgressFields;

/** `canWatch`: the caller may see this lesson (see `isVisible`); only then is there a video URL. */
export async function toResponse(lesson: LessonRecord, canWatch: boolean, progress?: ProgressRecord): Promise<LessonWithProgress> {
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
    video_width: lesson.video_width ?? null,
    video_height: lesson.video_height ?? null,
    video_codec: lesson.video_codec ?? null,
    is_preview: lesson.is_preview,
    is_active: lesson.is_active,
    created_at: lesson.created_at,
    updated_at: lesson.updated_at,
    ...lessonProgressFields(progress),
  };
}

/** Admins see every lesson; with access, the active ones; without, the active preview lessons. */
export function isVisible(lesson: LessonRecord, caller: Caller, access: CourseAccess): boolean {
  if (caller.isAdmin) return true;
  return lesson.is_active && (access.granted || lesson.is_preview);
}

/**
 * A course's lessons in order, as the caller may see them, with the caller's progress: the course partition
 * Query, the access Query and the progress Query side by side.
 */
export async function listFor(caller: Caller, courseId: string): Promise<LessonWithProgress[]> {
  const [{ page, access }, progress] = await Promise.all([Courses.pageFor(caller, courseId), Progress.ofUserInCourse(caller.id, courseId)]);
  return Promise.all(
    page.lessons.filter((lesson) => isVisible(lesson, caller, access)).map((lesson) => toResponse(lesson, true, progress.get(lesson.lesson_id))),
  );
}

/** One Query of gsi1 (lessons are keyed by course; their own id is an index). */
export async function find(lessonId: string): Promise<LessonRecord> {
  const { data } = await db().entities.lesson.query.byId({ lesson_id: lessonId }).go();
  if (!data[0]) throw noLesson(lessonId);
  return data[0];
}

/**
 * The course and the caller's access for a lesson the caller may see: inactive lessons are the admin's alone
 * (404); a lesson of a course the caller cannot open is a 403 unless it is a preview. Requests: course ‖ access.
 */
export async function checkVisible(caller: Caller, lesson: LessonRecord): Promise<{ course: CourseRecord; access: CourseAccess }> {
  const { course, access } = await Courses.courseFor(caller, lesson.course_id);
  if (!caller.isAdmin && !lesson.is_active) throw noLesson(lesson.lesson_id);
  if (!isVisible(lesson, caller, access)) throw forbidden("This lesson belongs to a course you do not have access to.");
  return { course, access };
}

/** A lesson for the caller, with their progress. Requests: lesson by id, then course ‖ access ‖ progress. */
export async function getFor(caller: Caller, lessonId: string): Promise<LessonWithProgress> {
  const lesson = await find(lessonId);
  const [, progress] = await Promise.all([checkVisible(caller, lesson), Progress.ofUserInLesson(caller.id, lesson.course_id, lessonId)]);
  return toResponse(lesson, true, progress);
}

/** Adds the lesson and counts it on the course, in one transaction (retried when it races another). */
export async function create(courseId: string, request: CreateLessonRequest): Promise<LessonRecord> {
  const now = clock.now().toISOString();
  const lesson: LessonRecord = { lesson_id: newId(), course_id: courseId, ...request, video_status: "none", created_at: now, updated_at: now };
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ lesson: lessons, course }) => [
        lessons.create(lesson).commit(),
        course
          .patch({ course_id: courseId })
          .add({ lessons_count: 1, ...(lesson.is_active ? { active_lesson_ids: [lesson.lesson_id] } : {}) })
          .where((attr, op) => op.eq(attr.lifecycle, "live"))
          .commit(),
      ])
      .go();
    assertTransactionSucceeded(result, [undefined, noCourse(courseId)]);
  });
  return lesson;
}

/**
 * Changes the fields given; an empty or null description clears it. Switching `is_active` also updates the
 * course's set of active lessons in the same transaction (progress percentages count only those).
 */
export async function update(lessonId: string, changes: UpdateLessonRequest): Promise<LessonRecord> {
  const lesson = await find(lessonId);
  const { description, is_active, ...rest } = changes;
  const clearsDescription = description === null || description === "";
  const key = { course_id: lesson.course_id, lesson_id: lessonId };
  const set = { ...rest, ...(is_active === undefined ? {} : { is_active }), ...(clearsDescription || description === undefined ? {} : { description }), updated_at: clock.now().toISOString() };
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ lesson: lessons, course }) => {
        const patch = lessons.patch(key).set(set);
        const courseItem = course.patch({ course_id: lesson.course_id });
        const activeLessons = is_active ? courseItem.add({ active_lesson_ids: [lessonId] }) : courseItem.delete({ active_lesson_ids: [lessonId] });
        return [
          (clearsDescription ? patch.remove(["description"]) : patch).commit(),
          ...(is_active === undefined ? [] : [activeLessons.where((attr, op) => op.eq(attr.lifecycle, "live")).commit()]),
        ];
      })
      .go();
    assertTransactionSucceeded(result, [noLesson(lessonId), noCourse(lesson.course_id)]);
  });
  // A transaction returns no item: read it back from the table itself (gsi1 may lag behind the write).
  const { data } = await db().entities.lesson.get(key).go({ consistent: true });
  if (!data) throw noLesson(lessonId);
  return data;
}

/** Removes the lesson and uncounts it, in one transaction; then its video. */
export async function remove(lessonId: string): Promise<void> {
  const lesson = await find(lessonId);
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ lesson: lessons, course }) => [
        lessons.delete({ course_id: lesson.course_id, lesson_id: lessonId }).where((attr, op) => op.exists(attr.lesson_id)).commit(),
        course.patch({ course_id: lesson.course_id }).add({ lessons_count: -1 }).delete({ active_lesson_ids: [lessonId] }).commit(),
      ])
      .go();
    assertTransactionSucceeded(result, [noLesson(lessonId), noCourse(lesson.course_id)]);
  });
  await Storage.removeAll(`${PREFIX.videos}${lesson.course_id}/${lessonId}/`);
}
