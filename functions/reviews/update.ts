import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Reviews from "../../core/reviews/reviews";
import { ReviewRequest, ReviewResponse } from "../../core/reviews/schemas";

export const handler = http("PUT /api/courses/{id}/review", {
  params: IdParams,
  body: ReviewRequest,
  response: ReviewResponse,
  errors: [403, 409],
  run: async ({ caller, params, body }) => ok(await Reviews.update(caller, params.id, body)),
});
