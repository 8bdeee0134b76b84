import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Lessons from "../../core/lessons/lessons";

export const handler = http("GET /api/lessons/{id}", {
  params: IdParams,
  run: async ({ caller, params }) => ok(await Lessons.getFor(caller, params.id)),
});
