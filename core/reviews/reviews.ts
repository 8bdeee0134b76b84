import type { EntityItem } from "electrodb";
import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import * as Courses from "../courses/courses";
import type { ReviewEntity } from "../db/entities/review";
import { db } from "../db/service";
import { assertTransactionSucceeded, retryOnConflict } from "../db/transactions";
import { conflict, forbidden, notFound, ProblemError } from "../http/problem";
import { decodeCursor, encodeCursor, type Page } from "../http/pagination";
import { newId } from "../ids";
import * as Users from "../users/users";
import type { ReviewRequest, ReviewResponse } from "./schemas";

type ReviewRecord = EntityItem<typeof ReviewEntity>;

/**
 * Course reviews: one per student and course. The course's `rating_sum` and `rating_count` count the shown reviews
 * and move in the same transaction as the review; every write of a review is conditional on the review being as
 * it was read, so two writes racing on one review cannot both apply their difference (the loser reads again).
 */

const noCourse = (courseId: string) => notFound(`There is no course with id ${courseId}.`);
const noReview = (courseId: string) => notFound(`You have not reviewed course ${courseId}; post your review first (POST).`);
/** A review changed between our read and our write: read it again and redo the difference. */
const CHANGED_MEANWHILE = "urn:dulcevicio:problem:review-changed";
const changedMeanwhile = () => new ProblemError(409, "The review changed at the same moment; try again.", { type: CHANGED_MEANWHILE });

function toResponse(review: ReviewRecord, authors: ReadonlyMap<string, { full_name: string }>): ReviewResponse {
  return {
    id: review.review_id,
    course_id: review.course_id,
    user_id: review.user_id,
    author_name: authors.get(review.user_id)?.full_name ?? null,
    rating: review.rating,
    text: review.text ?? null,
    is_active: review.is_active,
    created_at: review.created_at,
    updated_at: review.updated_at,
  };
}

/** A review is written by a student the access rule admits to a course they can see. Requests: course ‖ access. */
async function requireAccess(caller: Caller, courseId: string): Promise<void> {
  const { access } = await Courses.courseFor(caller, courseId);
  if (!access.granted) throw forbidden("Only students with access to a course may review it.");
}

async function mine(caller: Caller, courseId: string): Promise<ReviewRecord | undefined> {
  const { data } = await db().entities.review.get({ course_id: courseId, user_id: caller.id }).go({ consistent: true });
  return data ?? undefined;
}

/** Retries the read-then-write of a review when it lost a race (its condition failed) or clashed on the course. */
async function untilApplied<T>(write: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await retryOnConflict(write);
    } catch (error) {
      if (!(error instanceof ProblemError && error.type === CHANGED_MEANWHILE) || attempt >= attempts) throw error;
    }
  }
}

const authorsOf = async (reviews: ReviewRecord[]) => Users.getMany(reviews.map((review) => review.user_id));

/** `POST /api/courses/{id}/review`: the caller's review, counted on the course in the same transaction. */
export async function create(caller: Caller, courseId: string, request: ReviewRequest): Promise<ReviewResponse> {
  await requireAccess(caller, courseId);
  const now = clock.now().toISOString();
  const review: ReviewRecord = {
    review_id: newId(),
    course_id: courseId,
    user_id: caller.id,
    rating: request.rating,
    ...(request.text ? { text: request.text } : {}),
    is_active: true,
    created_at: now,
    updated_at: now,
  };
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ review: reviews, course }) => [
        reviews.create(review).commit(),
        course.patch({ course_id: courseId }).add({ rating_sum: review.rating, rating_count: 1 }).where((attr, op) => op.eq(attr.lifecycle, "live")).commit(),
      ])
      .go();
    assertTransactionSucceeded(result, [conflict("You have already reviewed this course; change your review with PUT."), noCourse(courseId)]);
  });
  return toResponse(review, await authorsOf([review]));
}

