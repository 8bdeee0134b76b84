import { http, noContent } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as UserAdmin from "../../core/users/admin";

export const handler = http("DELETE /api/users/{id}", {
  params: IdParams,
  errors: [409],
  run: async ({ params, caller }) => {
    await UserAdmin.deactivate(caller, params.id);
    return noContent();
  },
});
