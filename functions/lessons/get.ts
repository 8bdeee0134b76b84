import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Lessons from "../../core/lessons/lessons";
import { LessonResponse } from "../../core/lessons/schemas";

export const handler = http("GET /api/lessons/{id}", {
  params: IdParams,
  response: LessonResponse,
  errors: [403],
  run: async ({ caller, params }) => ok(await Lessons.getFor(caller, params.id)),
});
