import { StudentListResponse } from "../../core/courses/schemas";
import * as z from "zod";
import * as Students from "../../core/courses/students";
import { http, ok } from "../../core/http/handler";
import { PageQuery } from "../../core/http/pagination";
import { IdParams } from "../../core/http/params";

export const handler = http("GET /api/courses/{id}/students", {
  params: IdParams,
  query: z.strictObject(PageQuery),
  response: StudentListResponse,
  run: async ({ caller, params, query }) => ok(await Students.list(caller, params.id, query.limit, query.cursor)),
});
