import * as Enrollments from "../../core/enrollments/enrollments";
import { http, noContent } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("DELETE /api/enrollments/{id}", {
  params: IdParams,
  errors: [409],
  run: async ({ params }) => {
    await Enrollments.remove(params.id);
    return noContent();
  },
});
