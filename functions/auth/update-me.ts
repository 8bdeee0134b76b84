import { http, ok } from "../../core/http/handler";
import { UpdateProfileRequest, UserResponse } from "../../core/users/schemas";
import * as Users from "../../core/users/users";

export const handler = http("PUT /api/auth/me", {
  body: UpdateProfileRequest,
  response: UserResponse,
  errors: [409],
  run: async ({ caller, body }) => ok(await Users.toResponse(await Users.updateProfile(caller.user, body))),
});
