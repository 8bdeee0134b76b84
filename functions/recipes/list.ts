import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Recipes from "../../core/recipes/recipes";
import { RecipeListResponse } from "../../core/recipes/schemas";

export const handler = http("GET /api/courses/{id}/recipes", {
  params: IdParams,
  response: RecipeListResponse,
  errors: [403],
  // A course's recipes come in one page: they are read with the course anyway, to sort them by `order`.
  run: async ({ caller, params }) => ok({ items: await Recipes.listFor(caller, params.id), next_cursor: null }),
});
