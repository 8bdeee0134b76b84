import { http, ok } from "../../core/http/handler";
import { NotificationSettingsResponse, UpdateNotificationSettingsRequest } from "../../core/notifications/schemas";
import * as Settings from "../../core/notifications/settings";

export const handler = http("PUT /api/auth/me/notifications", {
  body: UpdateNotificationSettingsRequest,
  response: NotificationSettingsResponse,
  run: async ({ caller, body }) => ok(await Settings.update(caller, body)),
});
