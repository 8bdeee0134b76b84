import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Reviews from "../../core/reviews/reviews";
import { ModerateReviewRequest, ReviewResponse } from "../../core/reviews/schemas";

export const handler = http("PUT /api/reviews/{id}/moderate", {
  params: IdParams,
  body: ModerateReviewRequest,
  response: ReviewResponse,
  errors: [409],
  run: async ({ params, body }) => ok(await Reviews.moderate(params.id, body.is_active)),
});
