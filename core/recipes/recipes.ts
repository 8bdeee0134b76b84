import type { CourseAccess } from "../access/access";
import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import * as Courses from "../courses/courses";
import { endOrder } from "../courses/order";
import type { RecipeRecord } from "../courses/courses";
import { db } from "../db/service";
import { assertTransactionSucceeded, retryOnConflict, whenConditionFails } from "../db/transactions";
import { forbidden, notFound, ProblemError } from "../http/problem";
import { newId } from "../ids";
import { PREFIX } from "../media/keys";
import { requestRebuild } from "../media/rebuild-requests";
import { requestOcr } from "../media/recipe-ocr";
import * as Storage from "../media/storage";
import { fileUrl } from "../media/urls";
import type { CreateRecipeRequest, RecipeResponse, UpdateRecipeRequest } from "./schemas";

const noRecipe = (recipeId: string) => notFound(`There is no recipe with id ${recipeId}.`);
const noCourse = (courseId: string) => notFound(`There is no course with id ${courseId}.`);

/**
 * The OCR fields (issue 15), for admins: they compare the text read with theirs and accept it. Students read
 * `recipe_text` alone, whoever wrote it: the raw OCR output (and its confidence) is a draft for the admin.
 */
function ocrFieldsFor(recipe: RecipeRecord, isAdmin: boolean): Pick<RecipeResponse, "recipe_text_source" | "ocr_status" | "ocr_text" | "ocr_confidence" | "ocr_error"> {
  if (!isAdmin) return { recipe_text_source: null, ocr_status: null, ocr_text: null, ocr_confidence: null, ocr_error: null };
  return {
    recipe_text_source: recipe.recipe_text ? (recipe.recipe_text_source ?? "admin") : null,
    ocr_status: recipe.ocr_status ?? "none",
    ocr_text: recipe.ocr_text ?? null,
    ocr_confidence: recipe.ocr_confidence ?? null,
    ocr_error: recipe.ocr_error ?? null,
  };
}

/**
 * `withAccess`: the caller may see this recipe (see `isVisible`); only then is there an image URL. `isAdmin`: the
 * OCR fields are shown.
 */
export async function toResponse(recipe: RecipeRecord, withAccess: boolean, isAdmin: boolean): Promise<RecipeResponse> {
  return {
    id: recipe.recipe_id,
    course_id: recipe.course_id,
    title: recipe.title,
    description: recipe.description ?? null,
    recipe_text: recipe.recipe_text ?? null,
    order: recipe.order,
    image_url: await fileUrl(recipe.image_key, withAccess),
    image_status: recipe.image_status,
    image_error: recipe.image_error ?? null,
    // Recipe sources (media issue #14).
    source: recipe.source ?? (recipe.image_key ? "image" : "none"),
    pdf_url: await fileUrl(recipe.pdf_key, withAccess),
    page_count: recipe.pdf_key ? (recipe.pdf_page_count ?? null) : recipe.image_key ? 1 : null,
    ...ocrFieldsFor(recipe, isAdmin),
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
  return Promise.all(page.recipes.filter((recipe) => isVisible(recipe, caller, access)).map((recipe) => toResponse(recipe, true, caller.isAdmin)));
}

/** One Query of gsi1 (recipes are keyed by course; their own id is an index). */
export async function find(recipeId: string): Promise<RecipeRecord> {
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
  return toResponse(recipe, true, caller.isAdmin);
}

/** Adds the recipe and counts it on the course, in one transaction (retried when it races another). */
export async function create(courseId: string, request: CreateRecipeRequest): Promise<RecipeRecord> {
  const now = clock.now().toISOString();
  const { order, ...fields } = request;
  const recipe: RecipeRecord = {
    recipe_id: newId(),
    course_id: courseId,
    ...fields,
    order: order ?? (await endOrder("recipe", courseId)),
    // An admin's text: OCR never replaces it (issue 15).
    ...(fields.recipe_text ? { recipe_text_source: "admin" as const } : {}),
    image_status: "none",
    created_at: now,
    updated_at: now,
  };
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

/** ElectroDB refuses an empty REMOVE list. */
type Removable = "description" | "recipe_text" | "recipe_text_source";
const withRemoved = <P extends { remove(fields: Removable[]): P }>(patch: P, fields: Removable[]): P =>
  fields.length > 0 ? patch.remove(fields) : patch;

/** Changes that show in the consolidated PDF (the page, its order, its title and description). */
const affectsPdf = (changes: UpdateRecipeRequest) =>
  ["title", "description", "order", "is_active"].some((field) => changes[field as keyof UpdateRecipeRequest] !== undefined);

/**
 * Updates the fields given. When the change shows in the PDF, the course's PDF
 * revision moves in the same transaction and a rebuild is queued (no S3 event would announce it).
 */
export async function update(recipeId: string, changes: UpdateRecipeRequest): Promise<RecipeRecord> {
  const recipe = await find(recipeId);
  const { description, recipe_text, ...rest } = changes;
  // An empty text clears the field, like null (the schemas trim, so "   " is empty too).
  const isCleared = (value: string | null | undefined) => value === null || value === "";
  // An admin's text is theirs for good (OCR never replaces it, issue 15); a text they clear goes back to OCR's care.
  const cleared = [...(isCleared(description) ? ["description" as const] : []), ...(isCleared(recipe_text) ? ["recipe_text" as const, "recipe_text_source" as const] : [])];
  // Not narrowed to recipes with a photo: `recipe` comes from gsi1, which may not show a photo that just landed.
  // A rebuild that changes nothing costs one PDF; a missed one leaves a stale PDF.
  const rebuild = affectsPdf(changes);
  const updatedAt = clock.now().toISOString();
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ recipe: recipes, course }) => [
        withRemoved(
          recipes
            .patch({ course_id: recipe.course_id, recipe_id: recipeId })
            .set({ ...rest, ...(description ? { description } : {}), ...(recipe_text ? { recipe_text, recipe_text_source: "admin" as const } : {}), updated_at: updatedAt }),
          cleared,
        ).commit(),
        ...(rebuild ? [course.patch({ course_id: recipe.course_id }).add({ recipes_revision: 1 }).commit()] : []),
      ])
      .go();
    assertTransactionSucceeded(result, [noRecipe(recipeId), noCourse(recipe.course_id)]);
  });
  if (rebuild) await requestRebuild([recipe.course_id]);
  const updated: RecipeRecord = { ...recipe, ...rest, updated_at: updatedAt };
  if (description) updated.description = description;
  if (recipe_text) Object.assign(updated, { recipe_text, recipe_text_source: "admin" });
  for (const field of cleared) delete updated[field];
  return updated;
}

