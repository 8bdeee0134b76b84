import { created, http } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Recipes from "../../core/recipes/recipes";
import { CreateRecipeRequest, RecipeResponse } from "../../core/recipes/schemas";

export const handler = http("POST /api/courses/{id}/recipes", {
  params: IdParams,
  body: CreateRecipeRequest,
  response: RecipeResponse,
  status: 201,
  errors: [409],
  run: async ({ params, body }) => created(await Recipes.toResponse(await Recipes.create(params.id, body), true, true)),
});
