import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import { UserProgressResponse } from "../../core/progress/schemas";
import * as ProgressViews from "../../core/progress/views";

export const handler = http("GET /api/users/{id}/progress", {
  params: IdParams,
  response: UserProgressResponse,
  run: async ({ params }) => ok(await ProgressViews.userProgress(params.id)),
});
