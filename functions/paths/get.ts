import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Paths from "../../core/paths/paths";
import { PathResponse } from "../../core/paths/schemas";

export const handler = http("GET /api/paths/{id}", {
  params: IdParams,
  response: PathResponse,
  run: async ({ caller, params }) => ok(await Paths.get(caller, params.id)),
});
