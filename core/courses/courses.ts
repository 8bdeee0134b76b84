import type { EntityItem } from "electrodb";
import * as z from "zod";
import * as Access from "../access/access";
import type { CourseAccess } from "../access/access";
import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import type { LessonEntity } from "../db/entities/lesson";
import type { RecipeEntity } from "../db/entities/recipe";
import { getAll } from "../db/batch";
import { deleteItems, keysInPartition, type ItemKey } from "../db/partition";
import { db } from "../db/service";
import { whenConditionFails } from "../db/transactions";
import { decodeCursor, encodeCursor, type Page } from "../http/pagination";
import { ProblemError, notFound } from "../http/problem";
import { newId } from "../ids";
import { courseMediaPrefixes } from "../media/keys";
import { requestRebuild } from "../media/rebuild-requests";
import * as Storage from "../media/storage";
import type { CreateCourseRequest, CourseResponse, UpdateCourseRequest } from "./schemas";
import { toCourseResponse, type CourseRecord } from "./views";

export type LessonRecord = EntityItem<typeof LessonEntity>;
export type RecipeRecord = EntityItem<typeof RecipeEntity>;

const noCourse = (courseId: string) => notFound(`There is no course with id ${courseId}.`);

/** Live = not being deleted. A course being deleted has already left every list and every lookup. */
const isLive = (course: CourseRecord | undefined): course is CourseRecord => course?.lifecycle === "live";

/** Students see active courses only; admins see every live one. */
export function isVisibleTo(course: CourseRecord | undefined, caller: Caller): course is CourseRecord {
  return isLive(course) && (course.is_active || caller.isAdmin);
}

/** One GetItem. */
export async function get(courseId: string): Promise<CourseRecord | undefined> {
  const { data } = await db().entities.course.get({ course_id: courseId }).go({ consistent: true });
  return isLive(data ?? undefined) ? (data as CourseRecord) : undefined;
}

/** Courses by id, in one BatchGet per 100 (unprocessed keys asked again); missing ids are left out. */
export async function getMany(courseIds: string[]): Promise<CourseRecord[]> {
  const unique = [...new Set(courseIds)];
  if (unique.length === 0) return [];
  const courses = await getAll(
    unique.map((course_id) => ({ course_id })),
    (keys) => db().entities.course.get(keys).go(),
  );
  return courses.filter(isLive);
}

export interface CoursePage {
  course: CourseRecord;
  lessons: LessonRecord[];
  recipes: RecipeRecord[];
}

/** The course with its lessons and recipes: one Query of the course's partition (collection `coursePage`). */
export async function loadPage(courseId: string): Promise<CoursePage | undefined> {
  const { data } = await db().collections.coursePage({ course_id: courseId }).go({ pages: "all", consistent: true });
  const course = data.course[0];
  if (!isLive(course)) return undefined;
  const byOrder = <T extends { order: number; created_at: string }>(a: T, b: T) => a.order - b.order || a.created_at.localeCompare(b.created_at);
  return { course, lessons: [...data.lesson].sort(byOrder), recipes: [...data.recipe].sort(byOrder) };
}

/**
 * A course page as the caller may see it, with the caller's access: the partition Query and the access Query run
 * side by side (3 requests in all with the caller lookup). Not visible = 404, whatever the reason.
 */
export async function pageFor(caller: Caller, courseId: string): Promise<{ page: CoursePage; access: CourseAccess }> {
  const [page, access] = await Promise.all([loadPage(courseId), Access.check(courseId, caller)]);
  if (!page || !isVisibleTo(page.course, caller)) throw noCourse(courseId);
  return { page, access };
}

/** The course item and the caller's access, side by side: for endpoints that start from a lesson or recipe. */
export async function courseFor(caller: Caller, courseId: string): Promise<{ course: CourseRecord; access: CourseAccess }> {
  const [course, access] = await Promise.all([get(courseId), Access.check(courseId, caller)]);
  if (!isVisibleTo(course, caller)) throw noCourse(courseId);
  return { course, access };
}

