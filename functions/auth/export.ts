import { http, ok } from "../../core/http/handler";
import { latestOrStart } from "../../core/exports/exports";
import { PersonalDataExport } from "../../core/exports/schemas";

export const handler = http("GET /api/auth/me/export", {
  response: PersonalDataExport,
  run: async ({ caller }) => ok(await latestOrStart(caller.id, caller.id)),
});
