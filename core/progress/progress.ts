import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import type { LessonRecord } from "../courses/courses";
import { db } from "../db/service";
import { assertTransactionSucceeded, retryOnConflict, type TransactionEntities, type TransactionItems } from "../db/transactions";
import { badRequest, conflict, notFound } from "../http/problem";
import * as Lessons from "../lessons/lessons";
import { ofUserInLesson, type ProgressRecord } from "./records";
import type { LessonProgressResponse } from "./schemas";

const noLesson = (lessonId: string) => notFound(`There is no lesson with id ${lessonId}.`);
const noCourse = (courseId: string) => notFound(`There is no course with id ${courseId}.`);

function toProgressResponse(lesson: LessonRecord, progress: ProgressRecord | undefined): LessonProgressResponse {
  return {
    lesson_id: lesson.lesson_id,
    course_id: lesson.course_id,
    completed: progress?.completed ?? false,
    last_watched_position: progress?.last_watched_position ?? null,
    completed_at: progress?.completed_at ?? null,
    updated_at: progress?.updated_at ?? null,
  };
}

/**
 * The lesson, when the access rule admits the caller to it (its course through an active grant, or any
 * signed-in user for a preview lesson). An expired enrollment keeps its history but records nothing more.
 * Requests: lesson by id, then course ‖ access.
 */
async function lessonForProgress(caller: Caller, lessonId: string): Promise<LessonRecord> {
  const lesson = await Lessons.find(lessonId);
  const { access } = await Lessons.checkVisible(caller, lesson);
  // Drip release: a lesson that is not open yet for the caller takes no progress.
  Lessons.checkOpen(caller, lesson, access);
  return lesson;
}

/** The progress part of the transaction. */
type ProgressWrite = (entities: TransactionEntities, now: string) => TransactionItems;

/**
 * Runs one progress write in a transaction with two checks: the lesson still exists (and is active, for a
 * student) and its course is not being deleted, so no progress is ever left behind in a deleted course. The
 * progress write may carry its own condition ("not yet completed"): its refusal means there is nothing to change,
 * which is a success. Then reads the progress back (consistent). Requests: TransactWrite, GetItem.
 */
async function writeProgress(caller: Caller, lesson: LessonRecord, writes: ProgressWrite): Promise<LessonProgressResponse> {
  const now = clock.now().toISOString();
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write((entities) => [
        entities.lesson
          .check({ course_id: lesson.course_id, lesson_id: lesson.lesson_id })
          .where((attr, op) => (caller.isAdmin ? op.exists(attr.lesson_id) : `${op.exists(attr.lesson_id)} AND ${op.eq(attr.is_active, true)}`))
          .commit(),
        entities.course
          .check({ course_id: lesson.course_id })
          .where((attr, op) => op.eq(attr.lifecycle, "live"))
          .commit(),
        ...writes(entities, now),
      ])
      .go();
    const [lessonCheck, courseCheck] = result.data;
    const onlyProgressRefused = result.canceled && !lessonCheck?.rejected && !courseCheck?.rejected && result.data.every((item) => item.code !== "TransactionConflict");
    if (!onlyProgressRefused) assertTransactionSucceeded(result, [noLesson(lesson.lesson_id), noCourse(lesson.course_id)]);
  });
  return toProgressResponse(lesson, await ofUserInLesson(caller.id, lesson.course_id, lesson.lesson_id));
}

const keyOf = (caller: Caller, lesson: LessonRecord) => ({ course_id: lesson.course_id, user_id: caller.id, lesson_id: lesson.lesson_id });

/** `POST /api/lessons/{id}/progress`: where the caller is in the video (seconds, up to its length when known). */
export async function recordPosition(caller: Caller, lessonId: string, position: number): Promise<LessonProgressResponse> {
  const lesson = await lessonForProgress(caller, lessonId);
  if (lesson.kind === "text") throw conflict("A text lesson has no video position; mark it completed when it is read (PUT /api/lessons/{id}/complete).");
  if (lesson.video_duration !== undefined && position > lesson.video_duration) {
    throw badRequest(`The video is ${lesson.video_duration} seconds long; the position cannot be past its end.`, [
      { path: "body.last_watched_position", message: `must be at most ${lesson.video_duration}` },
    ]);
  }
  return writeProgress(caller, lesson, ({ lessonProgress }, now) => [
    lessonProgress
      .upsert({ ...keyOf(caller, lesson), last_watched_position: position, updated_at: now })
      .ifNotExists({ created_at: now, completed: false })
      .commit(),
  ]);
}

/**
 * `PUT /api/lessons/{id}/complete`: marks the lesson completed or not. Only a real change moves the platform's
 * completion counter (same transaction); repeating a call changes nothing.
 */
export async function setCompleted(caller: Caller, lessonId: string, completed: boolean): Promise<LessonProgressResponse> {
  const lesson = await lessonForProgress(caller, lessonId);
  return writeProgress(caller, lesson, ({ lessonProgress, counter }, now) => [
    completed
      ? lessonProgress
          .upsert({ ...keyOf(caller, lesson), completed: true, completed_at: now, updated_at: now })
          .ifNotExists({ created_at: now })
          .where((attr, op) => `${op.notExists(attr.completed)} OR ${op.eq(attr.completed, false)}`)
          .commit()
      : lessonProgress
          .patch(keyOf(caller, lesson))
          .set({ completed: false, updated_at: now })
          .remove(["completed_at"])
          .where((attr, op) => op.eq(attr.completed, true))
          .commit(),
    counter
      .update({ name: "lesson_completions" })
      .add({ value: completed ? 1 : -1 })
      .commit(),
  ]);
}
