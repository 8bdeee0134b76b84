import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as UserAdmin from "../../core/users/admin";
import { UpdateUserRequest, UserResponse } from "../../core/users/schemas";

export const handler = http("PUT /api/users/{id}", {
  params: IdParams,
  body: UpdateUserRequest,
  response: UserResponse,
  errors: [409],
  run: async ({ params, body, caller }) => ok(await UserAdmin.update(caller, params.id, body)),
});
