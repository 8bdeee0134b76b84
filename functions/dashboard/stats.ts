import * as Dashboard from "../../core/dashboard/dashboard";
import { StatsResponse } from "../../core/dashboard/schemas";
import { http, ok } from "../../core/http/handler";

export const handler = http("GET /api/dashboard/stats", {
  response: StatsResponse,
  run: async () => ok(await Dashboard.stats()),
});
