import type { EntityItem } from "electrodb";
import { lessonRelease, type CourseAccess, type LessonRelease } from "../access/access";
import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import * as Courses from "../courses/courses";
import { endOrder } from "../courses/order";
import type { LessonRecord } from "../courses/courses";
import type { CourseRecord } from "../courses/views";
import { db } from "../db/service";
import { assertTransactionSucceeded, retryOnConflict } from "../db/transactions";
import type { LessonTextEntity } from "../db/entities/lesson-text";
import { badRequest, forbidden, notFound } from "../http/problem";
import { newId } from "../ids";
import { courseImageKey, PREFIX } from "../media/keys";
import * as Storage from "../media/storage";
import { DOWNLOAD_URL_SECONDS, fileUrl } from "../media/urls";
import * as Progress from "../progress/records";
import { lessonProgressFields, type LessonProgressFields, type ProgressRecord } from "../progress/records";
import type { CreateLessonRequest, LessonResponse, UpdateLessonRequest } from "./schemas";

const noLesson = (lessonId: string) => notFound(`There is no lesson with id ${lessonId}.`);
const noCourse = (courseId: string) => notFound(`There is no course with id ${courseId}.`);

/** A lesson as the API shows it, with the caller's own progress in it. */
export type LessonWithProgress = LessonResponse & LessonProgressFields;

export type LessonTextRecord = EntityItem<typeof LessonTextEntity>;

/** What an answer shows of a lesson beyond its item: its release for the caller, and its text where it is read. */
export interface LessonExtras {
  /** The drip rule's verdict for the caller (`Access.lessonRelease`); an admin's by default. */
  release?: LessonRelease;
  /** A text lesson's text: only `GET /api/lessons/{id}` and the admin's writes read and show it. */
  text?: LessonTextRecord;
}

/**
 * `canWatch`: the caller may see this lesson (see `isVisible`); only then, and only while the lesson is not locked
 * for them (drip release), is there a video URL or a text.
 */
export async function toResponse(lesson: LessonRecord, canWatch: boolean, progress?: ProgressRecord, extras: LessonExtras = {}): Promise<LessonWithProgress> {
  const release = extras.release ?? { locked: false, available_at: lesson.available_at ?? null };
  const open = canWatch && !release.locked;
  return {
    id: lesson.lesson_id,
    course_id: lesson.course_id,
    title: lesson.title,
    description: lesson.description ?? null,
    order: lesson.order,
    video_url: await fileUrl(lesson.video_key, open),
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
    kind: lesson.kind,
    available_after_days: lesson.available_after_days ?? null,
    available_at: release.available_at,
    locked: release.locked,
    body: open && extras.text ? extras.text.body : null,
    body_html: open && extras.text ? await withImageLinks(extras.text) : null,
    ...lessonProgressFields(progress),
  };
}

