import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Recipes from "../../core/recipes/recipes";
import { RecipeResponse, UpdateRecipeRequest } from "../../core/recipes/schemas";

export const handler = http("PUT /api/recipes/{id}", {
  params: IdParams,
  body: UpdateRecipeRequest,
  response: RecipeResponse,
  errors: [409],
  run: async ({ params, body }) => ok(await Recipes.toResponse(await Recipes.update(params.id, body), true, true)),
});
