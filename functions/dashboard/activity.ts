import * as Activity from "../../core/dashboard/activity";
import { ActivityQuery, ActivityResponse } from "../../core/dashboard/schemas";
import { http, ok } from "../../core/http/handler";

export const handler = http("GET /api/dashboard/activity", {
  query: ActivityQuery,
  response: ActivityResponse,
  run: async ({ query }) => ok(await Activity.activity(query.days)),
});
