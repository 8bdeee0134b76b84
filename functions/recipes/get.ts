import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Recipes from "../../core/recipes/recipes";
import { RecipeResponse } from "../../core/recipes/schemas";

export const handler = http("GET /api/recipes/{id}", {
  params: IdParams,
  response: RecipeResponse,
  errors: [403],
  run: async ({ caller, params }) => ok(await Recipes.getFor(caller, params.id)),
});
