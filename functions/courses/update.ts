import * as Courses from "../../core/courses/courses";
import { CourseEtag, CourseResponse, IfMatchHeaders, UpdateCourseRequest } from "../../core/courses/schemas";
import { toCourseResponse } from "../../core/courses/views";
import { http } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("PUT /api/courses/{id}", {
  params: IdParams,
  body: UpdateCourseRequest,
  headers: IfMatchHeaders,
  response: CourseResponse,
  responseHeaders: { ETag: CourseEtag },
  errors: [412],
  run: async ({ params, body, headers }) => {
    const course = await Courses.update(params.id, body, headers["if-match"]);
    return { status: 200, body: await toCourseResponse(course, true), headers: { etag: Courses.etagOf(course) } };
  },
});
