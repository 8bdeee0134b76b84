import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import { latestOrStart } from "../../core/exports/exports";
import { PersonalDataExport } from "../../core/exports/schemas";

export const handler = http("GET /api/users/{id}/export", {
  params: IdParams,
  response: PersonalDataExport,
  run: async ({ params, caller }) => ok(await latestOrStart(params.id, caller.id)),
});
