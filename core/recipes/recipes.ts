import type { CourseAccess } from "../access/access";
import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import * as Courses from "../courses/courses";
import type { RecipeRecord } from "../courses/courses";
import { db } from "../db/service";
import { assertTransactionSucceeded, retryOnConflict, whenConditionFails } from "../db/transactions";
import { forbidden, notFound } from "../http/problem";
import { newId } from "../ids";
import type { CreateRecipeRequest, RecipeResponse, UpdateRecipeRequest } from "./schemas";

const noRecipe = (recipeId: string) => notFound(`There is no recipe with id ${recipeId}.`);
const noCourse = (courseId: string) => notFound(`There is no course with id ${courseId}.`);

export function toResponse(recipe: RecipeRecord): RecipeResponse {
  return {
    id: recipe.recipe_id,
    course_id: recipe.course_id,
    title: recipe.title,
    description: recipe.description ?? null,
    recipe_text: recipe.recipe_text ?? null,
    order: recipe.order,
    image_url: null,
    is_active: recipe.is_active,
    created_at: recipe.created_at,
    updated_at: recipe.updated_at,
  };
}

/** Admins see every recipe; with access, the active ones; without access, none (recipes have no preview). */
export function isVisible(recipe: RecipeRecord, caller: Caller, access: CourseAccess): boolean {
  if (caller.isAdmin) return true;
  return recipe.is_active && access.granted;
}

/** A course's recipes in order, for callers with access: one Query of the course partition (+ access). */
export async function listFor(caller: Caller, courseId: string): Promise<RecipeResponse[]> {
  const { page, access } = await Courses.pageFor(caller, courseId);
  if (!access.granted) throw forbidden("The recipes of this course are for its students.");
  return page.recipes.filter((recipe) => isVisible(recipe, caller, access)).map(toResponse);
}

/** One Query of gsi1 (recipes are keyed by course; their own id is an index). */
async function find(recipeId: string): Promise<RecipeRecord> {
  const { data } = await db().entities.recipe.query.byId({ recipe_id: recipeId }).go();
  if (!data[0]) throw noRecipe(recipeId);
  return data[0];
}

/**
 * A recipe for the caller: inactive recipes are the admin's alone (404); a recipe of a course the caller
 * cannot open is a 403. Requests: recipe by id, then course ‖ access.
 */
export async function getFor(caller: Caller, recipeId: string): Promise<RecipeResponse> {
  const recipe = await find(recipeId);
  const { access } = await Courses.courseFor(caller, recipe.course_id);
  if (!caller.isAdmin && !recipe.is_active) throw noRecipe(recipeId);
  if (!isVisible(recipe, caller, access)) throw forbidden("This recipe belongs to a course you do not have access to.");
  return toResponse(recipe);
}

/** Adds the recipe and counts it on the course, in one transaction (retried when it races another). */
export async function create(courseId: string, request: CreateRecipeRequest): Promise<RecipeRecord> {
  const now = clock.now().toISOString();
  const recipe: RecipeRecord = { recipe_id: newId(), course_id: courseId, ...request, created_at: now, updated_at: now };
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ recipe: recipes, course }) => [
        recipes.create(recipe).commit(),
        course.patch({ course_id: courseId }).add({ recipes_count: 1 }).where((attr, op) => op.eq(attr.lifecycle, "live")).commit(),
      ])
      .go();
    assertTransactionSucceeded(result, [undefined, noCourse(courseId)]);
  });
  return recipe;
}

export async function update(recipeId: string, changes: UpdateRecipeRequest): Promise<RecipeRecord> {
  const recipe = await find(recipeId);
  const { description, recipe_text, ...rest } = changes;
  const cleared = [...(description === null ? ["description" as const] : []), ...(recipe_text === null ? ["recipe_text" as const] : [])];
  const patch = db()
    .entities.recipe.patch({ course_id: recipe.course_id, recipe_id: recipeId })
    .set({ ...rest, ...(description ? { description } : {}), ...(recipe_text ? { recipe_text } : {}), updated_at: clock.now().toISOString() });
  const { data } = await whenConditionFails((cleared.length > 0 ? patch.remove(cleared) : patch).go({ response: "all_new" }), noRecipe(recipeId));
  return data as RecipeRecord;
}

/** Removes the recipe and uncounts it, in one transaction. */
export async function remove(recipeId: string): Promise<void> {
  const recipe = await find(recipeId);
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ recipe: recipes, course }) => [
        recipes.delete({ course_id: recipe.course_id, recipe_id: recipeId }).where((attr, op) => op.exists(attr.recipe_id)).commit(),
        course.patch({ course_id: recipe.course_id }).add({ recipes_count: -1 }).commit(),
      ])
      .go();
    assertTransactionSucceeded(result, [noRecipe(recipeId), noCourse(recipe.course_id)]);
  });
}
