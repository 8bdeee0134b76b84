import { created, http } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Lessons from "../../core/lessons/lessons";
import { CreateLessonRequest, LessonResponse } from "../../core/lessons/schemas";

export const handler = http("POST /api/courses/{id}/lessons", {
  params: IdParams,
  body: CreateLessonRequest,
  response: LessonResponse,
  status: 201,
  errors: [409],
  run: async ({ params, body }) => {
    const { lesson, text } = await Lessons.create(params.id, body);
    return created(await Lessons.toResponse(lesson, true, undefined, { text }));
  },
});
