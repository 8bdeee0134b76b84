import * as Auth from "../../core/auth/auth";
import { ChangePasswordRequest, TokenPairResponse } from "../../core/auth/schemas";
import { http, ok } from "../../core/http/handler";

export const handler = http("PUT /api/auth/change-password", {
  body: ChangePasswordRequest,
  response: TokenPairResponse,
  errors: [409, 429],
  run: async ({ caller, body, sourceIp }) => ok(await Auth.changePassword(caller.user, body, sourceIp)),
});
