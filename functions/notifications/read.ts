import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Inbox from "../../core/notifications/inbox";
import { NotificationResponse } from "../../core/notifications/schemas";

export const handler = http("PUT /api/notifications/{id}/read", {
  params: IdParams,
  response: NotificationResponse,
  run: async ({ caller, params }) => ok(await Inbox.markRead(caller, params.id)),
});