/** The text's HTML with each image's key (`src="media/…"`, as the renderer left it) swapped for a presigned link. */
async function withImageLinks(text: LessonTextRecord): Promise<string> {
  let html = text.html;
  for (const key of new Set(text.image_keys)) {
    const url = (await fileUrl(key, true))!.replaceAll("&", "&amp;").replaceAll('"', "&quot;");
    html = html.replaceAll(`src="${key}"`, `src="${url}"`);
  }
  return html;
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
    page.lessons
      .filter((lesson) => isVisible(lesson, caller, access))
      .map((lesson) => toResponse(lesson, true, progress.get(lesson.lesson_id), { release: lessonRelease(lesson, caller, access) })),
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

/**
 * The lesson's drip release for the caller, after `checkVisible`: a locked lesson takes no progress (403, saying when
 * it opens). Requests: none.
 */
export function checkOpen(caller: Caller, lesson: LessonRecord, access: CourseAccess): void {
  const release = lessonRelease(lesson, caller, access);
  if (!release.locked) return;
  throw forbidden(
    release.available_at
      ? `This lesson opens on ${release.available_at}; its progress can be recorded from then on.`
      : "This lesson opens some days after your access to its course begins; its progress can be recorded from then on.",
  );
}

/**
 * A lesson for the caller, with their progress and, for a text lesson, its text. Requests: lesson by id, then course
 * ‖ access ‖ progress [‖ text].
 */
export async function getFor(caller: Caller, lessonId: string): Promise<LessonWithProgress> {
  const lesson = await find(lessonId);
  const [{ access }, progress, text] = await Promise.all([
    checkVisible(caller, lesson),
    Progress.ofUserInLesson(caller.id, lesson.course_id, lessonId),
    lesson.kind === "text" ? textOf(lesson) : undefined,
  ]);
  return toResponse(lesson, true, progress, { release: lessonRelease(lesson, caller, access), text });
}

/** A text lesson's text: one GetItem. */
export async function textOf(lesson: Pick<LessonRecord, "course_id" | "lesson_id">): Promise<LessonTextRecord | undefined> {
  const { data } = await db().entities.lessonText.get({ course_id: lesson.course_id, lesson_id: lesson.lesson_id }).go({ consistent: true });
  return data ?? undefined;
}

/**
 * A text lesson's text as written, with its rendering: the Markdown renderer is loaded on first use (its packages
 * are a lazy chunk of the functions that write lessons, stacks/bundling.ts). Images keep their source only when it
 * is one of the course's own photos (core/media/keys.ts `courseImageKey`), as a key or as one of our links to it.
 * Rendered HTML larger than fits next to the source in one item (DynamoDB's 400 KB) is refused.
 */
async function renderedText(lesson: Pick<LessonRecord, "course_id" | "lesson_id">, body: string, now: string): Promise<LessonTextRecord> {
  const [{ renderMarkdown }, bucketUrl] = await Promise.all([import("./markdown"), bucketUrlPrefix()]);
  const { html, imageKeys } = renderMarkdown(body, (src) => courseImageKey(lesson.course_id, src.startsWith(bucketUrl) ? src.slice(bucketUrl.length).split(/[?#]/)[0]! : src));
  if (Buffer.byteLength(html, "utf8") > MAX_HTML_BYTES) {
    throw badRequest(`The text renders to more than ${MAX_HTML_BYTES / 1000} kB of HTML; split it into two lessons.`, [{ path: "body.body", message: "renders to too much HTML" }]);
  }
  return { course_id: lesson.course_id, lesson_id: lesson.lesson_id, body, html, image_keys: imageKeys, updated_at: now };
}

/** Room for the HTML beside 100 KB of source in a 400 KB item. */
const MAX_HTML_BYTES = 280_000;

/** What every link we hand out to a bucket object starts with, up to its key (presigning signs locally: no request). */
async function bucketUrlPrefix(): Promise<string> {
  const probe = "probe";
  const url = await Storage.presignDownload(probe, DOWNLOAD_URL_SECONDS);
  return url.slice(0, url.indexOf(`/${probe}?`) + 1);
}

/** Adds the lesson (and a text lesson's text) and counts it on the course, in one transaction (retried when it races another). */
export async function create(courseId: string, request: CreateLessonRequest): Promise<{ lesson: LessonRecord; text?: LessonTextRecord }> {
  const now = clock.now().toISOString();
  const { body, order, ...fields } = request;
  const lesson: LessonRecord = {
    lesson_id: newId(),
    course_id: courseId,
    ...fields,
    order: order ?? (await endOrder("lesson", courseId)),
    video_status: "none",
    created_at: now,
    updated_at: now,
  };
  const text = body === undefined ? undefined : await renderedText(lesson, body, now);
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ lesson: lessons, course, lessonText }) => [
        lessons.create(lesson).commit(),
        course
          .patch({ course_id: courseId })
          .add({ lessons_count: 1, ...(lesson.is_active ? { active_lesson_ids: [lesson.lesson_id] } : {}) })
          .where((attr, op) => op.eq(attr.lifecycle, "live"))
          .commit(),
        ...(text ? [lessonText.put(text).commit()] : []),
      ])
      .go();
    assertTransactionSucceeded(result, [undefined, noCourse(courseId), undefined]);
  });
  return { lesson, text };
}

