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
export function toCoursePageResponse({ course, lessons, recipes }: CoursePage, caller: Caller, access: CourseAccess): CoursePageResponse {
  return {
    ...toCourseResponse(course, access.granted),
    lessons: lessons.filter((lesson) => Lessons.isVisible(lesson, caller, access)).map(Lessons.toResponse),
    recipes: recipes.filter((recipe) => Recipes.isVisible(recipe, caller, access)).map(Recipes.toResponse),
    access,
  };
}
