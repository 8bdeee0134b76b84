import { coursePageFor } from "../../core/courses/page-view";
import { CourseEtag, CoursePageResponse } from "../../core/courses/schemas";
import { http } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("GET /api/courses/{id}", {
  params: IdParams,
  response: CoursePageResponse,
  responseHeaders: { ETag: CourseEtag },
  run: async ({ caller, params }) => {
    const { body, etag } = await coursePageFor(caller, params.id);
    return { status: 200, body, headers: { etag } };
  },
});
