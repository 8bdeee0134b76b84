import * as Comments from "../../core/comments/comments";
import { http, noContent } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("DELETE /api/comments/{id}", {
  params: IdParams,
  errors: [403],
  run: async ({ caller, params }) => {
    await Comments.remove(caller, params.id);
    return noContent();
  },
});