/**
 * Courses for the caller, in catalogue order (`order`, then id), a page at a time. Admins: every live course (one
 * Query of gsi1 per page). Students with an active membership: every active course (the same Query, one for the
 * grants before it). Other students: the courses of their active enrollments (see `enrolledPage`). Each of the
 * three is its own list for cursors, which are also bound to the caller.
 */
export async function list(caller: Caller, limit: number, cursor: string | undefined, tag?: string): Promise<Page<CourseResponse>> {
  const grants = caller.isAdmin ? undefined : await Access.grantsOf(caller.id);
  const now = clock.now();
  if (!caller.isAdmin && !Access.activeMembership(grants!, now)) return enrolledPage(caller, grants!, limit, cursor, now, tag);
  const scope = { list: `${caller.isAdmin ? "courses:all" : "courses:active"}:tag=${tag ?? ""}`, caller };
  // A tag is a filter on the same Query: a page still reads at most `limit` courses of the catalogue (bounded), and
  // may answer fewer, even none, with a `next_cursor` to read on (docs/data-model.md, "Course tags").
  const { data, cursor: next } = await db()
    .entities.course.query.all({})
    .where((attr, op) =>
      [
        op.eq(attr.lifecycle, "live"),
        ...(caller.isAdmin ? [] : [op.eq(attr.is_active, true)]),
        ...(tag === undefined ? [] : [op.contains(attr.tags, tag)]),
      ].join(" AND "),
    )
    .go({ limit, cursor: decodeCursor(scope, cursor) });
  return { items: await Promise.all(data.map((course) => toCourseResponse(course, true))), next_cursor: encodeCursor(scope, next) };
}

/** Where a page of the enrolled list starts: after this course, in catalogue order. */
const CatalogueKey = z.strictObject({ order: z.number(), course_id: z.string() });
type CatalogueKey = z.infer<typeof CatalogueKey>;

const catalogueOrder = (a: CatalogueKey, b: CatalogueKey): number => a.order - b.order || a.course_id.localeCompare(b.course_id);

/**
 * A page of the courses an enrolled student's active enrollments open. Their course ids come with the grants the
 * access check reads anyway; the courses are one BatchGet per 100 of them (a student has a handful), sorted in
 * catalogue order, and the page starts after the cursor's course: 3 requests in all with the caller lookup,
 * whatever the page size.
 */
async function enrolledPage(caller: Caller, grants: Access.Grants, limit: number, cursor: string | undefined, now: Date, tag: string | undefined): Promise<Page<CourseResponse>> {
  const scope = { list: `courses:enrolled:tag=${tag ?? ""}`, caller };
  const after = startAfter(decodeCursor(scope, cursor));
  const courses = (await enrolledCourses(caller, grants, now))
    .filter((course) => tag === undefined || (course.tags ?? []).includes(tag))
    .filter((course) => !after || catalogueOrder(course, after) > 0);
  const page = courses.slice(0, limit);
  const last = page.at(-1);
  const next = courses.length > limit && last ? JSON.stringify({ order: last.order, course_id: last.course_id } satisfies CatalogueKey) : null;
  return { items: await Promise.all(page.map((course) => toCourseResponse(course, true))), next_cursor: encodeCursor(scope, next) };
}

/** The course a cursor of the enrolled list points after. It was signed by us, so only a bug could make it unreadable. */
function startAfter(position: string | undefined): CatalogueKey | undefined {
  if (position === undefined) return undefined;
  return CatalogueKey.parse(JSON.parse(position));
}

/** The visible courses of the caller's active enrollments, in catalogue order: one BatchGet per 100 (none without any). */
export async function enrolledCourses(caller: Caller, grants: Access.Grants, now: Date = clock.now()): Promise<CourseRecord[]> {
  const courseIds = grants.enrollments.filter((enrollment) => Access.isEnrollmentActive(enrollment, now)).map((enrollment) => enrollment.course_id);
  const courses = await getMany(courseIds);
  return courses.filter((course) => isVisibleTo(course, caller)).sort(catalogueOrder);
}

export async function create(caller: Caller, request: CreateCourseRequest): Promise<CourseRecord> {
  const now = clock.now().toISOString();
  const { data } = await db()
    .entities.course.create({ course_id: newId(), ...request, created_by: caller.id, created_at: now, updated_at: now })
    .go();
  return data;
}

