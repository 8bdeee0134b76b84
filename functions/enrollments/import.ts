import { created, http } from "../../core/http/handler";
import * as Imports from "../../core/imports/imports";
import { StartImportRequest, StartImportResponse } from "../../core/imports/schemas";

export const handler = http("POST /api/enrollments/import", {
  body: StartImportRequest,
  response: StartImportResponse,
  status: 201,
  run: async ({ caller, body }) => created(await Imports.start(caller, body.filename, body.content_type)),
});
