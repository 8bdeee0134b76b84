import * as Auth from "../../core/auth/auth";
import { LoginRequest, TokenPairResponse } from "../../core/auth/schemas";
import { http, ok } from "../../core/http/handler";

export const handler = http("POST /api/auth/login", {
  body: LoginRequest,
  response: TokenPairResponse,
  errors: [401, 403, 429],
  run: async ({ body, sourceIp }) => ok(await Auth.login(body, sourceIp)),
});
