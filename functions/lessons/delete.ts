import { http, noContent } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Lessons from "../../core/lessons/lessons";

export const handler = http("DELETE /api/lessons/{id}", {
  params: IdParams,
  run: async ({ params }) => {
    await Lessons.remove(params.id);
    return noContent();
  },
});
