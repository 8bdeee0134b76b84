import { created, http } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Reviews from "../../core/reviews/reviews";
import { ReviewRequest, ReviewResponse } from "../../core/reviews/schemas";

export const handler = http("POST /api/courses/{id}/review", {
  params: IdParams,
  body: ReviewRequest,
  response: ReviewResponse,
  status: 201,
  errors: [403, 409],
  run: async ({ caller, params, body }) => created(await Reviews.create(caller, params.id, body)),
});
