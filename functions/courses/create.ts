import * as Courses from "../../core/courses/courses";
import { CourseEtag, CourseResponse, CreateCourseRequest } from "../../core/courses/schemas";
import { toCourseResponse } from "../../core/courses/views";
import { created, http } from "../../core/http/handler";

export const handler = http("POST /api/courses", {
  body: CreateCourseRequest,
  response: CourseResponse,
  responseHeaders: { ETag: CourseEtag },
  status: 201,
  run: async ({ caller, body }) => {
    const course = await Courses.create(caller, body);
    return { ...created(await toCourseResponse(course, true)), headers: { etag: Courses.etagOf(course) } };
  },
});
