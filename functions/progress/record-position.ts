import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Progress from "../../core/progress/progress";
import { LessonProgressResponse, RecordPositionRequest } from "../../core/progress/schemas";

export const handler = http("POST /api/lessons/{id}/progress", {
  params: IdParams,
  body: RecordPositionRequest,
  response: LessonProgressResponse,
  errors: [403, 409],
  run: async ({ caller, params, body }) => ok(await Progress.recordPosition(caller, params.id, body.last_watched_position)),
});
