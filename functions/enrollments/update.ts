import * as Enrollments from "../../core/enrollments/enrollments";
import { EnrollmentResponse, UpdateEnrollmentRequest } from "../../core/enrollments/schemas";
import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("PUT /api/enrollments/{id}", {
  params: IdParams,
  body: UpdateEnrollmentRequest,
  response: EnrollmentResponse,
  run: async ({ params, body }) => ok(await Enrollments.update(params.id, body)),
});
