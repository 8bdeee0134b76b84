import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Recipes from "../../core/recipes/recipes";

export const handler = http("GET /api/courses/{id}/recipes", {
  params: IdParams,
  // A course's recipes come in one page: they are read with the course anyway, to sort them by `order`.
  run: async ({ caller, params }) => ok({ items: await Recipes.listFor(caller, params.id), next_cursor: null }),
});
