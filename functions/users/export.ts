import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import { exportPersonalData } from "../../core/exports/exports";
import { PersonalDataExport } from "../../core/exports/schemas";

export const handler = http("GET /api/users/{id}/export", {
  params: IdParams,
  response: PersonalDataExport,
  run: async ({ params }) => ok(await exportPersonalData(params.id)),
});
