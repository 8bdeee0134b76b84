import { http, ok } from "../../core/http/handler";
import * as Inbox from "../../core/notifications/inbox";
import { NotificationListQuery, NotificationPage } from "../../core/notifications/schemas";

export const handler = http("GET /api/notifications", {
  query: NotificationListQuery,
  response: NotificationPage,
  run: async ({ caller, query }) => ok(await Inbox.list(caller, query.limit, query.cursor)),
});
