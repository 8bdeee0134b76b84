import { http, ok } from "../../core/http/handler";
import { NotificationSettingsResponse } from "../../core/notifications/schemas";
import * as Settings from "../../core/notifications/settings";

export const handler = http("GET /api/auth/me/notifications", {
  response: NotificationSettingsResponse,
  run: async ({ caller }) => ok(await Settings.get(caller)),
});
