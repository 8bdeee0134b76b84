import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Reviews from "../../core/reviews/reviews";
import { ReviewListQuery, ReviewPage } from "../../core/reviews/schemas";

export const handler = http("GET /api/courses/{id}/reviews", {
  params: IdParams,
  query: ReviewListQuery,
  response: ReviewPage,
  run: async ({ caller, params, query }) => ok(await Reviews.list(caller, params.id, query.limit, query.cursor)),
});
