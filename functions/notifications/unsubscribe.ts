import { http } from "../../core/http/handler";
import { UnsubscribePage, UnsubscribeQuery } from "../../core/notifications/schemas";
import * as Pages from "../../core/notifications/unsubscribe-pages";
import * as Settings from "../../core/notifications/settings";

/** RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` (form-encoded); the body says nothing more, so it is not read. */
export const handler = http("POST /api/notifications/unsubscribe", {
  query: UnsubscribeQuery,
  response: UnsubscribePage,
  run: async ({ query }) => Pages.done((await Settings.unsubscribe(query.token)).topic),
});
