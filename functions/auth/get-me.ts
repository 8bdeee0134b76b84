import { http, ok } from "../../core/http/handler";
import { UserResponse } from "../../core/users/schemas";
import * as Users from "../../core/users/users";

export const handler = http("GET /api/auth/me", {
  response: UserResponse,
  // The caller's user item was already read by the auth check: no further DynamoDB request.
  run: async ({ caller }) => ok(await Users.toResponse(caller.user)),
});
