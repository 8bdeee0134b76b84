import * as Enrollments from "../../core/enrollments/enrollments";
import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("GET /api/enrollments/{id}", {
  params: IdParams,
  run: async ({ params }) => ok(await Enrollments.get(params.id)),
});
