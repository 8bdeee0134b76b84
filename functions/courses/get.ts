import { coursePageFor } from "../../core/courses/page-view";
import { CoursePageResponse } from "../../core/courses/schemas";
import { http } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("GET /api/courses/{id}", {
  params: IdParams,
  response: CoursePageResponse,
  run: async ({ caller, params }) => {
    const { body, etag } = await coursePageFor(caller, params.id);
    return { status: 200, body, headers: { etag } };
  },
});
