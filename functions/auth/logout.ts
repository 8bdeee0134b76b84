import { LogoutRequest } from "../../core/auth/schemas";
import * as Sessions from "../../core/auth/sessions";
import { http, noContent } from "../../core/http/handler";

export const handler = http("POST /api/auth/logout", {
  body: LogoutRequest,
  run: async ({ body }) => {
    await Sessions.end(body.refresh_token);
    return noContent();
  },
});
