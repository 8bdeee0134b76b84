import * as Access from "../access/access";
import type { Caller } from "../auth/caller";
import { db } from "../db/service";
import { decodeCursor, encodeCursor, type Page } from "../http/pagination";
import { notFound } from "../http/problem";
import type { UserResponse } from "../users/schemas";
import * as Users from "../users/users";
import * as Courses from "./courses";

export interface StudentResponse {
  user: UserResponse;
  enrollment: { id: string; enrolled_at: string; expires_at: string | null; is_active: boolean; active_now: boolean };
}

/** A course's enrolled students: course GetItem, Query of gsi2 (enrollments by course), one BatchGet of the users. */
export async function list(caller: Caller, courseId: string, limit: number, cursor: string | undefined): Promise<Page<StudentResponse>> {
  if (!(await Courses.get(courseId))) throw notFound(`There is no course with id ${courseId}.`);
  const scope = { list: `students:${courseId}`, caller };
  const { data: enrollments, cursor: next } = await db()
    .entities.enrollment.query.byCourse({ course_id: courseId })
    .go({ limit, cursor: decodeCursor(scope, cursor) });
  const byId = await Users.getMany(enrollments.map(({ user_id }) => user_id));
  const listed = enrollments.flatMap((enrollment) => {
    const user = byId.get(enrollment.user_id);
    return user ? [{ enrollment, user }] : [];
  });
  const items = await Promise.all(
    listed.map(async ({ enrollment, user }) => ({
      user: await Users.toResponse(user),
      enrollment: {
        id: enrollment.enrollment_id,
        enrolled_at: enrollment.enrolled_at,
        expires_at: enrollment.expires_at ?? null,
        is_active: enrollment.is_active,
        active_now: Access.isEnrollmentActive(enrollment),
      },
    })),
  );
  return { items, next_cursor: encodeCursor(scope, next) };
}
