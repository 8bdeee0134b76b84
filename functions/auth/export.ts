import { http, ok } from "../../core/http/handler";
import { exportPersonalData } from "../../core/exports/exports";
import { PersonalDataExport } from "../../core/exports/schemas";

export const handler = http("GET /api/auth/me/export", {
  response: PersonalDataExport,
  run: async ({ caller }) => ok(await exportPersonalData(caller.id)),
});
