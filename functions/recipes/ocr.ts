import { http } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Recipes from "../../core/recipes/recipes";
import { RecipeResponse } from "../../core/recipes/schemas";

export const handler = http("POST /api/recipes/{id}/ocr", {
  params: IdParams,
  response: RecipeResponse,
  status: 202,
  errors: [409],
  // 202: the RecipeOcr queue reads the photo; the recipe's ocr_status shows the progress.
  run: async ({ params }) => ({ status: 202, body: await Recipes.toResponse(await Recipes.rerunOcr(params.id), true, true) }),
});
