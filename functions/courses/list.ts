import * as Courses from "../../core/courses/courses";
import { CourseListResponse } from "../../core/courses/schemas";
import { http, ok } from "../../core/http/handler";
import { PageQuery } from "../../core/http/pagination";
import * as z from "zod";

export const handler = http("GET /api/courses", {
  query: z.strictObject(PageQuery),
  response: CourseListResponse,
  run: async ({ caller, query }) => ok(await Courses.list(caller, query.limit, query.cursor)),
});
