import * as Courses from "../../core/courses/courses";
import { http, noContent } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("DELETE /api/courses/{id}", {
  params: IdParams,
  run: async ({ params }) => {
    await Courses.remove(params.id);
    return noContent();
  },
});
