import * as Courses from "../../core/courses/courses";
import { toCoursePageResponse } from "../../core/courses/page-view";
import { http } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("GET /api/courses/{id}", {
  params: IdParams,
  run: async ({ caller, params }) => {
    const { page, access } = await Courses.pageFor(caller, params.id);
    return { status: 200, body: await toCoursePageResponse(page, caller, access), headers: { etag: Courses.etagOf(page.course) } };
  },
});
