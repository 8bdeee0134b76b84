import * as Enrollments from "../../core/enrollments/enrollments";
import { EnrollmentResponse } from "../../core/enrollments/schemas";
import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("GET /api/enrollments/{id}", {
  params: IdParams,
  response: EnrollmentResponse,
  run: async ({ params }) => ok(await Enrollments.get(params.id)),
});
