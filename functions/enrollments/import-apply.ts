import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Imports from "../../core/imports/imports";
import { ImportResponse } from "../../core/imports/schemas";

export const handler = http("POST /api/enrollments/import/{id}/apply", {
  params: IdParams,
  response: ImportResponse,
  errors: [409],
  run: async ({ caller, params, requestId }) => ok(await Imports.apply(caller, params.id, requestId)),
});
