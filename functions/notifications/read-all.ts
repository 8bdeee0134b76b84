import { http, ok } from "../../core/http/handler";
import * as Inbox from "../../core/notifications/inbox";
import { UnreadCount } from "../../core/notifications/schemas";

export const handler = http("POST /api/notifications/read-all", {
  response: UnreadCount,
  run: async ({ caller }) => ok(await Inbox.markAllRead(caller)),
});
