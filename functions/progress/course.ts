import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import { CourseProgressResponse } from "../../core/progress/schemas";
import * as ProgressViews from "../../core/progress/views";

export const handler = http("GET /api/courses/{id}/progress", {
  params: IdParams,
  response: CourseProgressResponse,
  errors: [403],
  run: async ({ caller, params }) => ok(await ProgressViews.courseProgress(caller, params.id)),
});
