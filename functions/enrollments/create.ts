import * as Enrollments from "../../core/enrollments/enrollments";
import { CreateEnrollmentRequest } from "../../core/enrollments/schemas";
import { created, http } from "../../core/http/handler";

export const handler = http("POST /api/enrollments", {
  body: CreateEnrollmentRequest,
  run: async ({ body, caller }) => created(await Enrollments.create(caller, body)),
});
