import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Paths from "../../core/paths/paths";
import { PathResponse, UpdatePathRequest } from "../../core/paths/schemas";

export const handler = http("PUT /api/paths/{id}", {
  params: IdParams,
  body: UpdatePathRequest,
  response: PathResponse,
  run: async ({ caller, params, body }) => ok(await Paths.update(caller, params.id, body)),
});
