import * as Courses from "../../core/courses/courses";
import { CourseResponse } from "../../core/courses/schemas";
import { toCourseResponse } from "../../core/courses/views";
import { http } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("POST /api/courses/{id}/generate-recipe-pdf", {
  params: IdParams,
  response: CourseResponse,
  status: 202,
  // 202: the rebuild queue builds it; the course's consolidated_recipe_pdf.status shows the progress.
  run: async ({ params }) => ({ status: 202, body: await toCourseResponse(await Courses.regenerateRecipePdf(params.id), true) }),
});
