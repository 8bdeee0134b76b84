import * as Health from "../../core/health";
import { http, ok } from "../../core/http/handler";

export const handler = http("GET /api/health", {
  run: async () => ok(await Health.check()),
});
