import { http, noContent } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Lessons from "../../core/lessons/lessons";

export const handler = http("DELETE /api/lessons/{id}", {
  params: IdParams,
  errors: [409],
  run: async ({ params }) => {
    await Lessons.remove(params.id);
    return noContent();
  },
});