/** `PUT /api/courses/{id}/review`: replaces the caller's rating and text; a shown review moves the course's sum. */
export async function update(caller: Caller, courseId: string, request: ReviewRequest): Promise<ReviewResponse> {
  await requireAccess(caller, courseId);
  const updated = await untilApplied(async () => {
    const current = await mine(caller, courseId);
    if (!current) throw noReview(courseId);
    const now = clock.now().toISOString();
    const difference = current.is_active ? request.rating - current.rating : 0;
    const result = await db()
      .transaction.write(({ review: reviews, course }) => {
        const patch = reviews.patch({ course_id: courseId, user_id: caller.id }).set({ rating: request.rating, updated_at: now, ...(request.text ? { text: request.text } : {}) });
        return [
          (request.text ? patch : patch.remove(["text"])).where((attr, op) => `${op.eq(attr.rating, current.rating)} AND ${op.eq(attr.is_active, current.is_active)}`).commit(),
          ...(difference === 0 ? [] : [course.patch({ course_id: courseId }).add({ rating_sum: difference }).where((attr, op) => op.eq(attr.lifecycle, "live")).commit()]),
        ];
      })
      .go();
    assertTransactionSucceeded(result, [changedMeanwhile(), noCourse(courseId)]);
    return { ...current, rating: request.rating, text: request.text || undefined, updated_at: now };
  });
  return toResponse(updated, await authorsOf([updated]));
}

/** `DELETE /api/courses/{id}/review`: removes the caller's review, and uncounts it when it was shown. */
export async function remove(caller: Caller, courseId: string): Promise<void> {
  await requireAccess(caller, courseId);
  await untilApplied(async () => {
    const current = await mine(caller, courseId);
    if (!current) throw noReview(courseId);
    const result = await db()
      .transaction.write(({ review: reviews, course }) => [
        reviews
          .delete({ course_id: courseId, user_id: caller.id })
          .where((attr, op) => `${op.eq(attr.rating, current.rating)} AND ${op.eq(attr.is_active, current.is_active)}`)
          .commit(),
        ...(current.is_active ? [course.patch({ course_id: courseId }).add({ rating_sum: -current.rating, rating_count: -1 }).commit()] : []),
      ])
      .go();
    assertTransactionSucceeded(result, [changedMeanwhile(), noCourse(courseId)]);
  });
}

/**
 * `GET /api/courses/{id}/reviews`: newest first, a page at a time; students see the shown ones (a page may come
 * back shorter: hidden ones are filtered), admins all. Requests: course ‖ access ‖ one Query of gsi1; the authors.
 */
export async function list(caller: Caller, courseId: string, limit: number, cursor: string | undefined): Promise<Page<ReviewResponse>> {
  const scope = { list: `reviews:${courseId}:${caller.isAdmin ? "all" : "shown"}`, caller };
  const start = decodeCursor(scope, cursor);
  // Reviews are for anyone who can see the course (they help decide whether to take it), with access or not.
  const [, { data, cursor: next }] = await Promise.all([
    Courses.courseFor(caller, courseId),
    db()
      .entities.review.query.newest({ course_id: courseId })
      .where((attr, op) => (caller.isAdmin ? "" : op.eq(attr.is_active, true)))
      .go({ limit, order: "desc", cursor: start }),
  ]);
  const authors = await authorsOf(data);
  return { items: data.map((review) => toResponse(review, authors)), next_cursor: encodeCursor(scope, next) };
}

/** `PUT /api/reviews/{id}/moderate` (admin): hides or shows a review, moving it out of or into the course's rating. */
export async function moderate(reviewId: string, isActive: boolean): Promise<ReviewResponse> {
  const missing = () => notFound(`There is no review with id ${reviewId}.`);
  // gsi2 gives the key; the item itself is read strongly consistent on every try (the index may lag behind a write).
  const { data: found } = await db().entities.review.query.byId({ review_id: reviewId }).go();
  if (!found[0]) throw missing();
  const key = { course_id: found[0].course_id, user_id: found[0].user_id };
  const updated = await untilApplied(async () => {
    const { data: current } = await db().entities.review.get(key).go({ consistent: true });
    if (!current || current.review_id !== reviewId) throw missing();
    if (current.is_active === isActive) return current;
    const now = clock.now().toISOString();
    const sign = isActive ? 1 : -1;
    const result = await db()
      .transaction.write(({ review: reviews, course }) => [
        reviews
          .patch(key)
          .set({ is_active: isActive, updated_at: now })
          .where((attr, op) => `${op.eq(attr.is_active, current.is_active)} AND ${op.eq(attr.rating, current.rating)} AND ${op.eq(attr.review_id, reviewId)}`)
          .commit(),
        course.patch({ course_id: current.course_id }).add({ rating_sum: sign * current.rating, rating_count: sign }).commit(),
      ])
      .go();
    assertTransactionSucceeded(result, [changedMeanwhile(), noCourse(current.course_id)]);
    return { ...current, is_active: isActive, updated_at: now };
  });
  return toResponse(updated, await authorsOf([updated]));
}
