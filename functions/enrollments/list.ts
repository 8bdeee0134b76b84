import * as z from "zod";
import * as Enrollments from "../../core/enrollments/enrollments";
import { EnrollmentListFilters, EnrollmentListResponse } from "../../core/enrollments/schemas";
import { http, ok } from "../../core/http/handler";
import { PageQuery } from "../../core/http/pagination";

export const handler = http("GET /api/enrollments", {
  query: z.strictObject({ ...PageQuery, ...EnrollmentListFilters }),
  response: EnrollmentListResponse,
  run: async ({ caller, query: { limit, cursor, ...filters } }) => ok(await Enrollments.list(caller, filters, limit, cursor)),
});
