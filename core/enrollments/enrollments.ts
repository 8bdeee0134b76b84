import * as Access from "../access/access";
import type { EnrollmentRecord } from "../access/access";
import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import { toCourseResponse, type CourseRecord } from "../courses/views";
import { db } from "../db/service";
import { assertTransactionSucceeded, retryOnConflict, whenConditionFails } from "../db/transactions";
import { decodeCursor, encodeCursor, type Page } from "../http/pagination";
import { badRequest, conflict, notFound } from "../http/problem";
import { newId } from "../ids";
import * as Users from "../users/users";
import type { UserRecord } from "../users/users";
import type { CreateEnrollmentRequest, EnrollmentResponse, UpdateEnrollmentRequest } from "./schemas";

/**
 * Enrollments: access to one course for one user (spec 4.3, 6.7), granted by an admin. Stored in the user's
 * partition under (user, course), so a second one for the same pair is refused by the key itself; the course's
 * `enrolled_count` moves in the same transaction as the enrollment.
 */

const noEnrollment = (enrollmentId: string) => notFound(`There is no enrollment with id ${enrollmentId}.`);

/** An admin's enrollment: its end must be in the future, then one transaction (`grant`). */
export async function create(caller: Caller, request: CreateEnrollmentRequest): Promise<EnrollmentResponse> {
  const now = clock.now();
  if (request.expires_at && new Date(request.expires_at) <= now) {
    throw badRequest("An enrollment must not end before it starts: give an expires_at in the future, or none.", [
      { path: "body.expires_at", message: "must be in the future" },
    ]);
  }
  const enrollment = await grant(caller.id, request, now);
  return only(enrollment.enrollment_id, await presentAll([enrollment]));
}

/**
 * The enrollment's transaction, for a request and for an import (core/imports/imports.ts): the enrollment (new
 * for its user and course), a check that the user exists and the count on the live course. Concurrent
 * enrollments in one course contend for its counter; lost races are retried.
 */
export async function grant(grantedBy: string, request: CreateEnrollmentRequest, now: Date): Promise<EnrollmentRecord> {
  const { user_id, course_id } = request;
  const enrollment: EnrollmentRecord = {
    enrollment_id: newId(),
    user_id,
    course_id,
    enrolled_at: now.toISOString(),
    ...(request.expires_at ? { expires_at: request.expires_at } : {}),
    is_active: true,
    granted_by: grantedBy,
    updated_at: now.toISOString(),
  };
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ enrollment: enrollments, user, course }) => [
        enrollments.create(enrollment).commit(),
        user.check({ user_id }).where((attr, op) => op.exists(attr.user_id)).commit(),
        course.patch({ course_id }).add({ enrolled_count: 1 }).where((attr, op) => op.eq(attr.lifecycle, "live")).commit(),
      ])
      .go();
    assertTransactionSucceeded(result, [
      conflict(
        `User ${user_id} is already enrolled in course ${course_id}; change that enrollment instead (GET /api/enrollments?user_id=${user_id}&course_id=${course_id} finds it).`,
      ),
      notFound(`There is no user with id ${user_id}.`),
      notFound(`There is no course with id ${course_id}.`),
    ]);
  });
  return enrollment;
}

export interface EnrollmentFilters {
  user_id?: string;
  course_id?: string;
  /** Opens its course right now (switched on and not expired), or not. */
  active?: boolean;
}

/**
 * One Query per page: the user's partition with `user_id` (narrowed to one course with `course_id` too), else
 * gsi2 (every enrollment by course, narrowed by `course_id`). `active` is decided by the access rule after
 * reading, so a page may hold fewer than `limit` items while `next_cursor` still leads on.
 * Then one BatchGetItem for the page's users and one for its courses, side by side.
 */
export async function list(caller: Caller, filters: EnrollmentFilters, limit: number, cursor: string | undefined): Promise<Page<EnrollmentResponse>> {
  const scope = { list: `enrollments:user=${filters.user_id ?? "*"}:course=${filters.course_id ?? "*"}:active=${filters.active ?? "*"}`, caller };
  const options = { limit, cursor: decodeCursor(scope, cursor) };
  const query = db().entities.enrollment.query;
  const course = filters.course_id === undefined ? {} : { course_id: filters.course_id };
  const { data, cursor: next } =
    filters.user_id === undefined ? await query.byCourse(course).go(options) : await query.byUser({ user_id: filters.user_id, ...course }).go(options);
  const now = clock.now();
  const page = filters.active === undefined ? data : data.filter((enrollment) => Access.isEnrollmentActive(enrollment, now) === filters.active);
  return { items: await presentAll(page), next_cursor: encodeCursor(scope, next) };
}

export async function get(enrollmentId: string): Promise<EnrollmentResponse> {
  return only(enrollmentId, await presentAll([await find(enrollmentId)]));
}

