import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Lessons from "../../core/lessons/lessons";
import { LessonResponse, UpdateLessonRequest } from "../../core/lessons/schemas";

export const handler = http("PUT /api/lessons/{id}", {
  params: IdParams,
  body: UpdateLessonRequest,
  response: LessonResponse,
  errors: [409],
  run: async ({ params, body }) => {
    const { lesson, text } = await Lessons.update(params.id, body);
    return ok(await Lessons.toResponse(lesson, true, undefined, { text }));
  },
});
