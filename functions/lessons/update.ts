import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Lessons from "../../core/lessons/lessons";
import { UpdateLessonRequest } from "../../core/lessons/schemas";

export const handler = http("PUT /api/lessons/{id}", {
  params: IdParams,
  body: UpdateLessonRequest,
  run: async ({ params, body }) => ok(await Lessons.toResponse(await Lessons.update(params.id, body), true)),
});
