import * as Enrollments from "../../core/enrollments/enrollments";
import { CreateEnrollmentRequest, EnrollmentResponse } from "../../core/enrollments/schemas";
import { created, http } from "../../core/http/handler";

export const handler = http("POST /api/enrollments", {
  body: CreateEnrollmentRequest,
  response: EnrollmentResponse,
  status: 201,
  errors: [404, 409],
  run: async ({ body, caller }) => created(await Enrollments.create(caller, body)),
});