/**
 * Changes the fields given; an empty or null description clears it. Switching `is_active` also updates the
 * course's set of active lessons in the same transaction (progress percentages count only those).
 */
export async function update(lessonId: string, changes: UpdateLessonRequest): Promise<{ lesson: LessonRecord; text?: LessonTextRecord }> {
  const lesson = await find(lessonId);
  const { description, is_active, body, available_at, available_after_days, ...rest } = changes;
  if (body !== undefined && lesson.kind !== "text") throw badRequest("Only a text lesson has a body; this is a video lesson.", [{ path: "body.body", message: "only for text lessons" }]);
  const now = clock.now().toISOString();
  const clearsDescription = description === null || description === "";
  // Drip release: setting one rule clears the other; null clears the one named.
  const release = {
    set: { ...(available_at ? { available_at } : {}), ...(available_after_days != null ? { available_after_days } : {}) },
    remove: [
      ...(available_at === null || available_after_days != null ? (["available_at"] as const) : []),
      ...(available_after_days === null || available_at ? (["available_after_days"] as const) : []),
    ],
  };
  const key = { course_id: lesson.course_id, lesson_id: lessonId };
  const set = { ...rest, ...release.set, ...(is_active === undefined ? {} : { is_active }), ...(clearsDescription || description === undefined ? {} : { description }), updated_at: now };
  const removed = [...(clearsDescription ? (["description"] as const) : []), ...release.remove];
  const text = body === undefined ? undefined : await renderedText(lesson, body, now);
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ lesson: lessons, course, lessonText }) => {
        const patch = lessons.patch(key).set(set);
        const courseItem = course.patch({ course_id: lesson.course_id });
        const activeLessons = is_active ? courseItem.add({ active_lesson_ids: [lessonId] }) : courseItem.delete({ active_lesson_ids: [lessonId] });
        return [
          (removed.length > 0 ? patch.remove(removed) : patch).commit(),
          ...(is_active === undefined ? [] : [activeLessons.where((attr, op) => op.eq(attr.lifecycle, "live")).commit()]),
          ...(text ? [lessonText.put(text).commit()] : []),
        ];
      })
      .go();
    assertTransactionSucceeded(result, [noLesson(lessonId), noCourse(lesson.course_id)]);
  });
  // A transaction returns no item: read it back from the table itself (gsi1 may lag behind the write).
  const [{ data }, stored] = await Promise.all([db().entities.lesson.get(key).go({ consistent: true }), text ?? (lesson.kind === "text" ? textOf(lesson) : undefined)]);
  if (!data) throw noLesson(lessonId);
  return { lesson: data, text: stored };
}

/** Removes the lesson and uncounts it, in one transaction; then its video. */
export async function remove(lessonId: string): Promise<void> {
  const lesson = await find(lessonId);
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ lesson: lessons, course, lessonText }) => [
        lessons.delete({ course_id: lesson.course_id, lesson_id: lessonId }).where((attr, op) => op.exists(attr.lesson_id)).commit(),
        course.patch({ course_id: lesson.course_id }).add({ lessons_count: -1 }).delete({ active_lesson_ids: [lessonId] }).commit(),
        ...(lesson.kind === "text" ? [lessonText.delete({ course_id: lesson.course_id, lesson_id: lessonId }).commit()] : []),
      ])
      .go();
    assertTransactionSucceeded(result, [noLesson(lessonId), noCourse(lesson.course_id)]);
  });
  await Storage.removeAll(`${PREFIX.videos}${lesson.course_id}/${lessonId}/`);
}
