import { http } from "../../core/http/handler";
import { UnsubscribePage, UnsubscribeQuery } from "../../core/notifications/schemas";
import * as Pages from "../../core/notifications/unsubscribe-pages";
import * as Settings from "../../core/notifications/settings";

/** Opening the link changes nothing (mail scanners open links too): the page's button POSTs, as RFC 8058 clients do. */
export const handler = http("GET /api/notifications/unsubscribe", {
  query: UnsubscribeQuery,
  response: UnsubscribePage,
  run: async ({ query }) => Pages.confirm(Settings.topicOf(query.token)),
});
