import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Imports from "../../core/imports/imports";
import { ImportResponse } from "../../core/imports/schemas";

export const handler = http("GET /api/enrollments/import/{id}", {
  params: IdParams,
  response: ImportResponse,
  run: async ({ params }) => ok(await Imports.get(params.id)),
});
