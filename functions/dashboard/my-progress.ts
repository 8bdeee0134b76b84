import * as Dashboard from "../../core/dashboard/dashboard";
import { MyProgressResponse } from "../../core/dashboard/schemas";
import { http, ok } from "../../core/http/handler";

export const handler = http("GET /api/dashboard/my-progress", {
  response: MyProgressResponse,
  run: async ({ caller }) => ok(await Dashboard.myProgress(caller)),
});
