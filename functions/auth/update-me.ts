import { http, ok } from "../../core/http/handler";
import { UpdateProfileRequest } from "../../core/users/schemas";
import * as Users from "../../core/users/users";

export const handler = http("PUT /api/auth/me", {
  body: UpdateProfileRequest,
  run: async ({ caller, body }) => ok(Users.toResponse(await Users.updateProfile(caller.user, body))),
});
