import { http, noContent } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Reviews from "../../core/reviews/reviews";

export const handler = http("DELETE /api/courses/{id}/review", {
  params: IdParams,
  errors: [403, 409],
  run: async ({ caller, params }) => {
    await Reviews.remove(caller, params.id);
    return noContent();
  },
});
