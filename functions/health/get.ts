import * as Health from "../../core/health";
import { http, ok } from "../../core/http/handler";
import * as z from "zod";

export const handler = http("GET /api/health", {
  response: z.object({ status: z.literal("ok") }),
  errors: [503],
  run: async () => ok(await Health.check()),
});
