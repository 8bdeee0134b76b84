import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as UserAdmin from "../../core/users/admin";
import { UserResponse } from "../../core/users/schemas";

export const handler = http("GET /api/users/{id}", {
  params: IdParams,
  response: UserResponse,
  run: async ({ params }) => ok(await UserAdmin.get(params.id)),
});
