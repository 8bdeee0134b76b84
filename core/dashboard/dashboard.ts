import * as Access from "../access/access";
import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import * as Courses from "../courses/courses";
import type { CourseRecord } from "../courses/views";
import { toCourseResponse } from "../courses/views";
import { countQuery, tallyQuery } from "../db/count";
import { db } from "../db/service";
import { idFloorAt } from "../ids";
import { groupProgress, ofUser, summarize } from "../progress/records";
import type { CourseWithProgress, MyCoursesResponse, MyProgressResponse, StatsResponse } from "./schemas";

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * `GET /api/dashboard/stats` (admin). No Scan: every figure is a COUNT over an indexed Query (users, courses,
 * enrollments and memberships each have an index that lists them all; comments are ordered by their
 * time-ordered ids) or a counter kept by the writes (lesson completions). Six requests, side by side; users and
 * courses are read once each for both their totals and their active counts.
 */
export async function stats(): Promise<StatsResponse> {
  const now = clock.now();
  const instant = now.toISOString();
  const entities = db().entities;
  const [users, courses, enrollments, memberships, completions, comments] = await Promise.all([
    tallyQuery(entities.user.query.allByEmail({}).params(), ["is_active"], { total: () => true, active: (user) => user.is_active === true }),
    tallyQuery(entities.course.query.all({}).where((attr, op) => op.eq(attr.lifecycle, "live")).params(), ["is_active"], {
      total: () => true,
      active: (course) => course.is_active === true,
    }),
    countQuery(
      entities.enrollment.query
        .byCourse({})
        .where((attr, op) => `${op.eq(attr.is_active, true)} AND (${op.notExists(attr.expires_at)} OR ${op.gt(attr.expires_at, instant)})`)
        .params(),
    ),
    countQuery(
      entities.membership.query
        .all({})
        .where((attr, op) => `${op.eq(attr.is_active, true)} AND ${op.lte(attr.start_date, instant)} AND ${op.gt(attr.end_date, instant)}`)
        .params(),
    ),
    entities.counter.get({ name: "lesson_completions" }).go().then(({ data }) => data?.value ?? 0),
    countQuery(
      entities.comment.query
        .timeline({})
        .gte({ comment_id: idFloorAt(new Date(now.getTime() - WEEK_MS)) })
        .where((attr, op) => op.eq(attr.is_deleted, false))
        .params(),
    ),
  ]);
  return {
    users,
    courses,
    active_enrollments: enrollments,
    active_memberships: memberships,
    lesson_completions: completions,
    comments_last_7_days: comments,
    generated_at: instant,
  };
}

/** Every course the caller can open now: admins and members, the catalogue (one Query); others, their enrollments' (one BatchGet). */
async function accessibleCourses(caller: Caller, grants: Access.Grants): Promise<CourseRecord[]> {
  const now = clock.now();
  if (caller.isAdmin || Access.activeMembership(grants, now)) {
    const { data } = await db().entities.course.query.all({}).go({ pages: "all" });
    return data.filter((course) => Courses.isVisibleTo(course, caller));
  }
  return Courses.enrolledCourses(caller, grants, now);
}

/**
 * `GET /api/dashboard/my-courses`: the caller's accessible courses with their progress and how access ends.
 * A bounded number of requests whatever the number of courses: caller, grants ‖ progress, then the courses
 * (one Query or one BatchGet).
 */
export async function myCourses(caller: Caller): Promise<MyCoursesResponse> {
  const [grants, progress] = await Promise.all([
    caller.isAdmin ? { enrollments: [], memberships: [] } : Access.grantsOf(caller.id),
    ofUser(caller.id),
  ]);
  const courses = await accessibleCourses(caller, grants);
  const byCourse = groupProgress(progress, "course_id");
  const items = await Promise.all(
    courses.map(async (course): Promise<CourseWithProgress> => {
      const access = Access.accessTo(course.course_id, caller, grants);
      const enrollment = grants.enrollments.find((candidate) => candidate.course_id === course.course_id);
      return {
        ...(await toCourseResponse(course, true)),
        ...summarize(course.active_lesson_ids ?? [], byCourse.get(course.course_id) ?? []),
        user_enrolled_at: enrollment?.enrolled_at ?? null,
        access: { via: access.via ?? "enrollment", ends_at: access.ends_at },
      };
    }),
  );
  return { items };
}

/** `GET /api/dashboard/my-progress`: the totals of `my-courses` (same requests). */
export async function myProgress(caller: Caller): Promise<MyProgressResponse> {
  const { items } = await myCourses(caller);
  const lessonsTotal = items.reduce((sum, course) => sum + course.total_lessons, 0);
  const lessonsCompleted = items.reduce((sum, course) => sum + course.completed_lessons, 0);
  const completed = items.filter((course) => course.is_completed).length;
  const started = items.filter((course) => !course.is_completed && course.last_activity !== null).length;
  const lastActivity = items.map((course) => course.last_activity).filter((at): at is string => at !== null).sort().at(-1) ?? null;
  return {
    courses_total: items.length,
    courses_completed: completed,
    courses_in_progress: started,
    courses_not_started: items.length - completed - started,
    lessons_total: lessonsTotal,
    lessons_completed: lessonsCompleted,
    progress_percentage: lessonsTotal === 0 ? 0 : Math.round((lessonsCompleted / lessonsTotal) * 1000) / 10,
    last_activity: lastActivity,
  };
}
