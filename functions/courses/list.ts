import * as Courses from "../../core/courses/courses";
import { CourseListResponse, CourseTag } from "../../core/courses/schemas";
import { http, ok } from "../../core/http/handler";
import { PageQuery } from "../../core/http/pagination";
import * as z from "zod";

export const handler = http("GET /api/courses", {
  query: z.strictObject({ ...PageQuery, tag: CourseTag.optional().meta({ description: "Only courses carrying this tag." }) }),
  response: CourseListResponse,
  run: async ({ caller, query }) => ok(await Courses.list(caller, query.limit, query.cursor, query.tag)),
});
