import { http, noContent } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Recipes from "../../core/recipes/recipes";

export const handler = http("DELETE /api/recipes/{id}", {
  params: IdParams,
  errors: [409],
  run: async ({ params }) => {
    await Recipes.remove(params.id);
    return noContent();
  },
});