/** The ETag of a course: its version. */
export const etagOf = (course: CourseRecord): string => `"v${course.version}"`;

/**
 * Updates the fields given. With the version of an `If-Match` (the ETag from a read), a change made by someone else
 * in between is refused with 412 instead of being overwritten. One conditional UpdateItem (+1 GetItem to explain a
 * refusal).
 */
export async function update(courseId: string, changes: UpdateCourseRequest, expectedVersion: number | undefined): Promise<CourseRecord> {
  // The title is on the PDF's cover: a new title is a new PDF revision.
  const retitled = changes.title !== undefined;
  let updated: CourseRecord;
  try {
    const { data } = await db()
      .entities.course.patch({ course_id: courseId })
      .set({ ...changes, updated_at: clock.now().toISOString() })
      .add({ version: 1, ...(retitled ? { recipes_revision: 1 } : {}) })
      .where((attr, op) =>
        expectedVersion === undefined ? op.eq(attr.lifecycle, "live") : `${op.eq(attr.lifecycle, "live")} AND ${op.eq(attr.version, expectedVersion)}`,
      )
      .go({ response: "all_new" });
    updated = data as CourseRecord;
  } catch (error) {
    const current = await get(courseId);
    if (!current) throw noCourse(courseId);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new ProblemError(412, `The course changed since you read it (it is now ${etagOf(current)}); reload it and apply your change again.`);
    }
    throw error;
  }
  if (retitled) await requestRebuild([courseId]);
  return updated;
}

/** `POST /api/courses/{id}/generate-recipe-pdf`: a new PDF revision, built by the rebuild queue. */
export async function regenerateRecipePdf(courseId: string): Promise<CourseRecord> {
  const { data } = await whenConditionFails(
    db().entities.course.patch({ course_id: courseId }).add({ recipes_revision: 1 }).where((attr, op) => op.eq(attr.lifecycle, "live")).go({ response: "all_new" }),
    noCourse(courseId),
  );
  await requestRebuild([courseId]);
  return data as CourseRecord;
}

export async function setWhatsappGroup(courseId: string, url: string | null): Promise<CourseRecord> {
  const patch = db().entities.course.patch({ course_id: courseId });
  const changed = url === null ? patch.remove(["whatsapp_group_url"]).set({ updated_at: clock.now().toISOString() }) : patch.set({ whatsapp_group_url: url, updated_at: clock.now().toISOString() });
  const { data } = await whenConditionFails(
    changed.add({ version: 1 }).where((attr, op) => op.eq(attr.lifecycle, "live")).go({ response: "all_new" }),
    noCourse(courseId),
  );
  return data as CourseRecord;
}

/**
 * Deletes a course and everything in it. First the course is marked `deleting` (it vanishes from every list and
 * lookup at once), then its partition (lessons, recipes, and whatever else belongs to the course) and its
 * enrollments (in the students' partitions) are removed, and the course item last. A crash half-way leaves a
 * `deleting` course that a repeated DELETE finishes.
 */
export async function remove(courseId: string): Promise<void> {
  const { data: course } = await db().entities.course.get({ course_id: courseId }).go({ consistent: true });
  if (!course) throw noCourse(courseId);
  if (course.lifecycle === "live") {
    await db().entities.course.patch({ course_id: courseId }).set({ lifecycle: "deleting" }).go();
  }

  const courseKey = db().entities.course.get({ course_id: courseId }).params().Key as ItemKey;
  const partition = (await keysInPartition(courseKey.pk)).filter((key) => key.sk !== courseKey.sk);
  const enrollments = await db().entities.enrollment.query.byCourse({ course_id: courseId }).go({ pages: "all" });
  const enrollmentKeys = enrollments.data.map((enrollment) => db().entities.enrollment.delete(enrollment).params().Key as ItemKey);
  await deleteItems([...partition, ...enrollmentKeys]);
  for (const prefix of courseMediaPrefixes(courseId)) await Storage.removeAll(prefix);
  await db().entities.course.delete({ course_id: courseId }).go();
}
