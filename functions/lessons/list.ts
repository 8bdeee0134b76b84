import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Lessons from "../../core/lessons/lessons";
import { LessonListResponse } from "../../core/lessons/schemas";

export const handler = http("GET /api/courses/{id}/lessons", {
  params: IdParams,
  response: LessonListResponse,
  // A course's lessons come in one page: they are read with the course anyway, to sort them by `order`.
  run: async ({ caller, params }) => ok({ items: await Lessons.listFor(caller, params.id), next_cursor: null }),
});