/** Extends, ends (`expires_at` now or earlier) or switches an enrollment. One conditional UpdateItem. */
export async function update(enrollmentId: string, changes: UpdateEnrollmentRequest): Promise<EnrollmentResponse> {
  const current = await find(enrollmentId);
  const patch = db()
    .entities.enrollment.patch({ user_id: current.user_id, course_id: current.course_id })
    .set({
      updated_at: clock.now().toISOString(),
      ...(changes.is_active === undefined ? {} : { is_active: changes.is_active }),
      ...(changes.expires_at ? { expires_at: changes.expires_at } : {}),
    });
  const write = (changes.expires_at === null ? patch.remove(["expires_at"]) : patch)
    // The id index may lag: change only the enrollment it found, never a newer one of the same user and course.
    .where((attr, op) => op.eq(attr.enrollment_id, enrollmentId))
    .go({ response: "all_new" });
  const [{ data }, related] = await Promise.all([whenConditionFails(write, noEnrollment(enrollmentId)), relatedTo([current])]);
  return only(enrollmentId, await present([data as EnrollmentRecord], related));
}

/** Revokes the enrollment and takes it off the course's count, in one transaction. */
export async function remove(enrollmentId: string): Promise<void> {
  const { user_id, course_id } = await find(enrollmentId);
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ enrollment, course }) => [
        enrollment
          .delete({ user_id, course_id })
          .where((attr, op) => op.eq(attr.enrollment_id, enrollmentId))
          .commit(),
        course.patch({ course_id }).add({ enrolled_count: -1 }).commit(),
      ])
      .go();
    const [enrollmentWrite, courseWrite] = result.data;
    const courseIsGone = result.canceled && !enrollmentWrite?.rejected && courseWrite?.code === "ConditionalCheckFailed";
    if (!courseIsGone) return assertTransactionSucceeded(result, [noEnrollment(enrollmentId), undefined]);
    // The course was deleted and its cascade missed this enrollment (gsi2 had not caught up with it yet): there is
    // no counter left to keep, so the enrollment goes alone.
    await whenConditionFails(
      db().entities.enrollment.delete({ user_id, course_id }).where((attr, op) => op.eq(attr.enrollment_id, enrollmentId)).go(),
      noEnrollment(enrollmentId),
    );
  });
}

/** By id: one Query of gsi1. */
async function find(enrollmentId: string): Promise<EnrollmentRecord> {
  const { data } = await db().entities.enrollment.query.byId({ enrollment_id: enrollmentId }).go({ limit: 1 });
  const enrollment = data[0];
  if (!enrollment) throw noEnrollment(enrollmentId);
  return enrollment;
}

interface Related {
  users: Map<string, UserRecord>;
  courses: Map<string, CourseRecord>;
}

/** The users and courses of a page of enrollments: one BatchGetItem each, side by side, whatever the page size. */
async function relatedTo(enrollments: EnrollmentRecord[]): Promise<Related> {
  const [users, courses] = await Promise.all([Users.getMany(enrollments.map(({ user_id }) => user_id)), liveCourses(enrollments.map(({ course_id }) => course_id))]);
  return { users, courses };
}

/** Live courses by id (duplicates allowed): one BatchGetItem for up to 100 distinct ids. */
async function liveCourses(courseIds: string[]): Promise<Map<string, CourseRecord>> {
  const unique = [...new Set(courseIds)];
  if (unique.length === 0) return new Map();
  const { data, unprocessed } = await db().entities.course.get(unique.map((course_id) => ({ course_id }))).go({ consistent: true });
  // Left-over keys would silently drop enrollments from a page; a 5xx is the honest answer (DynamoDB throttled us).
  if (unprocessed.length > 0) throw new Error(`BatchGetItem left ${unprocessed.length} of ${unique.length} courses unprocessed`);
  return new Map(data.filter((course) => course.lifecycle === "live").map((course) => [course.course_id, course]));
}

async function presentAll(enrollments: EnrollmentRecord[]): Promise<EnrollmentResponse[]> {
  return present(enrollments, await relatedTo(enrollments));
}

/**
 * The spec's EnrollmentResponse, with the user and the course nested. An enrollment of a course being deleted is
 * left out: that course has already left every list, and its enrollments are on their way out with it.
 */
async function present(enrollments: EnrollmentRecord[], { users, courses }: Related): Promise<EnrollmentResponse[]> {
  const items = await Promise.all(
    enrollments.map(async (enrollment) => {
      const user = users.get(enrollment.user_id);
      const course = courses.get(enrollment.course_id);
      if (!user || !course) return [];
      return [
        {
          id: enrollment.enrollment_id,
          user_id: enrollment.user_id,
          course_id: enrollment.course_id,
          enrolled_at: enrollment.enrolled_at,
          expires_at: enrollment.expires_at ?? null,
          is_active: enrollment.is_active,
          granted_by: enrollment.granted_by,
          user: await Users.toResponse(user),
          course: await toCourseResponse(course, true),
        },
      ];
    }),
  );
  return items.flat();
}

function only(enrollmentId: string, items: EnrollmentResponse[]): EnrollmentResponse {
  const [item] = items;
  if (!item) throw noEnrollment(enrollmentId);
  return item;
}
