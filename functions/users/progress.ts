import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as UserAdmin from "../../core/users/admin";

export const handler = http("GET /api/users/{id}/progress", {
  params: IdParams,
  run: async ({ params }) => ok(await UserAdmin.progress(params.id)),
});
