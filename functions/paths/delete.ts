import { http, noContent } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Paths from "../../core/paths/paths";

export const handler = http("DELETE /api/paths/{id}", {
  params: IdParams,
  run: async ({ params }) => {
    await Paths.remove(params.id);
    return noContent();
  },
});
