import * as Memberships from "../../core/memberships/memberships";
import { http, noContent } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("DELETE /api/memberships/{id}", {
  params: IdParams,
  run: async ({ params }) => {
    await Memberships.remove(params.id);
    return noContent();
  },
});
