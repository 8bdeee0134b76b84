import type { Caller } from "../auth/caller";
import * as Courses from "../courses/courses";
import type { LessonRecord } from "../courses/courses";
import { db } from "../db/service";
import { forbidden } from "../http/problem";
import * as Users from "../users/users";
import { groupProgress, ofCourse, ofUser, ofUserInCourse, summarize, type ProgressRecord } from "./records";
import type { CourseProgressResponse, StudentCourseProgress, UserProgressResponse } from "./schemas";

/** One user's progress in each of the given lessons, in their order (no progress = not started). */
function lessonRows(lessons: LessonRecord[], progress: ProgressRecord[] = []) {
  const byLesson = new Map(progress.map((item) => [item.lesson_id, item]));
  return lessons.map((lesson) => {
    const item = byLesson.get(lesson.lesson_id);
    return {
      lesson_id: lesson.lesson_id,
      title: lesson.title,
      order: lesson.order,
      completed: item?.completed ?? false,
      last_watched_position: item?.last_watched_position ?? null,
      completed_at: item?.completed_at ?? null,
    };
  });
}

/**
 * `GET /api/courses/{id}/progress`: the caller's progress in each active lesson; for an admin, also every
 * student's (everyone enrolled, and anyone with recorded progress, e.g. through a membership or an enrollment
 * that has since expired). Requests: caller, then partition ‖ access ‖ progress (‖ enrollments), then (admin)
 * one BatchGet of the students.
 */
export async function courseProgress(caller: Caller, courseId: string): Promise<CourseProgressResponse> {
  const [{ page, access }, progress, enrollments] = await Promise.all([
    Courses.pageFor(caller, courseId),
    caller.isAdmin ? ofCourse(courseId) : ofUserInCourse(caller.id, courseId).then((byLesson) => [...byLesson.values()]),
    caller.isAdmin ? db().entities.enrollment.query.byCourse({ course_id: courseId }).go({ pages: "all" }).then(({ data }) => data) : [],
  ]);
  if (!access.granted) throw forbidden("Progress is recorded for the students of a course; you do not have access to this course.");

  const lessons = page.lessons.filter((lesson) => lesson.is_active);
  const activeIds = lessons.map((lesson) => lesson.lesson_id);
  const byUser = groupProgress(progress, "user_id");
  const mine = byUser.get(caller.id) ?? [];
  return {
    course_id: courseId,
    ...summarize(activeIds, mine),
    lessons: lessonRows(lessons, mine),
    students: caller.isAdmin ? await studentsProgress(lessons, byUser, enrollments.map((enrollment) => enrollment.user_id)) : null,
  };
}

/** Every student of the course (enrolled, or with recorded progress) with their progress in its active lessons. */
async function studentsProgress(lessons: LessonRecord[], byUser: Map<string, ProgressRecord[]>, enrolledIds: string[]): Promise<StudentCourseProgress[]> {
  const activeIds = lessons.map((lesson) => lesson.lesson_id);
  const users = await Users.getMany([...enrolledIds, ...byUser.keys()]);
  return [...users.values()]
    .filter((user) => user.role !== "ADMIN")
    .sort((a, b) => a.full_name.localeCompare(b.full_name) || a.email.localeCompare(b.email))
    .map((user) => {
      const items = byUser.get(user.user_id) ?? [];
      return {
        user: { id: user.user_id, full_name: user.full_name, email: user.email },
        ...summarize(activeIds, items),
        lessons: lessonRows(lessons, items).map(({ lesson_id, completed, last_watched_position, completed_at }) => ({ lesson_id, completed, last_watched_position, completed_at })),
      };
    });
}

/**
 * `GET /api/users/{id}/progress` (admin): the user's progress in every course they are enrolled in or have
 * recorded progress in (history is kept after access ends). Requests: user ‖ progress ‖ grants, then one
 * BatchGet of the courses.
 */
export async function userProgress(userId: string): Promise<UserProgressResponse> {
  const [, progress, enrollments] = await Promise.all([
    Users.getOrThrow(userId),
    ofUser(userId),
    db().entities.enrollment.query.byUser({ user_id: userId }).go({ pages: "all" }).then(({ data }) => data),
  ]);
  const byCourse = groupProgress(progress, "course_id");
  const courses = await Courses.getMany([...byCourse.keys(), ...enrollments.map((enrollment) => enrollment.course_id)]);
  return {
    items: courses
      .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title))
      .map((course) => ({ course: { id: course.course_id, title: course.title }, ...summarize(course.active_lesson_ids ?? [], byCourse.get(course.course_id) ?? []) })),
  };
}
