import type { EntityItem } from "electrodb";
import * as Access from "../access/access";
import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import * as Courses from "../courses/courses";
import type { CourseRecord } from "../courses/views";
import type { LearningPathEntity } from "../db/entities/learning-path";
import { db } from "../db/service";
import { whenConditionFails } from "../db/transactions";
import { badRequest, notFound } from "../http/problem";
import { newId } from "../ids";
import * as Progress from "../progress/records";
import type { CreatePathRequest, PathList, PathResponse, UpdatePathRequest } from "./schemas";

type PathRecord = EntityItem<typeof LearningPathEntity>;

/**
 * Learning paths (issue 17): admins group courses in an order; everyone signed in reads the paths with their own
 * progress along each. A student sees an active path only when it holds a course the access rule lets them open
 * (otherwise it is a 404, like a course they cannot see), and in it only the courses they can see (active ones).
 * Progress is the caller's, from one Query of their progress in every course (gsi1) and each course's
 * `active_lesson_ids`: the same rule as the course progress, no lesson read.
 */

const noPath = (pathId: string) => notFound(`There is no learning path with id ${pathId}.`);

/** What a path's view is made from: its courses, the caller's progress in every course, and their grants. */
interface Context {
  courses: ReadonlyMap<string, CourseRecord>;
  progress: ReadonlyMap<string, Progress.ProgressRecord[]>;
  grants: Access.Grants;
  now: Date;
}

const NO_GRANTS: Access.Grants = { enrollments: [], memberships: [] };

/** The caller's progress and grants, side by side (admins need no grants: the access rule admits them anyway). */
async function callerState(caller: Caller): Promise<Pick<Context, "progress" | "grants">> {
  const [progress, grants] = await Promise.all([Progress.ofUser(caller.id), caller.isAdmin ? NO_GRANTS : Access.grantsOf(caller.id)]);
  return { progress: Progress.groupProgress(progress, "course_id"), grants };
}

async function coursesById(courseIds: readonly string[]): Promise<Map<string, CourseRecord>> {
  return new Map((await Courses.getMany([...courseIds])).map((course) => [course.course_id, course]));
}

function view(caller: Caller, path: PathRecord, context: Context): PathResponse {
  const courses = path.course_ids
    .map((courseId) => context.courses.get(courseId))
    .filter((course): course is CourseRecord => Courses.isVisibleTo(course, caller))
    .map((course) => ({
      id: course.course_id,
      title: course.title,
      is_active: course.is_active,
      can_open: Access.accessTo(course.course_id, caller, context.grants, context.now).granted,
      ...Progress.summarize([...(course.active_lesson_ids ?? [])], context.progress.get(course.course_id) ?? []),
    }));
  const totalLessons = courses.reduce((sum, course) => sum + course.total_lessons, 0);
  const completedLessons = courses.reduce((sum, course) => sum + course.completed_lessons, 0);
  const completedCourses = courses.filter((course) => course.is_completed).length;
  return {
    id: path.path_id,
    title: path.title,
    description: path.description,
    is_active: path.is_active,
    course_ids: path.course_ids,
    courses,
    progress: {
      total_courses: courses.length,
      completed_courses: completedCourses,
      total_lessons: totalLessons,
      completed_lessons: completedLessons,
      progress_percentage: totalLessons === 0 ? 0 : Math.round((completedLessons / totalLessons) * 1000) / 10,
      is_completed: courses.length > 0 && completedCourses === courses.length,
      next_course_id: courses.find((course) => !course.is_completed && course.can_open)?.id ?? null,
    },
    created_at: path.created_at,
    updated_at: path.updated_at,
  };
}

/** Admins see every path; a student an active one holding a course they can open. */
const isListedFor = (caller: Caller, path: PathResponse): boolean => caller.isAdmin || (path.is_active && path.courses.some((course) => course.can_open));

/**
 * `GET /api/paths`. Requests: caller; Query gsi1 (every path) ‖ Query gsi1 of the caller's progress ‖ access Query
 * (students); one BatchGet of every course the paths name (one per 100 distinct courses).
 */
export async function list(caller: Caller): Promise<PathList> {
  const [{ data: paths }, state] = await Promise.all([db().entities.learningPath.query.all({}).go({ pages: "all" }), callerState(caller)]);
  const courses = await coursesById(paths.flatMap((path) => path.course_ids));
  const context = { ...state, courses, now: clock.now() };
  return { items: paths.map((path) => view(caller, path, context)).filter((path) => isListedFor(caller, path)) };
}

/** `GET /api/paths/{id}`. Requests: caller; GetItem ‖ progress Query ‖ access Query (students); BatchGet of its courses. */
export async function get(caller: Caller, pathId: string): Promise<PathResponse> {
  const [{ data: path }, state] = await Promise.all([db().entities.learningPath.get({ path_id: pathId }).go({ consistent: true }), callerState(caller)]);
  if (!path) throw noPath(pathId);
  const found = view(caller, path, { ...state, courses: await coursesById(path.course_ids), now: clock.now() });
  if (!isListedFor(caller, found)) throw noPath(pathId);
  return found;
}

/** Every named course must exist (live), or the path would hold an id nobody can follow. */
function requireCourses(courseIds: readonly string[], courses: ReadonlyMap<string, CourseRecord>): void {
  const missing = courseIds.filter((courseId) => !courses.has(courseId));
  if (missing.length > 0) throw badRequest("A learning path can only hold courses that exist.", missing.map((courseId) => ({ path: "body.course_ids", message: `there is no course with id ${courseId}` })));
}

/** `POST /api/paths` (admin). Requests: caller; BatchGet of its courses ‖ progress Query; PutItem (`attribute_not_exists`). */
export async function create(caller: Caller, request: CreatePathRequest): Promise<PathResponse> {
  const [courses, state] = await Promise.all([coursesById(request.course_ids), callerState(caller)]);
  requireCourses(request.course_ids, courses);
  const now = clock.now();
  const path: PathRecord = {
    path_id: newId(),
    title: request.title,
    description: request.description,
    course_ids: request.course_ids,
    is_active: request.is_active,
    created_by: caller.id,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await db().entities.learningPath.create(path).go();
  return view(caller, path, { ...state, courses, now });
}

/**
 * `PUT /api/paths/{id}` (admin): the fields given, the course list replaced whole. Requests: caller; [BatchGet of
 * the new courses] ‖ progress Query; UpdateItem (conditional on the path existing, answering the new item);
 * [BatchGet of its courses when the list did not change]. 4 either way.
 */
export async function update(caller: Caller, pathId: string, changes: UpdatePathRequest): Promise<PathResponse> {
  const [newCourses, state] = await Promise.all([changes.course_ids ? coursesById(changes.course_ids) : undefined, callerState(caller)]);
  if (changes.course_ids) requireCourses(changes.course_ids, newCourses!);
  const now = clock.now();
  const { data: path } = await whenConditionFails(
    db()
      .entities.learningPath.patch({ path_id: pathId })
      .set({ ...changes, updated_at: now.toISOString() })
      .go({ response: "all_new" }),
    noPath(pathId),
  );
  return view(caller, path, { ...state, courses: newCourses ?? (await coursesById(path.course_ids)), now });
}

/** `DELETE /api/paths/{id}` (admin): the path only, never its courses. Requests: caller; the audit stamp (UpdateItem); DeleteItem (conditional on existence). */
export async function remove(pathId: string): Promise<void> {
  await whenConditionFails(
    db()
      .entities.learningPath.delete({ path_id: pathId })
      .where((attr, op) => op.exists(attr.path_id))
      .go(),
    noPath(pathId),
  );
}
