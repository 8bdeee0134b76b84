import { lessonRelease, type CourseAccess } from "../access/access";
import type { Caller } from "../auth/caller";
import * as Lessons from "../lessons/lessons";
import type { LessonWithProgress } from "../lessons/lessons";
import * as Progress from "../progress/records";
import type { ProgressRecord } from "../progress/records";
import * as Recipes from "../recipes/recipes";
import type { RecipeResponse } from "../recipes/schemas";
import * as Courses from "./courses";
import type { CoursePage } from "./courses";
import type { CourseResponse } from "./schemas";
import { toCourseResponse } from "./views";

export interface CoursePageResponse extends CourseResponse {
  total_video_seconds: number;
  lessons: LessonWithProgress[];
  recipes: RecipeResponse[];
  /** How the caller reaches the course: `granted: false` = the summary and preview lessons only. */
  access: CourseAccess;
}

/** The course page as the caller may see it: everything with access; without, the summary and preview lessons. */
async function toCoursePageResponse(
  { course, lessons, recipes }: CoursePage,
  caller: Caller,
  access: CourseAccess,
  progress: ReadonlyMap<string, ProgressRecord>,
): Promise<CoursePageResponse> {
  return {
    ...(await toCourseResponse(course, access.granted)),
    // Of every active lesson, seen or not: what the course holds, not what the caller may watch of it.
    total_video_seconds: totalVideoSeconds(lessons),
    // Whatever is visible may be watched or read: preview lessons come with their video to anyone signed in.
    lessons: await Promise.all(
      lessons
        .filter((lesson) => Lessons.isVisible(lesson, caller, access))
        // Drip release: a lesson not yet open for the caller shows its title, never its video.
        .map((lesson) => Lessons.toResponse(lesson, true, progress.get(lesson.lesson_id), { release: lessonRelease(lesson, caller, access) })),
    ),
    recipes: await Promise.all(recipes.filter((recipe) => Recipes.isVisible(recipe, caller, access)).map((recipe) => Recipes.toResponse(recipe, true, caller.isAdmin))),
    access,
  };
}

/** Sums in milliseconds: durations are stored to the millisecond, and adding floats would show 3.3000000000000003. */
function totalVideoSeconds(lessons: CoursePage["lessons"]): number {
  const milliseconds = lessons.reduce((sum, lesson) => sum + (lesson.is_active && lesson.video_status === "ready" ? Math.round((lesson.video_duration ?? 0) * 1000) : 0), 0);
  return milliseconds / 1000;
}

/**
 * `GET /api/courses/{id}`: the page, the caller's access and the caller's progress, read side by side
 * (4 requests with the caller lookup: caller ‖ partition ‖ access ‖ progress).
 */
export async function coursePageFor(caller: Caller, courseId: string): Promise<{ body: CoursePageResponse; etag: string }> {
  const [{ page, access }, progress] = await Promise.all([Courses.pageFor(caller, courseId), Progress.ofUserInCourse(caller.id, courseId)]);
  return { body: await toCoursePageResponse(page, caller, access, progress), etag: Courses.etagOf(page.course) };
}
