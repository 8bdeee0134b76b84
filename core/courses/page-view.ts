import type { CourseAccess } from "../access/access";
import type { Caller } from "../auth/caller";
import * as Lessons from "../lessons/lessons";
import type { LessonResponse } from "../lessons/schemas";
import * as Recipes from "../recipes/recipes";
import type { RecipeResponse } from "../recipes/schemas";
import type { CoursePage } from "./courses";
import type { CourseResponse } from "./schemas";
import { toCourseResponse } from "./views";

export interface CoursePageResponse extends CourseResponse {
  lessons: LessonResponse[];
  recipes: RecipeResponse[];
  /** How the caller reaches the course: `granted: false` = the summary and preview lessons only. */
  access: CourseAccess;
}

/** The course page as the caller may see it: everything with access; without, the summary and preview lessons. */
export async function toCoursePageResponse({ course, lessons, recipes }: CoursePage, caller: Caller, access: CourseAccess): Promise<CoursePageResponse> {
  return {
    ...(await toCourseResponse(course, access.granted)),
    // Whatever is visible may be watched or read: preview lessons come with their video to anyone signed in.
    lessons: await Promise.all(lessons.filter((lesson) => Lessons.isVisible(lesson, caller, access)).map((lesson) => Lessons.toResponse(lesson, true))),
    recipes: await Promise.all(recipes.filter((recipe) => Recipes.isVisible(recipe, caller, access)).map((recipe) => Recipes.toResponse(recipe, true))),
    access,
  };
}
