import * as Courses from "../../core/courses/courses";
import { toCourseResponse } from "../../core/courses/views";
import { http } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("POST /api/courses/{id}/generate-recipe-pdf", {
  params: IdParams,
  // 202: the rebuild queue builds it; the course's consolidated_recipe_pdf.status shows the progress.
  run: async ({ params }) => ({ status: 202, body: await toCourseResponse(await Courses.regenerateRecipePdf(params.id), true) }),
});
