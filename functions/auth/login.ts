import * as Auth from "../../core/auth/auth";
import { LoginRequest } from "../../core/auth/schemas";
import { http, ok } from "../../core/http/handler";

export const handler = http("POST /api/auth/login", {
  body: LoginRequest,
  run: async ({ body, sourceIp }) => ok(await Auth.login(body, sourceIp)),
});
