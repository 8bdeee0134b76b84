import { RefreshRequest, TokenPairResponse } from "../../core/auth/schemas";
import * as Sessions from "../../core/auth/sessions";
import { http, ok } from "../../core/http/handler";

export const handler = http("POST /api/auth/refresh", {
  body: RefreshRequest,
  response: TokenPairResponse,
  errors: [401],
  run: async ({ body }) => ok(await Sessions.rotate(body.refresh_token)),
});
