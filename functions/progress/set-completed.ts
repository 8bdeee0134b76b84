import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Progress from "../../core/progress/progress";
import { LessonProgressResponse, SetCompletedRequest } from "../../core/progress/schemas";

export const handler = http("PUT /api/lessons/{id}/complete", {
  params: IdParams,
  body: SetCompletedRequest,
  response: LessonProgressResponse,
  errors: [403],
  run: async ({ caller, params, body }) => ok(await Progress.setCompleted(caller, params.id, body.completed)),
});