/**
 * Removes the recipe and uncounts it in one transaction (moving the PDF revision when it had a photo), then
 * removes its photo or PDF: that deletion's S3 event queues the PDF rebuild.
 */
export async function remove(recipeId: string): Promise<void> {
  const recipe = await find(recipeId);
  await retryOnConflict(async () => {
    const result = await db()
      .transaction.write(({ recipe: recipes, course }) => [
        recipes.delete({ course_id: recipe.course_id, recipe_id: recipeId }).where((attr, op) => op.exists(attr.recipe_id)).commit(),
        course
          .patch({ course_id: recipe.course_id })
          .add({ recipes_count: -1, recipes_revision: recipe.image_key || recipe.pdf_key ? 1 : 0 })
          .commit(),
      ])
      .go();
    assertTransactionSucceeded(result, [noRecipe(recipeId), noCourse(recipe.course_id)]);
  });
  await Storage.removeAll(`${PREFIX.recipeImages}${recipe.course_id}/${recipeId}/`);
}

/**
 * Reads the recipe's photo again (POST /api/recipes/{id}/ocr, issue 15): `ocr_status` pending, then the RecipeOcr queue
 * (core/media/recipe-ocr.ts). Only a recipe whose source is a photo that is ready; an admin's `recipe_text` stays.
 */
export async function rerunOcr(recipeId: string): Promise<RecipeRecord> {
  const recipe = await find(recipeId);
  const imageKey = recipe.image_key;
  if (!imageKey || recipe.image_status !== "ready" || recipe.pdf_key) {
    throw new ProblemError(409, "This recipe has no photo to read: upload one first (a recipe PDF brings its own text).", { type: NO_PHOTO });
  }
  await whenConditionFails(
    db()
      .entities.recipe.patch({ course_id: recipe.course_id, recipe_id: recipeId })
      .set({ ocr_status: "pending" })
      .remove(["ocr_error"])
      .where((attr, op) => op.eq(attr.image_key, imageKey))
      .go(),
    new ProblemError(409, "The recipe's photo changed meanwhile; its text is being read already.", { type: NO_PHOTO }),
  );
  await requestOcr({ course_id: recipe.course_id, recipe_id: recipeId, image_key: imageKey });
  const updated: RecipeRecord = { ...recipe, ocr_status: "pending" };
  delete updated.ocr_error;
  return updated;
}

const NO_PHOTO = "urn:dulcevicio:problem:recipe-without-photo";
